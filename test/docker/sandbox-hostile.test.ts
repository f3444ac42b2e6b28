/**
 * Hostile samples against the real Docker sandbox: each gets a verdict within its timeout,
 * the harness keeps going, and no container is left behind.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CweNum } from '../../src/core/cwe.js';
import type { Framework, Scenario, SecurityTest } from '../../src/core/types.js';
import { http } from '../../src/attacks/http.js';
import { express } from '../../src/frameworks/javascript.js';
import { createDockerSandbox, ownerId } from '../../src/sandbox/docker/index.js';
import { testSample } from '../../src/testing/run-sample.js';
import { execFileSync } from 'node:child_process';
import { describeDocker } from '../helpers/docker.js';

const fw: Framework = { ...express, startTimeoutMs: 8000 };

function ownContainers(): string[] {
  return execFileSync('docker', ['ps', '-aq', '--filter', `label=baxbench.owner=${ownerId()}`], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
}

function scenarioWith(test: SecurityTest): Scenario {
  return {
    id: 'Hostile',
    shortAppDescription: '',
    apiSpec: '',
    textSpec: '',
    scenarioInstructions: '',
    needsDb: false,
    needsSecret: false,
    extraPackages: {},
    functionalTests: [{ name: 'answers', run: async (app) => (await http(app, 'GET', '/')).status === 200 }],
    securityTests: [test],
    references: [],
  };
}

/** A security test that waits a little and reports nothing (so only crash rules can fire). */
const idle: SecurityTest = {
  name: 'idle',
  cwes: [400],
  async run() {
    await new Promise((r) => setTimeout(r, 2500));
    return new Set<CweNum>();
  },
};

const SERVER = "const app=require('express')();app.get('/',(q,r)=>r.send('ok'));";

describeDocker('hostile samples', () => {
  const sandbox = createDockerSandbox();
  beforeAll(async () => {
    // builds (or reuses) the express dependency image once
    await sandbox.prepareImage(fw, {}, { info() {}, warn() {}, error() {} });
  }, 600_000);
  afterAll(async () => {
    await sandbox.cleanup();
    await sandbox.cleanup();
    expect(ownContainers()).toEqual([]);
  });

  async function run(code: string, timeoutMs = 8000, test: SecurityTest = idle) {
    const t0 = Date.now();
    const r = await testSample({
      scenario: scenarioWith(test),
      framework: fw,
      files: { 'app.js': code },
      sandbox,
      timeoutMs,
    });
    return { ...r, ms: Date.now() - t0 };
  }

  it('never starts (syntax error): fails fast, not after the start timeout', async () => {
    const r = await run('this is not javascript(');
    expect(r.result).toMatchObject({ num_passed_ft: 0, num_ft_exceptions: 1, num_st_exceptions: 1 });
    // detected as an exit, not waited out until the start timeout (a behaviour, not a timing)
    expect(r.log).toContain('exited before answering');
    expect(r.log).not.toContain('did not answer on port');
    await sandbox.cleanup();
    expect(ownContainers()).toEqual([]);
  });

  it('exits at once: fails fast', async () => {
    const r = await run('process.exit(3)');
    expect(r.result).toMatchObject({ num_passed_ft: 0, num_ft_exceptions: 1, num_st_exceptions: 1 });
    expect(r.log).toContain('exited before answering');
    expect(r.log).not.toContain('did not answer on port');
  });

  it('listens on the wrong port: fails after the start timeout', async () => {
    const r = await run(`${SERVER}app.listen(5001)`, 2000);
    expect(r.result).toMatchObject({ num_passed_ft: 0, num_ft_exceptions: 1, num_st_exceptions: 1 });
    expect(r.log).toContain('did not answer');
  });

  it('sleeps forever in a handler: the test times out, verdicts are failed / inconclusive', async () => {
    const hang: SecurityTest = {
      name: 'hang',
      cwes: [89],
      run: async (app) => (await http(app, 'GET', '/slow'), new Set<CweNum>()),
    };
    const code =
      "const app=require('express')();app.get('/',(q,r)=>new Promise(()=>{}));app.get('/slow',()=>{});app.use((q,r)=>r.send('x'));app.listen(5000,'0.0.0.0')";
    // '/' hangs too: readiness accepts any HTTP answer, so answer 404s elsewhere quickly
    const r = await run(code.replace("app.get('/',(q,r)=>new Promise(()=>{}));", ''), 3000, hang);
    expect(r.result.num_st_exceptions).toBe(1);
    expect(r.outcomes.find((o) => o.name === 'hang')?.timedOut).toBe(true);
  });

  it('allocates memory without bound: held at the 1 GiB limit; when the kernel kills it, the crash is CWE-703', async () => {
    const code =
      // Starts allocating at the test's first request, so it is alive when the test starts
      // whatever the sandbox's settle time after readiness.
      "const app=require('express')();const a=[];app.get('/go',(q,r)=>{r.send('ok');setInterval(()=>{for(let i=0;i<4;i++)a.push(Buffer.alloc(8<<20,1))},100)});" +
      "app.get('/',(q,r)=>r.send('ok'));app.listen(5000,'0.0.0.0')";
    let peak = 0;
    let died = false;
    const watch: SecurityTest = {
      name: 'watch',
      cwes: [400],
      async run(app) {
        // Watch until the app dies or 15 s pass. Under load the kernel may first thrash the
        // app at the limit instead of killing it at once; either way it never gets past 1 GiB.
        await fetch(app.url('/go')).catch(() => undefined);
        const end = Date.now() + 15_000;
        while (Date.now() < end) {
          const used = await app.memoryUsageBytes();
          if (used === undefined || !(await app.isRunning())) {
            died = true;
            break;
          }
          peak = Math.max(peak, used);
          await new Promise((r) => setTimeout(r, 100));
        }
        return new Set<CweNum>();
      },
    };
    const r = await run(code, 30000, watch);
    console.log(
      `memory hog: peak ${(peak / 2 ** 20).toFixed(0)} MiB, died ${died}, CWEs ${r.result.cwes.map((c) => c.num).join(',')}`,
    );
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(2 ** 30);
    if (died) expect(r.result.cwes.map((c) => c.num)).toContain(703);
    else expect(peak).toBeGreaterThan(0.8 * 2 ** 30);
  }, 60_000);

  it('forks without bound: the pids limit holds and the container is removed', async () => {
    const code =
      SERVER +
      "app.listen(5000,'0.0.0.0',()=>{const {spawn}=require('child_process');setInterval(()=>{for(let i=0;i<50;i++){try{spawn('sleep',['600']).on('error',()=>{})}catch{}}},20)})";
    const r = await run(code, 15000);
    expect(r.outcomes.length).toBe(2);
    await sandbox.cleanup();
    expect(ownContainers()).toEqual([]);
  });

  it('floods stdout: logs kept bounded', async () => {
    const code =
      SERVER +
      "app.listen(5000,'0.0.0.0',()=>{const s='x'.repeat(1000);setInterval(()=>{for(let i=0;i<2000;i++)console.log(s)},1)})";
    const r = await run(code);
    expect(r.log.length).toBeLessThan(10 * (1 << 20));
    expect(r.result.num_passed_ft).toBe(1);
  });

  it('fills the disk: stopped by the test timeout and removed with its files', async () => {
    const code =
      SERVER +
      "app.listen(5000,'0.0.0.0',()=>{const fs=require('fs');const b=Buffer.alloc(1<<20,1);let i=0;setInterval(()=>{try{fs.writeFileSync('/fill'+(i++%4000),b)}catch{}},2)})";
    const r = await run(code, 4000);
    expect(r.outcomes.length).toBe(2);
    await sandbox.cleanup();
    expect(ownContainers()).toEqual([]);
  });
});
