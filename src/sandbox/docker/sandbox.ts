/**
 * The Docker sandbox. One dependency image per framework + scenario extras (built once, reused
 * by tag); a sample's code goes into each fresh container before it starts (no image per sample),
 * except for frameworks that compile: their `prepare` steps run once per sample in a one-off
 * container that is then committed (bounded in time, memory and CPU, with no network unless the
 * framework's build must fetch packages). Containers are labelled with this run's owner so
 * leftovers of dead runs can be removed, run with memory/pids/CPU limits, few capabilities and no
 * new privileges, on the sealed network (network.ts: no route to the host, the outside or each
 * other; the harness reaches them through a forwarder on 127.0.0.1).
 */
import type { ExtraPackages, Framework, SampleFiles, TestLog } from '../../core/types.js';
import type { PreparedImage, PreparedSample, RunningApp, Sandbox, StartOptions } from '../types.js';
import { dependencyImageTag } from './dockerfile.js';
import { ensureDependencyImage } from './dependency-image.js';
import { engineCall } from './engine-errors.js';
import { ensureAppNetwork, type AppNetwork } from './network.js';
import { resolveOptions, type DockerSandboxOptions, type ResolvedOptions } from './options.js';
import { OwnedResources } from './owned.js';
import { prepareSample, type DockerPrepared } from './prepare.js';
import { startInstance } from './start.js';

export class DockerSandbox implements Sandbox {
  private readonly builds = new Map<string, Promise<PreparedImage>>();
  private readonly owned = new OwnedResources();
  private networkReady: Promise<AppNetwork> | undefined;
  private readonly opts: ResolvedOptions;

  constructor(opts: DockerSandboxOptions = {}) {
    this.opts = resolveOptions(opts);
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
    // The firewall helper (when not root) runs from the framework's image: it has nsenter and sh.
    this.networkReady ??= ensureAppNetwork(this.opts.network, sample.image.ref);
    this.networkReady.catch(() => {
      this.networkReady = undefined;
    });
    const ready = this.networkReady;
    const network = await engineCall('setting up the app network', () => ready);
    return startInstance(sample as DockerPrepared, network, options, this.owned, this.opts);
  }

  cleanup(): Promise<void> {
    return this.owned.removeAll();
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
