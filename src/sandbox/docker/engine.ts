/** The Docker engine connection and a clear check that it answers. */
import Docker from 'dockerode';
import { SandboxUnavailableError } from '../backend.js';

let client: Docker | undefined;

export function docker(): Docker {
  client ??= new Docker();
  return client;
}

export class DockerUnavailableError extends SandboxUnavailableError {
  constructor(detail: string) {
    super(
      `no Docker engine answers (${detail}); start one (e.g. \`dockerd &\`, or on Debian: apt-get install -y docker.io && dockerd &) or set DOCKER_HOST`,
    );
    this.name = 'DockerUnavailableError';
  }
}

/** Resolves with the engine version when an engine answers; throws DockerUnavailableError otherwise. */
export async function checkEngine(timeoutMs = 5000): Promise<string> {
  const d = docker();
  try {
    const v = (await Promise.race([
      d.version(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
    ])) as { Version?: string };
    return v.Version ?? 'unknown';
  } catch (e) {
    throw new DockerUnavailableError((e as Error).message.split('\n')[0] ?? 'unknown error');
  }
}

/** The image's id (sha256:…), or undefined when it does not exist. */
export async function imageId(ref: string): Promise<string | undefined> {
  try {
    return (await docker().getImage(ref).inspect()).Id;
  } catch {
    return undefined;
  }
}

export async function imageExists(ref: string): Promise<boolean> {
  try {
    await docker().getImage(ref).inspect();
    return true;
  } catch {
    return false;
  }
}

export interface BuildImageOptions {
  /** The build's output as it comes (Docker's build stream). */
  onOutput?: (text: string) => void;
  /** Where the caller keeps the full output: named in the error when the build fails. */
  logFile?: string;
  /** Build every step again instead of reusing Docker's layer cache. */
  noCache?: boolean;
  /** Stop the build after this long (the engine cancels it when the request goes away). */
  timeoutMs?: number;
}

/** Builds an image from an in-memory tar context; resolves with the build output, rejects with it on failure. */
export async function buildImage(
  context: Buffer,
  tag: string,
  labels: Record<string, string>,
  opts: BuildImageOptions = {},
): Promise<string> {
  const stream = await docker().buildImage(context as unknown as NodeJS.ReadableStream, {
    t: tag,
    labels,
    rm: true,
    forcerm: true,
    ...(opts.noCache ? { nocache: true } : {}),
  });
  const out: string[] = [];
  let error: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (opts.timeoutMs !== undefined) {
    const ms = opts.timeoutMs;
    timer = setTimeout(() => {
      error = `the build did not finish within ${Math.round(ms / 1000)} s`;
      opts.onOutput?.(`error: ${error}\n`);
      (stream as unknown as { destroy(): void }).destroy();
    }, ms);
  }
  await new Promise<void>((resolve, reject) => {
    docker().modem.followProgress(
      stream,
      (err: Error | null) => {
        clearTimeout(timer);
        if (err && !error) reject(err);
        else resolve();
      },
      (ev: { stream?: string; error?: string; errorDetail?: { message?: string } }) => {
        if (ev.stream) {
          out.push(ev.stream);
          opts.onOutput?.(ev.stream);
        }
        if (ev.error) {
          error = ev.errorDetail?.message ?? ev.error;
          opts.onOutput?.(`error: ${error}\n`);
        }
      },
    );
  });
  const log = out.join('');
  if (error)
    throw new ImageBuildError(
      `building ${tag} failed: ${error.split('\n')[0]}${opts.logFile ? ` (full output: ${opts.logFile})` : ''}`,
      log,
    );
  return log;
}

export class ImageBuildError extends Error {
  constructor(
    message: string,
    readonly buildLog: string,
  ) {
    super(message);
    this.name = 'ImageBuildError';
  }
}
