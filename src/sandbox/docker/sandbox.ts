/**
 * The Docker sandbox. One dependency image per framework + scenario extras (built once, reused
 * by tag); a sample's code goes into each fresh container before it starts (no image per sample),
 * except for frameworks that compile: their `prepare` steps run once per sample in a one-off
 * container that is then committed. Containers are labelled with this run's owner so leftovers
 * of dead runs can be removed, run with memory/pids/CPU limits, no new privileges, and publish
 * port 5000 on 127.0.0.1 only, on a bridge without NAT (no route to the outside).
 */
import type { ExtraPackages, Framework, SampleFiles, TestLog } from '../../core/types.js';
import type { PreparedImage, PreparedSample, RunningApp, Sandbox, StartOptions } from '../types.js';
import { dependencyImageTag } from './dockerfile.js';
import { ensureDependencyImage } from './dependency-image.js';
import { ensureIsolatedNetwork } from './network.js';
import { resolveOptions, type DockerSandboxOptions, type ResolvedOptions } from './options.js';
import { OwnedResources } from './owned.js';
import { prepareSample, type DockerPrepared } from './prepare.js';
import { startInstance } from './start.js';

export class DockerSandbox implements Sandbox {
  private readonly builds = new Map<string, Promise<PreparedImage>>();
  private readonly owned = new OwnedResources();
  private networkReady: Promise<string> | undefined;
  private readonly opts: ResolvedOptions;
  readonly crashSettleMs: number;

  constructor(opts: DockerSandboxOptions = {}) {
    this.opts = resolveOptions(opts);
    this.crashSettleMs = this.opts.crashSettleMs;
  }

  prepareImage(framework: Framework, extra: ExtraPackages, log: TestLog): Promise<PreparedImage> {
    const key = dependencyImageTag(framework, extra);
    let p = this.builds.get(key);
    if (!p) {
      p = ensureDependencyImage(framework, extra, log, this.opts);
      this.builds.set(key, p);
      p.catch(() => this.builds.delete(key));
    }
    return p;
  }

  prepareSample(image: PreparedImage, files: SampleFiles, log: TestLog): Promise<PreparedSample> {
    return prepareSample(image, files, log, this.owned, this.opts);
  }

  async start(sample: PreparedSample, options: StartOptions): Promise<RunningApp> {
    this.networkReady ??= ensureIsolatedNetwork();
    const network = await this.networkReady;
    return startInstance(sample as DockerPrepared, network, options, this.owned, this.opts);
  }

  cleanup(): Promise<void> {
    return this.owned.removeAll();
  }

  /** Ids of live containers this sandbox created (for tests and diagnostics). */
  liveContainers(): string[] {
    return [...this.owned.containers];
  }
}

export function createDockerSandbox(opts: DockerSandboxOptions = {}): DockerSandbox {
  return new DockerSandbox(opts);
}
