/** The AppInstance of one Docker container: all a test may touch of the running app. */
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { AppInstance, ExecResult, Framework, TestLog } from '../../core/types.js';
import { FileNotFoundInSandbox } from '../../core/types.js';
import type { StartOptions } from '../types.js';
import { demux } from './streams.js';
import { firstFileFromTar, makeTar } from './tar.js';

export class DockerAppInstance implements AppInstance {
  /** The host port the app's port is published on (127.0.0.1), set once the container runs. */
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
    const data = await firstFileFromTar(stream as unknown as Readable);
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

  async logs(): Promise<string> {
    const buf = (await this.c.logs({ stdout: true, stderr: true, follow: false, tail: 2000 })) as unknown as Buffer;
    const { stdout, stderr } = demux(buf);
    const all = stdout + (stderr ? `\n[stderr]\n${stderr}` : '');
    return all.length > this.maxLogBytes ? `…(truncated)…\n${all.slice(-this.maxLogBytes)}` : all;
  }
}
