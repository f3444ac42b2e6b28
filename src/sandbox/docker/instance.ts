/**
 * The AppInstance of one Docker container: all a test may touch of the running app. Every read of
 * what the app controls is capped (files read back, command output, the app's logs): beyond the
 * cap the data is cut and the test log says so. A failure of the engine (not a missing file, not a
 * stopped app) is a SandboxInfraError.
 */
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { AppInstance, ExecResult, Framework, TestLog } from '../../core/types.js';
import { FileNotFoundInSandbox } from '../../core/types.js';
import type { StartOptions } from '../types.js';
import { Demuxer, formatBytes, HeadTail } from './capped.js';
import { infraError, isEngineFailure } from './engine-errors.js';
import { containerCommandLines } from './host-procs.js';
import type { ResolvedOptions } from './options.js';
import { firstFileFromTarCapped, makeTar } from './tar.js';

export class DockerAppInstance implements AppInstance {
  /** The host port the app's port is published on (127.0.0.1), set once the container runs. */
  port = 0;
  /** The container's first process as the host sees it (State.Pid), set once it runs; 0 unknown. */
  hostPid = 0;
  readonly framework: AppInstance['framework'];
  readonly log: TestLog;
  readonly signal: AbortSignal;

  constructor(
    private readonly c: Dockerode.Container,
    private readonly fw: Framework,
    options: StartOptions,
    private readonly limits: Pick<ResolvedOptions, 'maxLogBytes' | 'maxReadBytes' | 'maxExecOutputBytes'>,
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
      if (isEngineFailure(e)) throw infraError(`reading ${p} from the app container`, e);
      throw e;
    }
    const file = await firstFileFromTarCapped(stream as unknown as Readable, this.limits.maxReadBytes);
    if (file === undefined) throw new FileNotFoundInSandbox(p);
    if (file.truncated)
      this.log.warn(
        `reading ${p}: the file has ${formatBytes(file.size)}; only its first ${formatBytes(this.limits.maxReadBytes)} were read (cap of files read back from the sandbox)`,
      );
    return file.data;
  }

  async writeFile(p: string, data: string | Uint8Array): Promise<void> {
    await this.c.putArchive(await makeTar([{ name: p.replace(/^\/+/, ''), data }]), { path: '/' });
  }

  async exec(argv: readonly string[], options: { timeoutMs?: number } = {}): Promise<ExecResult> {
    let ex: Dockerode.Exec;
    let stream: NodeJS.ReadWriteStream;
    try {
      ex = await this.c.exec({ Cmd: [...argv], AttachStdout: true, AttachStderr: true });
      stream = (await ex.start({ hijack: true, stdin: false })) as NodeJS.ReadWriteStream;
    } catch (e) {
      if (isEngineFailure(e)) throw infraError(`running ${argv[0] ?? 'a command'} in the app container`, e);
      throw e;
    }
    const cap = this.limits.maxExecOutputBytes;
    const out = { stdout: new HeadTail(cap, 0), stderr: new HeadTail(cap, 0) };
    const demuxer = new Demuxer((which, data) => out[which].push(data));
    const timeoutMs = options.timeoutMs ?? 60_000;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(() => {
        (stream as unknown as { destroy(): void }).destroy();
        resolve();
      }, timeoutMs);
      stream.on('data', (d: Buffer) => demuxer.push(d));
      stream.on('end', done);
      stream.on('close', done);
      stream.on('error', done);
    });
    for (const which of ['stdout', 'stderr'] as const)
      if (out[which].dropped > 0)
        this.log.warn(
          `${argv[0] ?? 'command'}: its ${which} had ${formatBytes(out[which].total)}; only the first ${formatBytes(cap)} were kept (cap of command output)`,
        );
    const cut = (n: number): string => `\n…(${formatBytes(n)} more cut)…\n`;
    const info = await ex.inspect().catch(() => undefined);
    return { exitCode: info?.ExitCode ?? -1, stdout: out.stdout.text(cut), stderr: out.stderr.text(cut) };
  }

  /**
   * Whether a process of the container runs the framework's entrypoint (the original's `ps aux`
   * check): read from the host's /proc where the harness shares the engine's host (host-procs.ts),
   * else from the engine's `top`.
   */
  async isRunning(): Promise<boolean> {
    const lines = await containerCommandLines(this.c.id, this.hostPid);
    if (lines !== undefined) return lines.some((l) => l.includes(this.fw.entrypoint));
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

  /**
   * The container's own peak counter: cgroup v1 `memory.max_usage_in_bytes` (the stats API's
   * `memory_stats.max_usage`, on the same basis as `usage`); on cgroup v2, where the stats API has
   * no peak, the cgroup's `memory.peak` file read inside the container (kernel 5.19 or later;
   * not exercised on this project's cgroup v1 engine).
   */
  async memoryPeakBytes(): Promise<number | undefined> {
    let stats: { memory_stats?: { max_usage?: number; usage?: number } };
    try {
      stats = (await this.c.stats({ stream: false, 'one-shot': true } as { stream: false })) as typeof stats;
    } catch {
      return undefined;
    }
    const peak = stats.memory_stats?.max_usage;
    if (typeof peak === 'number' && peak > 0) return peak;
    if (stats.memory_stats?.usage === undefined) return undefined; // not running
    const r = await this.exec(['cat', '/sys/fs/cgroup/memory.peak'], { timeoutMs: 10_000 }).catch(() => undefined);
    const n = Number(r?.stdout.trim());
    return r?.exitCode === 0 && Number.isFinite(n) && n > 0 ? n : undefined;
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

  /**
   * The app's output so far: the latest `maxLogBytes` of it (the engine keeps a few times that,
   * its json-file log being capped), read as a stream so nothing more is ever held here.
   */
  async logs(): Promise<string> {
    const keep = this.limits.maxLogBytes;
    const out = { stdout: new HeadTail(0, keep), stderr: new HeadTail(0, keep) };
    const demuxer = new Demuxer((which, data) => out[which].push(data));
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
      this.c.modem.dial(
        {
          path: `/containers/${this.c.id}/logs?`,
          method: 'GET',
          isStream: true,
          statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
          options: { stdout: true, stderr: true, follow: false, tail: 2000 },
        },
        (err: unknown, s: unknown) => (err ? reject(err) : resolve(s as NodeJS.ReadableStream)),
      );
    });
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (d: Buffer) => demuxer.push(d));
      stream.on('end', () => resolve());
      stream.on('close', () => resolve());
      stream.on('error', reject);
    });
    const note = (): string => '';
    const stdout = out.stdout.text(note);
    const stderr = out.stderr.text(note);
    const all = stdout + (stderr ? `\n[stderr]\n${stderr}` : '');
    const dropped = out.stdout.dropped + out.stderr.dropped + Math.max(0, all.length - keep);
    const kept = all.length > keep ? all.slice(-keep) : all;
    return dropped > 0
      ? `…(earlier output cut: the app's log is kept to its latest ${formatBytes(keep)}, the engine's to a few times that)…\n${kept}`
      : kept;
  }
}
