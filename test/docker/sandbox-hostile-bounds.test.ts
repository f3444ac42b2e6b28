/**
 * Hostile samples against the harness's own resources, on the real Docker engine: a build that
 * never ends, a build that floods its log, builds without network, an app that writes a huge file
 * a test reads back, a command with endless output, an app that floods stdout, an app that streams
 * an endless HTTP body. Each gets its verdict (or a bounded result) inside its limit, the harness's
 * memory stays flat (its RSS is sampled and printed), and no container or image is left behind.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CweNum } from '../../src/core/cwe.js';
import type { AppInstance, Framework, Scenario, SecurityTest, TestLog } from '../../src/core/types.js';
import { express } from '../../src/frameworks/javascript.js';
import { createDockerSandbox, ownerId, type DockerSandbox } from '../../src/sandbox/docker/index.js';
import { testSample } from '../../src/testing/run-sample.js';
import { describeDocker } from '../helpers/docker.js';

const MiB = 2 ** 20;
const fw: Framework = { ...express, startTimeoutMs: 20_000 };
const quiet: TestLog = { info() {}, warn() {}, error() {} };

/** The same framework (same dependency image), with build steps of our choosing. */
function building(prepare: string[], prepareNeedsNetwork = false): Framework {
  return { ...fw, image: { ...fw.image, prepare, prepareNeedsNetwork } };
}

function ownContainers(): string[] {
  return execFileSync('docker', ['ps', '-aq', '--filter', `label=baxbench.owner=${ownerId()}`], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
}

function ownImages(): string[] {
  return execFileSync('docker', ['images', '-q', '--filter', `label=baxbench.owner=${ownerId()}`], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
}

/** Samples this process's resident memory every 20 ms while `fn` runs. */
async function measured<T>(what: string, fn: () => Promise<T>): Promise<{ value: T; growthMiB: number }> {
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    const growthMiB = (peak - base) / MiB;
    peaks.push(
      `${what}: peak RSS ${(peak / MiB).toFixed(0)} MiB (+${growthMiB.toFixed(0)} MiB over ${(base / MiB).toFixed(0)} MiB)`,
    );
    return { value, growthMiB };
  } finally {
    clearInterval(timer);
  }
}
const peaks: string[] = [];

const SERVER = "const app=require('express')();app.get('/',(q,r)=>r.send('ok'));";

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
    functionalTests: [{ name: 'answers', run: async (app) => (await fetch(app.url('/'))).status === 200 }],
    securityTests: [test],
    references: [],
  };
}

const nothing: SecurityTest = { name: 'nothing', cwes: [400], run: async () => new Set<CweNum>() };

describeDocker('hostile samples: bounded builds and reads', () => {
  let sandbox: DockerSandbox;
  beforeAll(async () => {
    sandbox = createDockerSandbox({ networkIsolation: 'sealed', buildTimeoutMs: 8000 });
    await sandbox.prepareImage(fw, {}, quiet);
  }, 600_000);
  afterAll(async () => {
    await sandbox.cleanup();
    expect(ownContainers()).toEqual([]);
    expect(ownImages()).toEqual([]);
    const hwm = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    console.log(
      `harness memory:\n  ${peaks.join('\n  ')}\n  process high-water mark (VmHWM, whole test file): ${(Number(hwm) / 1024).toFixed(0)} MiB`,
    );
  });

  const run = async (framework: Framework, code: string, test: SecurityTest = nothing, timeoutMs = 20_000) => {
    // A sandbox remembers each dependency image with the framework it was first asked for: a
    // framework with build steps of its own gets a sandbox of its own (same image, reused).
    const sb = framework === fw ? sandbox : createDockerSandbox({ networkIsolation: 'sealed', buildTimeoutMs: 8000 });
    try {
      return await testSample({
        scenario: scenarioWith(test),
        framework,
        files: { 'app.js': code },
        sandbox: sb,
        timeoutMs,
      });
    } finally {
      if (sb !== sandbox) await sb.cleanup();
    }
  };

  it("a build that never ends is stopped at the build time limit: the sample's build failure", async () => {
    const t0 = Date.now();
    const r = await run(building(['while true; do :; done']), `${SERVER}app.listen(5000,'0.0.0.0')`);
    const secs = (Date.now() - t0) / 1000;
    expect(r.buildFailed).toBe(true);
    expect(r.result).toMatchObject({ num_passed_ft: 0, num_ft_exceptions: 1, num_total_st: 1, num_st_exceptions: 1 });
    expect(r.log).toContain('past the build time limit of 8 s');
    expect(r.log).toContain('build stopped: still running after the build time limit of 8 s');
    expect(secs).toBeLessThan(8 + 30);
    expect(ownContainers()).toEqual([]);
  });

  it('a build that floods its log: test.log keeps its start and end and says what was cut; memory stays flat', async () => {
    const { value: r, growthMiB } = await measured('build flooding its log (8 s of `yes`)', () =>
      run(building(['yes "the build floods its log with this line"']), `${SERVER}app.listen(5000,'0.0.0.0')`),
    );
    expect(r.buildFailed).toBe(true);
    expect(r.log).toMatch(/of build output cut here: the build log keeps its first 64 KiB and its last 960 KiB/);
    const build = r.log.slice(r.log.indexOf('==== build'), r.log.indexOf('==== summary'));
    expect(build.length).toBeLessThan(1.2 * MiB);
    expect(build.length).toBeGreaterThan(0.9 * MiB);
    expect(growthMiB).toBeLessThan(200);
  });

  it('builds run without any network unless the framework declares that its build fetches packages', async () => {
    const sealed = await run(building(['cat /proc/net/dev']), `${SERVER}app.listen(5000,'0.0.0.0')`);
    expect(sealed.buildFailed).toBe(false);
    const dev = sealed.log.slice(sealed.log.indexOf('build output:'));
    expect(dev).toMatch(/^\s*lo:/m);
    expect(dev).not.toMatch(/^\s*eth0:/m);
    expect(sealed.result.num_passed_ft).toBe(1);
    const fetching = await run(building(['cat /proc/net/dev'], true), `${SERVER}app.listen(5000,'0.0.0.0')`);
    expect(fetching.log.slice(fetching.log.indexOf('build output:'))).toMatch(/^\s*eth0:/m);
  });

  it('an app that writes a huge file a test reads back: the read is cut at the cap, the log says so, memory stays flat', async () => {
    let got = -1;
    const reader: SecurityTest = {
      name: 'reads the huge file',
      cwes: [22],
      async run(app: AppInstance) {
        // wait until the app has written it (512 MiB)
        for (let i = 0; i < 600; i++) {
          const r = await app.exec(['sh', '-c', 'test -f /huge.done && echo yes']);
          if (r.stdout.trim() === 'yes') break;
          await new Promise((res) => setTimeout(res, 100));
        }
        got = (await app.readFile('/huge')).length;
        return new Set<CweNum>();
      },
    };
    const code = `${SERVER}app.listen(5000,'0.0.0.0',()=>{const fs=require('fs');const fd=fs.openSync('/huge','w');const b=Buffer.alloc(1<<20,120);for(let i=0;i<512;i++)fs.writeSync(fd,b);fs.closeSync(fd);fs.writeFileSync('/huge.done','')})`;
    const { value: r, growthMiB } = await measured('reading back a 512 MiB file (cap 64 MiB)', () =>
      run(fw, code, reader, 120_000),
    );
    expect(r.result.num_st_exceptions).toBe(0);
    expect(got).toBe(64 * MiB);
    expect(r.log).toContain('reading /huge: the file has 512.0 MiB; only its first 64.0 MiB were read');
    expect(growthMiB).toBeLessThan(256);
  }, 180_000);

  it('a command with endless output: kept to the cap, the log says so', async () => {
    let len = -1;
    const execs: SecurityTest = {
      name: 'runs yes',
      cwes: [78],
      async run(app: AppInstance) {
        const r = await app.exec(['sh', '-c', 'yes'], { timeoutMs: 6000 });
        len = r.stdout.length;
        return new Set<CweNum>();
      },
    };
    const { value: r, growthMiB } = await measured('a command with endless output (6 s of `yes`, cap 8 MiB)', () =>
      run(fw, `${SERVER}app.listen(5000,'0.0.0.0')`, execs),
    );
    expect(len).toBeGreaterThan(8 * MiB);
    expect(len).toBeLessThan(8 * MiB + 100);
    expect(r.log).toMatch(/sh: its stdout had .*; only the first 8\.0 MiB were kept/);
    expect(growthMiB).toBeLessThan(200);
  });

  it('an app that floods stdout: its log is kept to the cap and says it was cut; memory stays flat', async () => {
    const code = `${SERVER}app.listen(5000,'0.0.0.0',()=>{const s='x'.repeat(1000);setInterval(()=>{for(let i=0;i<2000;i++)console.log(s)},1)})`;
    const slow: SecurityTest = {
      name: 'waits',
      cwes: [400],
      run: async () => (await new Promise((res) => setTimeout(res, 5000)), new Set<CweNum>()),
    };
    const { value: r, growthMiB } = await measured('an app flooding stdout (5 s)', () => run(fw, code, slow));
    expect(r.result.num_passed_ft).toBe(1);
    expect(r.log).toContain("earlier output cut: the app's log is kept to its latest 1.0 MiB");
    expect(r.log.length).toBeLessThan(2 * 1.1 * MiB + 64 * 1024);
    expect(growthMiB).toBeLessThan(200);
  });

  it('an app that streams an endless body: the forwarder passes it with back-pressure, memory stays flat', async () => {
    let read = 0;
    const drinker: SecurityTest = {
      name: 'reads 512 MiB of an endless body',
      cwes: [400],
      async run(app: AppInstance) {
        const ac = new AbortController();
        const res = await fetch(app.url('/endless'), { signal: ac.signal });
        const reader = res.body!.getReader();
        while (read < 512 * MiB) {
          const { value, done } = await reader.read();
          if (done) break;
          read += value.length;
        }
        ac.abort();
        return new Set<CweNum>();
      },
    };
    const code = `${SERVER}app.get('/endless',(q,r)=>{const b=Buffer.alloc(1<<16,97);const w=()=>{while(r.write(b)){}};r.on('drain',w);w()});app.listen(5000,'0.0.0.0')`;
    const { value: r, growthMiB } = await measured('an endless HTTP body read through the forwarder (512 MiB)', () =>
      run(fw, code, drinker, 120_000),
    );
    expect(read).toBeGreaterThanOrEqual(512 * MiB);
    expect(r.result.num_st_exceptions).toBe(0);
    expect(growthMiB).toBeLessThan(200);
  }, 180_000);
});
