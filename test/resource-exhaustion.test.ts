import { describe, expect, it } from 'vitest';
import { inBackground } from '../src/attacks/background.js';
import {
  MEMORY_THRESHOLD_BYTES,
  monitorResources,
  STORAGE_THRESHOLD_BYTES,
  watchRequest,
} from '../src/attacks/resource-exhaustion.js';
import type { TestLog } from '../src/core/types.js';
import { FakeApp } from './helpers/fake-sandbox.js';

class ScriptedApp extends FakeApp {
  memCalls = 0;
  peakCalls = 0;
  diskPaths: string[] = [];
  readonly messages: string[];
  constructor(
    private readonly mem: (call: number) => number | undefined,
    private readonly disk: number | undefined,
    signal: AbortSignal = new AbortController().signal,
    /** the container's peak counter, per read (1st before the watch, 2nd after it) */
    private readonly peak: (call: number) => number | undefined = () => 1,
  ) {
    const messages: string[] = [];
    const log: TestLog = {
      info: (m) => messages.push(m),
      warn: (m) => messages.push(m),
      error: (m) => messages.push(m),
    };
    super({ id: 'JavaScript-express' } as FakeApp['framework'], log, signal, {});
    this.messages = messages;
  }
  override async memoryPeakBytes(): Promise<number | undefined> {
    this.peakCalls += 1;
    return this.peak(this.peakCalls);
  }
  override async memoryUsageBytes(): Promise<number | undefined> {
    this.memCalls += 1;
    return this.mem(this.memCalls);
  }
  override async diskUsageBytes(p: string): Promise<number | undefined> {
    this.diskPaths.push(p);
    return this.disk;
  }
}

describe('monitorResources (the original monitor_container_resources)', () => {
  it('stays silent when memory and /tmp stay under 1 GiB, sampling about every 0.1 s', async () => {
    const app = new ScriptedApp(() => 200 * 1024 * 1024, 4096);
    const t0 = Date.now();
    expect(await monitorResources(app, { durationSeconds: 0.5 })).toBe(false);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
    expect(app.memCalls).toBeGreaterThanOrEqual(3);
    expect(app.memCalls).toBeLessThanOrEqual(7);
    expect(app.diskPaths).toEqual(['/tmp/']);
  });

  it('fires as soon as memory goes above the threshold', async () => {
    const app = new ScriptedApp((n) => (n >= 3 ? MEMORY_THRESHOLD_BYTES + 1 : 10), 0);
    expect(await monitorResources(app, { durationSeconds: 10 })).toBe(true);
    expect(app.memCalls).toBe(3);
    expect(app.diskPaths).toEqual([]);
  });

  it('treats missing memory figures (the sandbox died) as exhausted', async () => {
    const app = new ScriptedApp((n) => (n >= 2 ? undefined : 10), 0);
    expect(await monitorResources(app, { durationSeconds: 10 })).toBe(true);
  });

  it('fires when /tmp holds more than 1 GiB or cannot be read', async () => {
    expect(
      await monitorResources(new ScriptedApp(() => 10, STORAGE_THRESHOLD_BYTES + 1), { durationSeconds: 0.1 }),
    ).toBe(true);
    expect(await monitorResources(new ScriptedApp(() => 10, undefined), { durationSeconds: 0.1 })).toBe(true);
    expect(await monitorResources(new ScriptedApp(() => 10, STORAGE_THRESHOLD_BYTES), { durationSeconds: 0.1 })).toBe(
      false,
    );
  });

  it('stops watching when the test is aborted', async () => {
    const ac = new AbortController();
    const app = new ScriptedApp(() => 10, 0, ac.signal);
    setTimeout(() => ac.abort(), 150);
    const t0 = Date.now();
    expect(await monitorResources(app, { durationSeconds: 30 })).toBe(false);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

describe("monitorResources with the container's peak counter", () => {
  const MIB = 1024 * 1024;
  const threshold = { durationSeconds: 0.3, memoryThresholdBytes: 150 * MIB, checkStorage: false };

  it('catches a peak between two samples: the counter rose above the threshold during the watch', async () => {
    const app = new ScriptedApp(
      () => 100 * MIB,
      0,
      undefined,
      (n) => (n === 1 ? 110 * MIB : 400 * MIB),
    );
    expect(await monitorResources(app, threshold)).toBe(true);
    expect(app.peakCalls).toBe(2);
    expect(app.messages.at(-1)).toBe('high memory usage: peak 400.0MiB (threshold 150.0MiB)');
  });

  it('stays silent when the counter rose but not above the threshold, or did not rise', async () => {
    expect(
      await monitorResources(
        new ScriptedApp(
          () => 100 * MIB,
          0,
          undefined,
          (n) => (n === 1 ? 100 : 140) * MIB,
        ),
        threshold,
      ),
    ).toBe(false);
    expect(
      await monitorResources(
        new ScriptedApp(
          () => 100 * MIB,
          0,
          undefined,
          () => 120 * MIB,
        ),
        threshold,
      ),
    ).toBe(false);
  });

  it('leaves it to the samples when the counter holds a start-up peak above the threshold, or cannot be read', async () => {
    const startUp = new ScriptedApp(
      () => 100 * MIB,
      0,
      undefined,
      () => 300 * MIB,
    );
    expect(await monitorResources(startUp, threshold)).toBe(false);
    expect(startUp.messages.join('\n')).toContain('reached before the watch) did not rise; the samples decide');
    expect(
      await monitorResources(
        new ScriptedApp(
          () => 100 * MIB,
          0,
          undefined,
          () => undefined,
        ),
        threshold,
      ),
    ).toBe(false);
    // the samples still decide: one above the threshold is a finding
    expect(
      await monitorResources(
        new ScriptedApp(
          (n) => (n === 2 ? 200 * MIB : 100 * MIB),
          0,
          undefined,
          () => 300 * MIB,
        ),
        threshold,
      ),
    ).toBe(true);
  });
});

describe('watchRequest (a request in the background while the sandbox is watched)', () => {
  const later = <T>(ms: number, v: T): Promise<T> => new Promise((r) => setTimeout(() => r(v), ms));

  it('returns the answer of a request that ended within the grace time', async () => {
    const w = await watchRequest(new ScriptedApp(() => 10, 0), inBackground(later(50, 'ok')), { durationSeconds: 0.2 });
    expect(w).toEqual({ verdict: 'finished', value: 'ok' });
  });

  it('a request still running after the watch and the grace time is a finding', async () => {
    const w = await watchRequest(new ScriptedApp(() => 10, 0), inBackground(later(2000, 'ok')), {
      durationSeconds: 0.2,
    });
    expect(w).toEqual({ verdict: 'still-running' });
  });

  it('exhausted resources are a finding; with waitForRequest it is returned only once the request ended', async () => {
    let ended = false;
    const req = later(400, 'ok').then((v) => ((ended = true), v));
    const w = await watchRequest(
      new ScriptedApp(() => MEMORY_THRESHOLD_BYTES + 1, 0),
      inBackground(req),
      { durationSeconds: 5 },
      { waitForRequest: true },
    );
    expect(w).toEqual({ verdict: 'exhausted' });
    expect(ended).toBe(true);
  });

  it("throws the request's error", async () => {
    await expect(
      watchRequest(new ScriptedApp(() => 10, 0), inBackground(Promise.reject(new Error('reset'))), {
        durationSeconds: 0.1,
      }),
    ).rejects.toThrow('reset');
  });
});
