/**
 * A sample made ready to run. Frameworks without prepare steps: nothing to do, the code goes into
 * each fresh container before it starts. Frameworks that compile: the prepare steps run once in a
 * one-off container holding the code, which is then committed as the sample's image. That build
 * is bounded: a time limit (past it: the sample's build failure, as the original's 600 s docker
 * build timeout), memory/CPU/pids limits, few capabilities, no network unless the framework
 * declares that its build fetches packages, and its output kept to a cap (start and end).
 */
import { createHash } from 'node:crypto';
import type { SampleFiles, TestLog } from '../../core/types.js';
import { SampleBuildError, type PreparedImage, type PreparedSample } from '../types.js';
import type Dockerode from 'dockerode';
import { Demuxer, formatBytes, HeadTail } from './capped.js';
import { docker } from './engine.js';
import { engineCall } from './engine-errors.js';
import { LABEL, OWNER_LABEL, ownerId } from './leftovers.js';
import { buildHostConfig } from './limits.js';
import type { ResolvedOptions } from './options.js';
import type { OwnedResources } from './owned.js';
import { makeTar, type TarEntry } from './tar.js';

export interface DockerPrepared extends PreparedSample {
  /** Image to start containers from. */
  readonly runImage: string;
  /** Files to put in the workdir before start (empty when baked into runImage). */
  readonly files: SampleFiles;
}

/** Tar entries placing the sample's files under the framework's workdir. */
export function codeEntries(workdir: string, files: SampleFiles): TarEntry[] {
  const base = workdir.replace(/^\/+/, '').replace(/\/+$/, '');
  return Object.entries(files).map(([rel, data]) => ({ name: `${base}/${rel.replace(/^\/+/, '')}`, data }));
}

/** Of a build's output, the start kept besides its end (the rest of maxBuildLogBytes). */
const BUILD_LOG_HEAD = 64 * 1024;

export async function prepareSample(
  image: PreparedImage,
  files: SampleFiles,
  log: TestLog,
  owned: OwnedResources,
  opts: ResolvedOptions,
): Promise<DockerPrepared> {
  const fw = image.framework;
  if (fw.image.prepare.length === 0) return { image, buildLog: '', runImage: image.ref, files };
  // Compile once: a one-off container with the code, run the prepare steps, commit. The build
  // runs the sample's code in some frameworks (migrations): it is bounded like an app, with no
  // network unless the framework's build must fetch packages.
  const script = fw.image.prepare.join(' && ');
  const network = fw.image.prepareNeedsNetwork ? 'bridge' : 'none';
  const c = await engineCall('creating the build container', () =>
    docker().createContainer({
      Image: image.ref,
      Cmd: ['sh', '-c', script],
      WorkingDir: fw.workdir,
      Labels: { [LABEL]: 'prepare', [OWNER_LABEL]: ownerId() },
      HostConfig: buildHostConfig(opts, network),
    }),
  );
  owned.containers.add(c.id);
  try {
    await engineCall('copying the code into the build container', async () =>
      c.putArchive(await makeTar(codeEntries(fw.workdir, files)), { path: '/' }),
    );
    const output = new HeadTail(
      Math.min(BUILD_LOG_HEAD, opts.maxBuildLogBytes),
      Math.max(0, opts.maxBuildLogBytes - BUILD_LOG_HEAD),
    );
    const demuxer = new Demuxer((_, data) => output.push(data));
    const attached = (await engineCall('attaching to the build container', () =>
      c.attach({ stream: true, stdout: true, stderr: true }),
    )) as NodeJS.ReadableStream;
    const outputEnded = new Promise<void>((resolve) => {
      attached.on('data', (d: Buffer) => demuxer.push(d));
      attached.on('end', () => resolve());
      attached.on('close', () => resolve());
      attached.on('error', () => resolve());
    });
    const t0 = Date.now();
    await engineCall('starting the build container', () => c.start());
    const status = await waitBounded(c, opts.buildTimeoutMs);
    // The output stream ends when the container does; a moment's grace for its last bytes.
    await Promise.race([outputEnded, sleep(2000)]);
    (attached as unknown as { destroy?: () => void }).destroy?.();
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    const cut = (n: number): string =>
      `\n…(${formatBytes(n)} of build output cut here: the build log keeps its first ${formatBytes(BUILD_LOG_HEAD)} and its last ${formatBytes(opts.maxBuildLogBytes - BUILD_LOG_HEAD)})…\n`;
    let text = `$ ${script}\n${output.text(cut)}`;
    if (output.dropped > 0)
      log.warn(
        `the build wrote ${formatBytes(output.total)} of output; test.log keeps ${formatBytes(opts.maxBuildLogBytes)}`,
      );
    if (status === 'timeout') {
      const limit = opts.buildTimeoutMs / 1000;
      text += `\n(build stopped: still running after the build time limit of ${limit} s)\n`;
      log.info(`sample build stopped after ${secs} s: past the build time limit of ${limit} s`);
      throw new SampleBuildError(`the sample's build did not finish within ${limit} s (build time limit)`, text);
    }
    log.info(`prepared sample in ${secs} s (exit ${status.StatusCode})`);
    if (status.StatusCode !== 0)
      throw new SampleBuildError(`sample preparation failed with exit code ${status.StatusCode}`, text);
    const hash = createHash('sha256')
      .update(JSON.stringify(Object.entries(files).sort()))
      .digest('hex')
      .slice(0, 12);
    const repo = `baxbench-sample/${image.ref.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
    await engineCall('saving the built sample as an image', () =>
      c.commit({
        repo,
        tag: hash,
        changes: [`LABEL ${LABEL}=sample`, `LABEL ${OWNER_LABEL}=${ownerId()}`],
      } as unknown as object),
    );
    const ref = `${repo}:${hash}`;
    owned.images.add(ref);
    return { image, buildLog: text, runImage: ref, files: {} };
  } finally {
    await owned.removeContainer(c.id);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Waits for the container to exit, at most `ms`; past it the container is killed and 'timeout' returned. */
async function waitBounded(c: Dockerode.Container, ms: number): Promise<{ StatusCode: number } | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const waited = engineCall('waiting for the build', () => c.wait() as Promise<{ StatusCode: number }>);
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    const r = await Promise.race([waited, timedOut]);
    if (r === 'timeout') {
      waited.catch(() => undefined);
      await c.kill().catch(() => undefined);
    }
    return r;
  } finally {
    clearTimeout(timer);
  }
}
