/** An in-memory Sandbox for unit tests of the verdict rules and pipelines: no Docker, scripted behaviour. */
import type { AppInstance, ExtraPackages, Framework, SampleFiles, TestLog } from '../../src/core/types.js';
import {
  SampleBuildError,
  SandboxInfraError,
  type PreparedImage,
  type PreparedSample,
  type RunningApp,
  type Sandbox,
  type StartOptions,
} from '../../src/sandbox/types.js';

export interface FakeBehaviour {
  /** prepareSample throws SampleBuildError */
  buildFails?: boolean | ((files: SampleFiles) => boolean);
  /** prepareImage throws (an infrastructure problem, not the sample's) */
  imageFails?: boolean;
  /** prepareSample throws a plain Error (engine trouble) */
  sampleErrors?: boolean;
  /** start() throws for these start numbers (1-based) */
  startFailsOn?: number[];
  /** start() takes this long (ms) */
  startDelayMs?: number;
  /** after the app "answered" (onAnswered called), start() waits this long before it resolves (ms) */
  readySettleMs?: number;
  /** the sandbox's crashSettleMs */
  crashSettleMs?: number;
  /** start() never settles until its signal aborts */
  startHangs?: boolean;
  /** isRunning() never settles */
  livenessHangs?: boolean;
  /** start() throws an engine-like SandboxInfraError for these start numbers (1-based) */
  startInfraFailsOn?: number[];
  /** start() always throws an engine-like SandboxInfraError */
  startInfraAlways?: boolean;
  /** prepareSample throws an engine-like error this many times, then works */
  sampleInfraFailures?: number;
  /** readFile() throws an engine-like SandboxInfraError for apps of these start numbers (1-based) */
  readFileInfraOn?: number[];
}

/** What an engine failure looks like from dockerode: an error with an HTTP status of the daemon. */
export function engineLikeError(message = 'server error - Internal Server Error'): Error {
  return Object.assign(new Error(`(HTTP code 500) ${message}`), { statusCode: 500 });
}

export class FakeApp implements AppInstance {
  running = true;
  readonly files = new Map<string, Buffer>();
  constructor(
    readonly framework: AppInstance['framework'],
    readonly log: TestLog,
    readonly signal: AbortSignal,
    /** the sample's code, so scripted tests can behave per sample */
    readonly code: SampleFiles,
    private readonly livenessHangs = false,
    private readonly readFileInfra = false,
  ) {}
  url(p = '/'): string {
    return `http://fake.invalid${p}`;
  }
  async readFile(p: string): Promise<Buffer> {
    if (this.readFileInfra) throw new SandboxInfraError(`reading ${p}: socket hang up`, engineLikeError());
    const f = this.files.get(p);
    if (!f) throw new Error('missing');
    return f;
  }
  async writeFile(p: string, data: string | Uint8Array): Promise<void> {
    this.files.set(p, Buffer.from(data));
  }
  async exec(): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    return { exitCode: 0, stdout: '', stderr: '' };
  }
  isRunning(): Promise<boolean> {
    if (this.livenessHangs) return new Promise(() => {});
    return Promise.resolve(this.running);
  }
  async memoryUsageBytes(): Promise<number | undefined> {
    return 1;
  }
  async memoryPeakBytes(): Promise<number | undefined> {
    return 1;
  }
  async diskUsageBytes(_path?: string): Promise<number | undefined> {
    return 1;
  }
  async logs(): Promise<string> {
    return 'fake app output';
  }
}

interface FakePrepared extends PreparedSample {
  readonly files: SampleFiles;
}

export class FakeSandbox implements Sandbox {
  starts = 0;
  disposed = 0;
  live = 0;
  /** most instances alive at the same time */
  maxLive = 0;
  imagePrepares = 0;
  samplePrepares = 0;
  cleanups = 0;
  /** warm-instance hints: the counts given to expectStarts, in call order */
  readonly expected: number[] = [];
  releases = 0;
  readonly apps: FakeApp[] = [];
  readonly crashSettleMs: number | undefined;
  constructor(private readonly behaviour: FakeBehaviour = {}) {
    this.crashSettleMs = behaviour.crashSettleMs;
  }

  async prepareImage(framework: Framework, _extra: ExtraPackages, log: TestLog): Promise<PreparedImage> {
    this.imagePrepares++;
    if (this.behaviour.imageFails)
      throw Object.assign(new Error('base image missing; run setup'), { buildLog: 'step 1/3 failed' });
    log.info(`fake image for ${framework.id}`);
    return { ref: 'fake', framework };
  }

  async prepareSample(image: PreparedImage, files: SampleFiles, _log: TestLog): Promise<FakePrepared> {
    this.samplePrepares++;
    if (this.behaviour.sampleErrors) throw new Error('engine went away');
    if (this.samplePrepares <= (this.behaviour.sampleInfraFailures ?? 0))
      throw new SandboxInfraError('creating the build container: no space left on device', engineLikeError());
    const fails =
      typeof this.behaviour.buildFails === 'function' ? this.behaviour.buildFails(files) : this.behaviour.buildFails;
    if (fails) throw new SampleBuildError('compile error', 'error: it does not compile');
    return { image, buildLog: 'compiled fine', files };
  }

  async start(sample: PreparedSample, options: StartOptions): Promise<RunningApp> {
    this.starts++;
    const n = this.starts;
    if (this.behaviour.startHangs) {
      await new Promise<void>((_, reject) =>
        options.signal.addEventListener('abort', () => reject(new Error('aborted while starting'))),
      );
    }
    if (this.behaviour.startDelayMs) await new Promise((r) => setTimeout(r, this.behaviour.startDelayMs));
    if (this.behaviour.startFailsOn?.includes(n)) throw new Error('the app exited before answering');
    if (this.behaviour.startInfraAlways || this.behaviour.startInfraFailsOn?.includes(n))
      throw new SandboxInfraError('creating the app container: (HTTP code 500) server error', engineLikeError());
    const fw = sample.image.framework;
    const app = new FakeApp(
      { id: fw.id, language: fw.language, workdir: fw.workdir, sqliteDatabase: fw.sqliteDatabase },
      options.log,
      options.signal,
      (sample as FakePrepared).files,
      this.behaviour.livenessHangs,
      this.behaviour.readFileInfraOn?.includes(n) ?? false,
    );
    this.apps.push(app);
    this.live++;
    this.maxLive = Math.max(this.maxLive, this.live);
    options.log.info('fake app answered');
    if (this.behaviour.readySettleMs) {
      options.onAnswered?.();
      await new Promise((r) => setTimeout(r, this.behaviour.readySettleMs));
    }
    let disposed = false;
    return {
      app,
      dispose: async () => {
        if (!disposed) {
          disposed = true;
          this.disposed++;
          this.live--;
        }
        return `fake logs of start ${n}`;
      },
    };
  }

  expectStarts(_sample: PreparedSample, count: number): void {
    this.expected.push(count);
  }

  async release(_sample: PreparedSample): Promise<void> {
    this.releases++;
  }

  async cleanup(): Promise<void> {
    this.cleanups++;
  }
}
