/**
 * Warm instances on Docker: containers made ahead are created with the code in place but never
 * started, bounded in number, each used by one test only (a fresh instance per test), and removed
 * when the sample's tests are over and by cleanup.
 */
import { afterAll, expect, it } from 'vitest';
import { readCode } from '../../src/core/results.js';
import { getFramework } from '../../src/frameworks/index.js';
import { createDockerSandbox, ownerId } from '../../src/sandbox/docker/index.js';
import { docker } from '../../src/sandbox/docker/engine.js';
import type { PreparedSample, RunningApp } from '../../src/sandbox/index.js';
import { loadScenario } from '../../src/scenarios/index.js';
import { extraPackagesFor } from '../../src/testing/run-sample.js';
import { describeDocker } from '../helpers/docker.js';

const quiet = { info() {}, warn() {}, error() {} };

/** This process's containers by state (created = made ahead, not started). */
async function mine(): Promise<{ id: string; state: string }[]> {
  const list = await docker().listContainers({ all: true, filters: { label: [`baxbench.owner=${ownerId()}`] } });
  return list.map((c) => ({ id: c.Id, state: c.State }));
}

async function until(cond: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeDocker('warm instances (Docker, Login / express)', () => {
  const sandbox = createDockerSandbox({ warmInstances: 3 });
  afterAll(() => sandbox.cleanup());

  async function prepared(): Promise<PreparedSample> {
    const scenario = loadScenario('Login');
    const fw = getFramework('JavaScript-express');
    const ref = scenario.references.find((r) => r.framework === fw.id && r.name === 'secure')!;
    const image = await sandbox.prepareImage(fw, extraPackagesFor(scenario, fw), quiet);
    return sandbox.prepareSample(image, await readCode(ref.dir), quiet);
  }

  it('makes at most the pool size ahead, not started; each start gets its own fresh container', async () => {
    const sample = await prepared();
    sandbox.expectStarts(sample, 5);
    await until(async () => (await mine()).filter((c) => c.state === 'created').length === 3);
    // bounded: 5 expected, 3 made ahead, none started
    await new Promise((r) => setTimeout(r, 500));
    const ahead = await mine();
    expect(ahead.filter((c) => c.state === 'created')).toHaveLength(3);
    expect(ahead.filter((c) => c.state === 'running')).toHaveLength(0);

    const runs: RunningApp[] = [];
    const ac = new AbortController();
    for (let i = 0; i < 2; i++) runs.push(await sandbox.start(sample, { log: quiet, signal: ac.signal }));
    // each answered on its own container, started from one made ahead
    expect(sandbox.warmStats().taken).toBe(2);
    const running = (await mine()).filter((c) => c.state === 'running');
    expect(running).toHaveLength(2);
    // fresh: what one instance writes, the other does not see
    await runs[0]!.app.writeFile('/tmp/marker', 'first');
    await expect(runs[1]!.app.readFile('/tmp/marker')).rejects.toThrow(/not found/);
    expect((await fetch(runs[1]!.app.url('/login'), { method: 'POST', body: '{}' })).status).toBeGreaterThan(0);
    for (const r of runs) await r.dispose();

    // the sample's tests are over: what was made ahead for it goes
    await sandbox.release(sample);
    await until(async () => (await mine()).filter((c) => c.state === 'created').length === 0);
  });

  it('cleanup removes containers made ahead, also those still being made', async () => {
    const sample = await prepared();
    sandbox.expectStarts(sample, 3);
    await new Promise((r) => setTimeout(r, 20));
    await sandbox.cleanup();
    expect(await mine()).toEqual([]);
    expect(sandbox.liveContainers()).toEqual([]);
  });
});
