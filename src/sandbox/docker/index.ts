/**
 * The Docker sandbox. One dependency image per framework + scenario extras (built once, reused
 * by tag); a sample's code goes into each fresh container before it starts (no image per sample),
 * except for frameworks that compile: their `prepare` steps run once per sample in a one-off
 * container that is then committed. Containers are labelled with this run's owner so leftovers
 * of dead runs can be removed, run with memory/pids/CPU limits, no new privileges, and publish
 * port 5000 on 127.0.0.1 only, on a bridge without NAT (no route to the outside).
 */
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type Dockerode from 'dockerode';
import type { AppInstance, ExecResult, ExtraPackages, Framework, SampleFiles, TestLog } from '../../core/types.js';
import { FileNotFoundInSandbox } from '../../core/types.js';
import {
  SampleBuildError,
  type PreparedImage,
  type PreparedSample,
  type RunningApp,
  type Sandbox,
  type StartOptions,
} from '../types.js';
import { defaultLocalBaseOptions, ensureLocalDebianBase } from './base-images.js';
import { withBuildLock } from './build-lock.js';
import { dependencyDockerfile, dependencyImageTag } from './dockerfile.js';
import { buildImage, docker, ImageBuildError, imageExists, imageId } from './engine.js';
import { firstFileFromTar, makeTar, type TarEntry } from './tar.js';

export const LABEL = 'baxbench';
export const OWNER_LABEL = 'baxbench.owner';
export const NETWORK_NAME = 'baxbench-isolated';

export interface DockerSandboxOptions {
  /** Memory limit per container (bytes); the original's 1 GiB. */
  memoryBytes?: number;
  pidsLimit?: number;
  /** CPU limit per container in CPUs. */
  cpus?: number;
  /** Readiness poll interval (ms). */
  pollMs?: number;
  /** Cap of the container log kept per instance (bytes). */
  maxLogBytes?: number;
}

const OWNER = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export function ownerId(): string {
  return OWNER;
}

interface DockerPrepared extends PreparedSample {
  /** Image to start containers from. */
  readonly runImage: string;
  /** Files to put in the workdir before start (empty when baked into runImage). */
  readonly files: SampleFiles;
}

function demux(buf: Buffer): { stdout: string; stderr: string } {
  // Docker's multiplexed stream: 8-byte header [stream, 0, 0, 0, size(4)] + payload.
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const type = buf[i]!;
    const size = buf.readUInt32BE(i + 4);
    const chunk = buf.subarray(i + 8, i + 8 + size);
    (type === 2 ? err : out).push(chunk);
    i += 8 + size;
  }
  if (i === 0 && buf.length > 0 && (buf[0]! > 2 || buf.length < 8)) return { stdout: buf.toString('utf8'), stderr: '' };
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

function codeEntries(workdir: string, files: SampleFiles): TarEntry[] {
  const base = workdir.replace(/^\/+/, '').replace(/\/+$/, '');
  return Object.entries(files).map(([rel, data]) => ({ name: `${base}/${rel.replace(/^\/+/, '')}`, data }));
}

async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => {
    const onAbort = (): void => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function probeHttp(port: number, timeoutMs: number): Promise<boolean> {
  const ac = new AbortController();
  const t = setTimeout(() => ac.abort(), timeoutMs);
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: ac.signal, redirect: 'manual' });
    await res.body?.cancel().catch(() => undefined);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(t);
  }
}

export class DockerSandbox implements Sandbox {
  private readonly builds = new Map<string, Promise<PreparedImage>>();
  private readonly containers = new Set<string>();
  private readonly images = new Set<string>();
  private readonly removals = new Set<Promise<void>>();
  private networkReady: Promise<string> | undefined;
  private readonly opts: Required<DockerSandboxOptions>;

  constructor(opts: DockerSandboxOptions = {}) {
    this.opts = {
      memoryBytes: opts.memoryBytes ?? 2 ** 30,
      pidsLimit: opts.pidsLimit ?? 1024,
      cpus: opts.cpus ?? 1,
      pollMs: opts.pollMs ?? 25,
      maxLogBytes: opts.maxLogBytes ?? 1 << 20,
    };
  }

  prepareImage(framework: Framework, extra: ExtraPackages, log: TestLog): Promise<PreparedImage> {
    const key = dependencyImageTag(framework, extra);
    let p = this.builds.get(key);
    if (!p) {
      p = (async () => {
        const local = framework.image.localBase;
        if (local && !(await imageExists(local.tag))) {
          // A variant's base exists in no registry: build it here from Debian packages (once).
          log.info(`base image ${local.tag} is missing: building it from Debian ${local.debianSuite} packages`);
          const t0 = Date.now();
          await ensureLocalDebianBase(
            local,
            defaultLocalBaseOptions((l) => log.info(l)),
          );
          log.info(`built ${local.tag} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        }
        const baseId = await imageId(framework.image.baseImage);
        if (!baseId)
          throw new ImageBuildError(
            `base image ${framework.image.baseImage} is missing; run \`baxbench setup\` first`,
            '',
          );
        const tag = dependencyImageTag(framework, extra, baseId);
        if (await imageExists(tag)) return { ref: tag, framework };
        // Another baxbench process may be building the same image: wait for it, then reuse.
        return withBuildLock(tag, () => this.buildDependencyImage(framework, extra, tag, log), {
          onWait: (pid) => log.info(`waiting for process ${pid}, which is building ${tag}`),
        });
      })();
      this.builds.set(key, p);
      p.catch(() => this.builds.delete(key));
    }
    return p;
  }

  private async buildDependencyImage(
    framework: Framework,
    extra: ExtraPackages,
    tag: string,
    log: TestLog,
  ): Promise<PreparedImage> {
    if (await imageExists(tag)) return { ref: tag, framework };
    log.info(
      `building dependency image ${tag} for ${framework.id}${framework.variant ? ` (variant ${framework.variant.name})` : ''}`,
    );
    const entries: TarEntry[] = [{ name: 'Dockerfile', data: dependencyDockerfile(framework, extra) }];
    for (const [name, content] of Object.entries(framework.manifestFiles)) entries.push({ name, data: content });
    const t0 = Date.now();
    const labels: Record<string, string> = { [LABEL]: 'image', 'baxbench.framework': framework.id };
    if (framework.variant) labels['baxbench.variant'] = framework.variant.name;
    await buildImage(await makeTar(entries), tag, labels);
    log.info(`built ${tag} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { ref: tag, framework };
  }

  async prepareSample(image: PreparedImage, files: SampleFiles, log: TestLog): Promise<PreparedSample> {
    const fw = image.framework;
    if (fw.image.prepare.length === 0) {
      const prepared: DockerPrepared = { image, buildLog: '', runImage: image.ref, files };
      return prepared;
    }
    // Compile once: a one-off container with the code, run the prepare steps, commit.
    const script = fw.image.prepare.join(' && ');
    const c = await docker().createContainer({
      Image: image.ref,
      Cmd: ['sh', '-c', script],
      WorkingDir: fw.workdir,
      Labels: { [LABEL]: 'prepare', [OWNER_LABEL]: OWNER },
      HostConfig: { Memory: 4 * 2 ** 30, PidsLimit: this.opts.pidsLimit, SecurityOpt: ['no-new-privileges'] },
    });
    this.containers.add(c.id);
    try {
      await c.putArchive(await makeTar(codeEntries(fw.workdir, files)), { path: '/' });
      await c.start();
      const t0 = Date.now();
      const res = (await c.wait()) as { StatusCode: number };
      const buildLog = demux((await c.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer);
      const text = `$ ${script}\n${buildLog.stdout}${buildLog.stderr}`;
      log.info(`prepared sample in ${((Date.now() - t0) / 1000).toFixed(1)} s (exit ${res.StatusCode})`);
      if (res.StatusCode !== 0)
        throw new SampleBuildError(`sample preparation failed with exit code ${res.StatusCode}`, text);
      const hash = createHash('sha256')
        .update(JSON.stringify(Object.entries(files).sort()))
        .digest('hex')
        .slice(0, 12);
      const repo = `baxbench-sample/${image.ref.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
      await c.commit({
        repo,
        tag: hash,
        changes: [`LABEL ${LABEL}=sample`, `LABEL ${OWNER_LABEL}=${OWNER}`],
      } as unknown as object);
      const ref = `${repo}:${hash}`;
      this.images.add(ref);
      const prepared: DockerPrepared = { image, buildLog: text, runImage: ref, files: {} };
      return prepared;
    } finally {
      this.containers.delete(c.id);
      await c.remove({ force: true }).catch(() => undefined);
    }
  }

  private network(): Promise<string> {
    this.networkReady ??= (async () => {
      const nets = await docker().listNetworks({ filters: { name: [NETWORK_NAME] } });
      if (nets.some((n) => n.Name === NETWORK_NAME)) return NETWORK_NAME;
      try {
        await docker().createNetwork({
          Name: NETWORK_NAME,
          Driver: 'bridge',
          Labels: { [LABEL]: 'network' },
          Options: {
            // No NAT: apps cannot reach anything outside; published ports still reach them from the host.
            'com.docker.network.bridge.enable_ip_masquerade': 'false',
            // Apps cannot talk to each other.
            'com.docker.network.bridge.enable_icc': 'false',
          },
        });
      } catch (e) {
        if (!/already exists/i.test((e as Error).message)) throw e;
      }
      return NETWORK_NAME;
    })();
    return this.networkReady;
  }

  async start(sample: PreparedSample, options: StartOptions): Promise<RunningApp> {
    const prepared = sample as DockerPrepared;
    const fw = prepared.image.framework;
    const network = await this.network();
    const c = await docker().createContainer({
      Image: prepared.runImage,
      Cmd: ['sh', '-c', fw.entrypoint],
      WorkingDir: fw.workdir,
      Labels: { [LABEL]: 'app', [OWNER_LABEL]: OWNER, 'baxbench.framework': fw.id },
      ExposedPorts: { [`${fw.port}/tcp`]: {} },
      HostConfig: {
        Memory: this.opts.memoryBytes,
        MemorySwap: this.opts.memoryBytes,
        PidsLimit: this.opts.pidsLimit,
        NanoCpus: Math.round(this.opts.cpus * 1e9),
        SecurityOpt: ['no-new-privileges'],
        NetworkMode: network,
        PortBindings: { [`${fw.port}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] },
        LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '1' } },
      },
    });
    this.containers.add(c.id);
    const instance = new DockerAppInstance(c, fw, options, this.opts.maxLogBytes);
    const dispose = async (): Promise<string> => {
      const logs = await instance.logs().catch(() => '');
      // Removal (kill + delete, ~150 ms) runs in the background so the next test need not
      // wait for it; cleanup() waits for every pending removal.
      const removal = c
        .remove({ force: true })
        .catch(() => undefined)
        .then(() => {
          this.containers.delete(c.id);
          this.removals.delete(removal);
        });
      this.removals.add(removal);
      return logs;
    };
    try {
      const entries = codeEntries(fw.workdir, prepared.files);
      if (entries.length > 0) await c.putArchive(await makeTar(entries), { path: '/' });
      await c.start();
      const info = await c.inspect();
      const binding = info.NetworkSettings.Ports[`${fw.port}/tcp`]?.[0];
      if (!binding) throw new Error('the container has no published port');
      instance.port = Number(binding.HostPort);
      await this.waitReady(c, instance, fw, options);
      return { app: instance, dispose };
    } catch (e) {
      const logs = await instance.logs().catch(() => '');
      await c.remove({ force: true }).catch(() => undefined);
      this.containers.delete(c.id);
      const err = e instanceof Error ? e : new Error(String(e));
      err.message += logs ? `\n--- app output ---\n${logs.slice(-4000)}` : '';
      throw err;
    }
  }

  private async waitReady(
    c: Dockerode.Container,
    instance: DockerAppInstance,
    fw: Framework,
    options: StartOptions,
  ): Promise<void> {
    const t0 = Date.now();
    let polls = 0;
    for (;;) {
      if (options.signal.aborted) throw new Error('aborted while waiting for the app to start');
      if (await probeHttp(instance.port, 1000)) {
        options.log.info(`app answered after ${Date.now() - t0} ms`);
        return;
      }
      if (++polls % 4 === 0) {
        const st = await c.inspect();
        if (!st.State.Running)
          throw new Error(
            `the app exited before answering (exit code ${st.State.ExitCode}${st.State.OOMKilled ? ', out of memory' : ''})`,
          );
      }
      if (Date.now() - t0 > fw.startTimeoutMs)
        throw new Error(`the app did not answer on port ${fw.port} within ${fw.startTimeoutMs} ms`);
      await sleep(this.opts.pollMs, options.signal);
    }
  }

  async cleanup(): Promise<void> {
    await Promise.all([...this.removals]);
    await Promise.all(
      [...this.containers].map((id) =>
        docker()
          .getContainer(id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
    this.containers.clear();
    await Promise.all(
      [...this.images].map((ref) =>
        docker()
          .getImage(ref)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
    this.images.clear();
  }

  /** Ids of live containers this sandbox created (for tests and diagnostics). */
  liveContainers(): string[] {
    return [...this.containers];
  }
}

class DockerAppInstance implements AppInstance {
  port = 0;
  readonly framework: AppInstance['framework'];
  readonly log: TestLog;
  readonly signal: AbortSignal;

  constructor(
    private readonly c: Dockerode.Container,
    private readonly fw: Framework,
    options: StartOptions,
    private readonly maxLogBytes: number,
  ) {
    this.framework = { id: fw.id, language: fw.language, workdir: fw.workdir, sqliteDatabase: fw.sqliteDatabase };
    this.log = options.log;
    this.signal = options.signal;
  }

  url(p = '/'): string {
    return `http://127.0.0.1:${this.port}${p.startsWith('/') ? p : `/${p}`}`;
  }

  async readFile(p: string): Promise<Buffer> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.c.getArchive({ path: p });
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 404) throw new FileNotFoundInSandbox(p);
      throw e;
    }
    const data = await firstFileFromTar(stream as unknown as import('node:stream').Readable);
    if (data === undefined) throw new FileNotFoundInSandbox(p);
    return data;
  }

  async writeFile(p: string, data: string | Uint8Array): Promise<void> {
    await this.c.putArchive(await makeTar([{ name: p.replace(/^\/+/, ''), data }]), { path: '/' });
  }

  async exec(argv: readonly string[], options: { timeoutMs?: number } = {}): Promise<ExecResult> {
    const ex = await this.c.exec({ Cmd: [...argv], AttachStdout: true, AttachStderr: true });
    const stream = await ex.start({ hijack: true, stdin: false });
    const chunks: Buffer[] = [];
    const timeoutMs = options.timeoutMs ?? 60_000;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        stream.destroy();
        resolve();
      }, timeoutMs);
      stream.on('data', (d: Buffer) => chunks.push(d));
      stream.on('end', () => {
        clearTimeout(t);
        resolve();
      });
      stream.on('close', () => {
        clearTimeout(t);
        resolve();
      });
      stream.on('error', () => {
        clearTimeout(t);
        resolve();
      });
    });
    const { stdout, stderr } = demux(Buffer.concat(chunks));
    const info = await ex.inspect().catch(() => undefined);
    return { exitCode: info?.ExitCode ?? -1, stdout, stderr };
  }

  async isRunning(): Promise<boolean> {
    try {
      const top = (await this.c.top()) as { Titles: string[]; Processes: string[][] };
      const col = top.Titles.findIndex((t) => t === 'CMD' || t === 'COMMAND');
      return top.Processes.some((row) => (col >= 0 ? row[col] : row.join(' '))?.includes(this.fw.entrypoint));
    } catch {
      return false;
    }
  }

  async memoryUsageBytes(): Promise<number | undefined> {
    try {
      const s = (await this.c.stats({ stream: false, 'one-shot': true } as { stream: false })) as {
        memory_stats?: { usage?: number };
      };
      return s.memory_stats?.usage;
    } catch {
      return undefined;
    }
  }

  async diskUsageBytes(p: string): Promise<number | undefined> {
    try {
      const r = await this.exec(['du', '-sb', p], { timeoutMs: 30_000 });
      if (r.exitCode !== 0) return undefined;
      const n = Number(r.stdout.trim().split(/\s+/)[0]);
      return Number.isFinite(n) ? n : undefined;
    } catch {
      return undefined;
    }
  }

  async logs(): Promise<string> {
    const buf = (await this.c.logs({ stdout: true, stderr: true, follow: false, tail: 2000 })) as unknown as Buffer;
    const { stdout, stderr } = demux(buf);
    const all = stdout + (stderr ? `\n[stderr]\n${stderr}` : '');
    return all.length > this.maxLogBytes ? `…(truncated)…\n${all.slice(-this.maxLogBytes)}` : all;
  }
}

export function createDockerSandbox(opts: DockerSandboxOptions = {}): DockerSandbox {
  return new DockerSandbox(opts);
}

function ownerAlive(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname()) return true; // another machine's engine user: leave it alone
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0) return false;
  if (n === process.pid) return owner === OWNER;
  try {
    process.kill(n, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes containers and sample images left by runs of this machine whose process is gone. */
export async function removeLeftovers(): Promise<number> {
  const list = await docker().listContainers({ all: true, filters: { label: [LABEL] } });
  let removed = 0;
  for (const c of list) {
    const owner = c.Labels[OWNER_LABEL];
    // Containers we create always carry an owner; one without it was made by someone else from
    // one of our images (which carry the baxbench label): not ours to remove.
    if (!owner || ownerAlive(owner)) continue;
    await docker()
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined);
    removed++;
  }
  const images = await docker().listImages({ filters: { label: [`${LABEL}=sample`] } });
  for (const img of images) {
    const owner = img.Labels?.[OWNER_LABEL];
    if (owner && ownerAlive(owner)) continue;
    await docker()
      .getImage(img.Id)
      .remove({ force: true })
      .catch(() => undefined);
  }
  return removed;
}

/**
 * On SIGINT/SIGTERM: remove this run's containers and images, then exit (130 / 143).
 * Returns a function that uninstalls the handlers.
 */
export function installSignalCleanup(sandbox: Sandbox, onSignal?: (sig: NodeJS.Signals) => void): () => void {
  let cleaning = false;
  const handler = (sig: NodeJS.Signals): void => {
    if (cleaning) return;
    cleaning = true;
    onSignal?.(sig);
    process.stderr.write(`\nbaxbench: ${sig} received, removing containers…\n`);
    void sandbox.cleanup().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
