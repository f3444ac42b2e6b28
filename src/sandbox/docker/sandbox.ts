/**
 * The Docker sandbox. One dependency image per framework + scenario extras (built once, reused
 * by tag); a sample's code goes into each fresh container before it starts (no image per sample),
 * except for frameworks that compile: their `prepare` steps run once per sample in a one-off
 * container that is then committed (bounded in time, memory and CPU, with no network unless the
 * framework's build must fetch packages). Containers are labelled with this run's owner so
 * leftovers of dead runs can be removed, run with memory/pids/CPU limits, few capabilities and no
 * new privileges, on the sealed network (network.ts: no route to the host, the outside or each
 * other; the harness reaches them through a forwarder on 127.0.0.1). Fresh
 * containers are made ahead of the tests when the runner says how many it will start
 * (warm-pool.ts), so a test waits only for the app's own start.
 */
import type Dockerode from 'dockerode';
import type { ExtraPackages, Framework, SampleFiles, TestLog } from '../../core/types.js';
import type { PreparedImage, PreparedSample, RunningApp, Sandbox, StartOptions } from '../types.js';
import { dependencyImageTag } from './dockerfile.js';
import { ensureDependencyImage } from './dependency-image.js';
import { engineCall } from './engine-errors.js';
import { ensureAppNetwork, type AppNetwork } from './network.js';
import { resolveOptions, type DockerSandboxOptions, type ResolvedOptions } from './options.js';
import { OwnedResources } from './owned.js';
import { prepareSample, type DockerPrepared } from './prepare.js';
import { createInstance, startInstance } from './start.js';
import { WarmPool, type WarmPoolStats } from './warm-pool.js';

export class DockerSandbox implements Sandbox {
  private readonly builds = new Map<string, Promise<PreparedImage>>();
  private readonly owned = new OwnedResources();
  private networkReady: Promise<AppNetwork> | undefined;
  private readonly opts: ResolvedOptions;
  private readonly pool: WarmPool<DockerPrepared, Dockerode.Container>;

  readonly crashSettleMs: number;

  constructor(opts: DockerSandboxOptions = {}) {
    this.opts = resolveOptions(opts);
    this.crashSettleMs = this.opts.crashSettleMs;
    this.pool = new WarmPool({
      capacity: this.opts.warmInstances,
      parallel: 2,
      create: async (sample) => createInstance(sample, await this.network(sample), this.owned, this.opts),
      discard: (c) => this.owned.removeContainer(c.id),
    });
  }

  /** The app network, set up once (again after a failure); an engine failure is a SandboxInfraError. */
  private network(sample: DockerPrepared): Promise<AppNetwork> {
    // The firewall helper (when not root) runs from the framework's image: it has nsenter and sh.
    if (!this.networkReady) {
      const made = ensureAppNetwork(this.opts.network, sample.image.ref);
      made.catch(() => {
        if (this.networkReady === made) this.networkReady = undefined;
      });
      this.networkReady = made;
    }
    const ready = this.networkReady;
    return engineCall('setting up the app network', () => ready);
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
    const network = await this.network(sample as DockerPrepared);
    const made = await this.pool.take(sample as DockerPrepared);
    return startInstance(sample as DockerPrepared, network, options, this.owned, this.opts, made);
  }

  expectStarts(sample: PreparedSample, count: number): void {
    this.pool.expect(sample as DockerPrepared, count);
  }

  release(sample: PreparedSample): Promise<void> {
    return this.pool.release(sample as DockerPrepared);
  }

  async cleanup(): Promise<void> {
    await this.pool.drain();
    await this.owned.removeAll();
  }

  /** What the warm pool did so far (for tests and benchmarks). */
  warmStats(): WarmPoolStats {
    return { ...this.pool.stats };
  }

  /** The network apps run on (sealed or published, and why), once the first app has started. */
  async appNetwork(): Promise<AppNetwork | undefined> {
    return this.networkReady?.catch(() => undefined);
  }

  /** Ids of live containers this sandbox created (for tests and diagnostics). */
  liveContainers(): string[] {
    return [...this.owned.containers];
  }
}

export function createDockerSandbox(opts: DockerSandboxOptions = {}): DockerSandbox {
  return new DockerSandbox(opts);
}
