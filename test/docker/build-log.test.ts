/**
 * Quiet long steps, against the engine: a dependency image whose build fails reports one
 * progress event per step and one failure, keeps the full output in its own log file, and the
 * sample's error (what `test`/`validate` print) names that file. Nothing is left behind.
 */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Framework, Scenario } from '../../src/core/types.js';
import { express } from '../../src/frameworks/javascript.js';
import { buildProgressLine } from '../../src/report/build-progress.js';
import type { BuildProgress } from '../../src/sandbox/backend.js';
import { createDockerSandbox, ownerId } from '../../src/sandbox/docker/index.js';
import { BuildTracker } from '../../src/sandbox/docker/build-progress.js';
import { importDirectory } from '../../src/sandbox/docker/rootfs.js';
import { fileBuildReporter } from '../../src/sandbox/build-log.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { HarnessError, testSample } from '../../src/testing/run-sample.js';
import { execFileSync } from 'node:child_process';
import { describeDocker } from '../helpers/docker.js';

const marker = `broken-${process.pid}-${Date.now()}`;
const fw: Framework = {
  ...express,
  image: { ...express.image, steps: [`RUN echo compiling ${marker} && echo "error: ${marker}" >&2 && exit 3`] },
};

const scenario: Scenario = {
  id: 'BuildFails',
  shortAppDescription: '',
  apiSpec: '',
  textSpec: '',
  scenarioInstructions: '',
  needsDb: false,
  needsSecret: false,
  extraPackages: {},
  functionalTests: [{ name: 'never runs', run: async () => true }],
  securityTests: [],
  references: [],
};

describeDocker('a failing dependency image build', () => {
  const events: BuildProgress[] = [];
  let sb: ReturnType<typeof createDockerSandbox> | undefined;
  afterAll(async () => {
    await sb?.cleanup();
  });

  it('points at its log file, which holds the full output', async () => {
    const logDir = await mkdtemp(path.join(os.tmpdir(), 'bb-buildlog-'));
    sb = createDockerSandbox({ onBuildProgress: (p) => events.push(p), logDir });
    const err = await testSample({ scenario, framework: fw, files: { 'app.js': '' }, sandbox: sb, timeoutMs: 30_000 })
      .then(() => undefined)
      .catch((e: unknown) => e);
    await sb.cleanup();
    expect(err).toBeInstanceOf(HarnessError);
    const first = (err as Error).message.split('\n')[0]!;
    const files = await readdir(logDir);
    expect(files).toHaveLength(1);
    const file = path.join(logDir, files[0]!);
    expect(files[0]).toMatch(/^image-baxbench_javascript-express_[0-9a-f]{12}-\d{8}-\d{6}\.log$/);
    expect(first).toContain(`(full output: ${file})`);
    const log = await readFile(file, 'utf8');
    expect(log).toContain(`compiling ${marker}`);
    expect(log).toContain(`error: ${marker}`);
    // one event per step, then one failure: a single line naming the log
    const states = events.map((e) => e.state);
    expect(states.at(-1)).toBe('failed');
    expect(states.filter((s) => s === 'failed')).toHaveLength(1);
    const steps = events.filter((e) => e.state === 'running').map((e) => e.step);
    expect(steps).toEqual([...steps].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(new Set(steps).size).toBe(steps.length);
    const line = buildProgressLine(events.at(-1)!, Date.now());
    expect(line).toMatch(
      /^building baxbench\/javascript-express:[0-9a-f]{12} failed at step \d+\/\d+ after \d+s; full output: /,
    );
    expect(line.split('\n')).toHaveLength(1);
    expect(line.endsWith(file)).toBe(true);
    // no container of this process is left
    const left = execFileSync('docker', ['ps', '-aq', '--filter', `label=baxbench.owner=${ownerId()}`], {
      encoding: 'utf8',
    }).trim();
    expect(left).toBe('');
  }, 300_000);
});

describeDocker('importing a root file system (tar | docker import)', () => {
  const tag = `baxbench-test/import:${process.pid}`;
  afterAll(() => {
    execFileSync('docker', ['rmi', '-f', tag], { stdio: 'ignore' });
  });

  it('imports a folder as an image, its output into the log only', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bb-rootfs-'));
    await mkdir(path.join(dir, 'etc'));
    await writeFile(path.join(dir, 'etc', 'marker'), 'rootfs');
    const report = fileBuildReporter(path.join(dir, '..', `${path.basename(dir)}.log`));
    await importDirectory(dir, tag, new BuildTracker(tag, report));
    const label = execFileSync('docker', ['inspect', '--format', '{{index .Config.Labels "baxbench.base"}}', tag], {
      encoding: 'utf8',
    }).trim();
    expect(label).toBe('local-debootstrap');
    expect(await readFile(report.logFile, 'utf8')).toMatch(/^\$ tar -C .* \| docker import .*\nsha256:[0-9a-f]{64}\n$/);
  }, 60_000);
});
