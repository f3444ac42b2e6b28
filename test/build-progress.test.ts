/**
 * Quiet long steps: a recorded Docker build stream (test/fixtures/docker-build-*.jsonl, the
 * engine's legacy-builder events) becomes one progress event per step, one line per event
 * (what, step n/m, elapsed), the full output in the log file, and a failure line naming the log.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildStatus, LiveLine, Progress } from '../src/cli/progress.js';
import { buildProgressLine, buildsLine, formatDuration } from '../src/report/build-progress.js';
import type { BuildProgress } from '../src/sandbox/backend.js';
import { fileBuildReporter, logFileName } from '../src/sandbox/build-log.js';
import { BuildTracker, parseBuildStep } from '../src/sandbox/docker/build-progress.js';
import { run } from '../src/sandbox/docker/rootfs.js';

const here = path.dirname(new URL(import.meta.url).pathname);

async function recorded(name: string): Promise<{ stream?: string; error?: string }[]> {
  const text = await readFile(path.join(here, 'fixtures', name), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { stream?: string; error?: string });
}

/** Replays a recorded build through a tracker, the clock moving one second per event. */
async function replay(name: string, logFile: string) {
  const events: BuildProgress[] = [];
  const report = fileBuildReporter(logFile, { progress: (p) => events.push(p) });
  let clock = 1_000_000;
  const tracker = new BuildTracker('baxbench/javascript-express:abc', report, () => clock);
  let failed = false;
  for (const ev of await recorded(name)) {
    clock += 1000;
    if (ev.stream) tracker.output(ev.stream);
    if (ev.error) {
      tracker.output(`error: ${ev.error}\n`);
      failed = true;
    }
  }
  clock += 1000;
  if (failed) tracker.failed();
  else tracker.done();
  return { events, clock, report };
}

class FakeStream {
  chunks: string[] = [];
  columns = 100;
  write(s: string): boolean {
    this.chunks.push(s);
    return true;
  }
  get text(): string {
    return this.chunks.join('');
  }
}
const asStream = (f: FakeStream) => f as unknown as NodeJS.WriteStream;

describe('Docker build stream → progress', () => {
  it('parses step lines and nothing else', () => {
    expect(parseBuildStep('Step 3/12 : RUN apt-get update')).toEqual({
      step: 3,
      steps: 12,
      instruction: 'RUN apt-get update',
    });
    expect(parseBuildStep(' ---> Running in 2af1e0e5720f')).toBeUndefined();
    expect(parseBuildStep('Get:1 http://deb.debian.org/debian bullseye InRelease')).toBeUndefined();
  });

  it('a successful build: one event per step in order, then done; the full output in the log', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bb-progress-'));
    const { events, report } = await replay('docker-build-ok.jsonl', path.join(dir, 'build.log'));
    const running = events.filter((e) => e.state === 'running');
    expect(running.map((e) => `${e.step}/${e.steps}`)).toEqual([
      '1/8',
      '2/8',
      '3/8',
      '4/8',
      '5/8',
      '6/8',
      '7/8',
      '8/8',
    ]);
    expect(running[2]!.activity).toMatch(/^RUN apt-get update && apt-get install/);
    expect(events.at(-1)).toMatchObject({ state: 'done', image: 'baxbench/javascript-express:abc' });
    // 79 stream events, of which the user sees 8 + 1
    const log = await readFile(report.logFile, 'utf8');
    const streamed = (await recorded('docker-build-ok.jsonl')).map((e) => e.stream ?? '').join('');
    expect(log).toBe(streamed);
    expect(log.split('\n').length).toBeGreaterThan(40);
  });

  it('formats one line per step: what, step n/m, elapsed, the instruction cut to the width', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bb-progress-'));
    const { events } = await replay('docker-build-ok.jsonl', path.join(dir, 'build.log'));
    const third = events.find((e) => e.step === 3)!;
    const line = buildProgressLine(third, third.startedAt + 41_000, 80);
    expect(line).toMatch(/^building baxbench\/javascript-express:abc · step 3\/8 · 41s · RUN apt-get update/);
    expect(line.length).toBeLessThanOrEqual(80);
    expect(line.endsWith('…')).toBe(true);
    const done = events.at(-1)!;
    expect(buildProgressLine(done, done.startedAt + 72_000)).toBe('built baxbench/javascript-express:abc in 1m12s');
    expect(formatDuration(7260)).toBe('2h01m');
  });

  it('a failed build: the failure line names the step and the log file; the log has the error output', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bb-progress-'));
    const file = path.join(dir, logFileName('image-baxbench/javascript-express:abc'));
    expect(path.basename(file)).toMatch(/^image-baxbench_javascript-express_abc-\d{8}-\d{6}\.log$/);
    const { events, clock } = await replay('docker-build-failed.jsonl', file);
    expect(events.map((e) => e.state)).toEqual(['running', 'running', 'failed']);
    const last = events.at(-1)!;
    expect(buildProgressLine(last, clock)).toBe(
      `building baxbench/javascript-express:abc failed at step 2/4 after 11s; full output: ${file}`,
    );
    const log = await readFile(file, 'utf8');
    expect(log).toContain('error: something broke');
    expect(log).toContain('returned a non-zero code: 3');
  });

  it('several builds at once: the latest running one, and how many more', () => {
    const p = (image: string, step: number): BuildProgress => ({
      image,
      activity: 'RUN npm ci',
      step,
      steps: 9,
      startedAt: 0,
      state: 'running',
    });
    expect(buildsLine([p('a:1', 2), p('b:1', 5)], 3000)).toBe('building b:1 · step 5/9 · 3s · RUN npm ci (+1 more)');
    expect(buildsLine([], 0)).toBeUndefined();
  });
});

describe('progress on the terminal and in CI logs', () => {
  it('not a TTY: one line per step change, nothing else', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bb-progress-'));
    const out = new FakeStream();
    const live = new LiveLine(asStream(out), false);
    const events: BuildProgress[] = [];
    const report = fileBuildReporter(path.join(dir, 'b.log'), {
      progress: buildStatus(
        (r) => live.show(r),
        () => 120,
      ),
    });
    const tracker = new BuildTracker('node:22.12-bullseye', {
      ...report,
      progress: (e) => (events.push(e), report.progress(e)),
    });
    for (const ev of await recorded('docker-build-ok.jsonl')) if (ev.stream) tracker.output(ev.stream);
    tracker.done();
    live.end();
    const lines = out.text.split('\n').filter(Boolean);
    expect(lines).toHaveLength(8);
    expect(lines.every((l) => /^building node:22\.12-bullseye · step \d\/8 · \d+s · /.test(l))).toBe(true);
    expect(events).toHaveLength(9);
  });

  it('a TTY: the line is redrawn in place and ends with one line break', () => {
    const out = new FakeStream();
    const live = new LiveLine(asStream(out), true);
    live.show(() => 'building x · step 1/2 · 0s · FROM y');
    live.show(() => 'building x · step 2/2 · 1s · RUN z');
    live.print('a note');
    live.show(undefined);
    live.end();
    expect(out.text.split('\n')).toHaveLength(2); // the note's line, and the end
    expect(out.chunks.filter((c) => c.startsWith('\r\x1b[K')).length).toBeGreaterThanOrEqual(4);
    expect(out.text).toContain('step 2/2');
  });

  it('the test bar shows a build as its status on a TTY, and prints it once elsewhere', () => {
    const tty = new FakeStream();
    const bar = new Progress(3, 'test', asStream(tty), true);
    bar.setStatus(() => 'building img · step 1/3 · 0s · FROM base');
    expect(tty.text.startsWith('\r\x1b[Ktest [')).toBe(true);
    expect(tty.text).toMatch(/test \[\.+\] 0\/3 0s building img · step 1\/3/);
    bar.setStatus(undefined);
    bar.tick('Login JavaScript-express sample0: 4/4 ft');
    bar.end();
    expect(tty.text.endsWith('sample0: 4/4 ft\n')).toBe(true);
    const plain = new FakeStream();
    const bar2 = new Progress(3, 'test', asStream(plain), false);
    bar2.setStatus(() => 'building img · step 1/3 · 0s · FROM base');
    bar2.setStatus(undefined);
    bar2.tick('done one');
    bar2.end();
    expect(plain.text.split('\n').filter(Boolean)).toEqual([
      'building img · step 1/3 · 0s · FROM base',
      expect.stringMatching(/^test \[#+\.+\] 1\/3 \d+s eta \d+s done one$/),
    ]);
  });
});

describe('commands of a base-image build (debootstrap, tar)', () => {
  it('run: output into the log, never the terminal; a failure names the command, the log and its last output', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bb-progress-'));
    const report = fileBuildReporter(path.join(dir, 'setup.log'));
    const build = new BuildTracker('img:1', report);
    await run('sh', ['-c', 'echo fine; echo also-fine >&2'], build);
    const err = await run('sh', ['-c', 'echo step-one; echo "E: broken mirror" >&2; exit 7'], build).catch(
      (e: Error) => e,
    );
    expect((err as Error).message.split('\n')[0]).toBe(
      `sh -c echo step-one; echo "E: broken mirror" >&2; exit 7 exited with 7 (full output: ${report.logFile})`,
    );
    expect((err as Error).message).toContain('E: broken mirror');
    const log = await readFile(report.logFile, 'utf8');
    for (const s of ['$ sh -c echo fine', 'fine\n', 'also-fine\n', 'step-one\n', 'E: broken mirror\n'])
      expect(log).toContain(s);
  });
});
