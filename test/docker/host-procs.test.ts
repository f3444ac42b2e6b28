/**
 * The liveness check read from the host's /proc (host-procs.ts) sees what the engine's `top` sees:
 * the app's processes while it runs, nothing once it is gone; and it is the path taken here (the
 * harness runs on the engine's host), not the fallback.
 */
import { afterAll, expect, it } from 'vitest';
import type { Framework } from '../../src/core/types.js';
import { express } from '../../src/frameworks/javascript.js';
import { docker } from '../../src/sandbox/docker/engine.js';
import { containerCommandLines } from '../../src/sandbox/docker/host-procs.js';
import { createDockerSandbox, ownerId } from '../../src/sandbox/docker/index.js';
import { describeDocker } from '../helpers/docker.js';

const fw: Framework = { ...express, startTimeoutMs: 30_000 };
const quiet = { info() {}, warn() {}, error() {} };
const APP = `const app = require('express')();
app.get('/', (req, res) => res.send('up'));
app.get('/exit', (req, res) => { res.send('bye'); setTimeout(() => process.exit(3), 50); });
app.listen(5000, '0.0.0.0');`;

describeDocker('liveness from the host /proc (Docker)', () => {
  const sandbox = createDockerSandbox({ warmInstances: 0 });
  afterAll(() => sandbox.cleanup());

  it('lists the same command lines as the engine top while the app runs; none after it exited', async () => {
    const image = await sandbox.prepareImage(fw, {}, quiet);
    const prepared = await sandbox.prepareSample(image, { 'app.js': APP }, quiet);
    const running = await sandbox.start(prepared, { log: quiet, signal: new AbortController().signal });
    try {
      const [info] = await docker().listContainers({ filters: { label: [`baxbench.owner=${ownerId()}`] } });
      const c = docker().getContainer(info!.Id);
      const { State } = await c.inspect();
      const fromProc = await containerCommandLines(info!.Id, State.Pid);
      const top = (await c.top()) as { Titles: string[]; Processes: string[][] };
      const col = top.Titles.indexOf('CMD');
      expect(fromProc).toBeDefined();
      expect([...fromProc!].sort()).toEqual(top.Processes.map((p) => p[col]!).sort());
      expect(fromProc!.some((l) => l.includes(fw.entrypoint))).toBe(true);
      expect(await running.app.isRunning()).toBe(true);

      await fetch(running.app.url('/exit'));
      const t0 = Date.now();
      while ((await c.inspect()).State.Running && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
      expect(await containerCommandLines(info!.Id, State.Pid)).toBeUndefined();
      expect(await running.app.isRunning()).toBe(false);
    } finally {
      await running.dispose();
    }
  }, 300_000);
});
