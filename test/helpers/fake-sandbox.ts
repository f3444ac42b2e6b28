/** An in-memory Sandbox for unit tests of the verdict rules: no Docker, scripted behaviour. */
import type { AppInstance, ExtraPackages, Framework, SampleFiles, TestLog } from '../../src/core/types.js';
import { SampleBuildError, type PreparedImage, type PreparedSample, type RunningApp, type Sandbox, type StartOptions } from '../../src/sandbox/types.js';

export interface FakeBehaviour {
  buildFails?: boolean;
  /** start() throws for these start numbers (1-based) */
  startFailsOn?: number[];
}

export class FakeApp implements AppInstance {
  running = true;
  readonly files = new Map<string, Buffer>();
  constructor(
    readonly framework: AppInstance['framework'],
    readonly log: TestLog,
    readonly signal: AbortSignal,
  ) {}
  url(p = '/'): string {
    return `http://fake.invalid${p}`;
  }
  async readFile(p: string): Promise<Buffer> {
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
  async isRunning(): Promise<boolean> {
    return this.running;
  }
  async memoryUsageBytes(): Promise<number | undefined> {
    return 1;
  }
  async diskUsageBytes(): Promise<number | undefined> {
    return 1;
  }
  async logs(): Promise<string> {
    return 'fake app output';
  }
}

export class FakeSandbox implements Sandbox {
  starts = 0;
  disposed = 0;
  live = 0;
  constructor(private readonly behaviour: FakeBehaviour = {}) {}
  async prepareImage(framework: Framework, _extra: ExtraPackages, _log: TestLog): Promise<PreparedImage> {
    return { ref: 'fake', framework };
  }
  async prepareSample(image: PreparedImage, _files: SampleFiles, _log: TestLog): Promise<PreparedSample> {
    if (this.behaviour.buildFails) throw new SampleBuildError('compile error', 'error: it does not compile');
    return { image, buildLog: '' };
  }
  async start(sample: PreparedSample, options: StartOptions): Promise<RunningApp> {
    this.starts++;
    if (this.behaviour.startFailsOn?.includes(this.starts)) throw new Error('the app exited before answering');
    const fw = sample.image.framework;
    const app = new FakeApp({ id: fw.id, language: fw.language, workdir: fw.workdir, sqliteDatabase: fw.sqliteDatabase }, options.log, options.signal);
    this.live++;
    return {
      app,
      dispose: async () => {
        this.disposed++;
        this.live--;
        return 'fake logs';
      },
    };
  }
  async cleanup(): Promise<void> {}
}
