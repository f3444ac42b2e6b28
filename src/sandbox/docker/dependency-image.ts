/**
 * A framework's dependency image (+ the scenario's extra packages): built once, reused by a tag
 * that hashes the recipe and the base image's id. A variant's missing base is built first
 * (Debian packages). Each build's full output goes to its own log file in the log folder; the
 * test log gets one line at the start and one at the end, and a failure names the log file.
 */
import path from 'node:path';
import type { ExtraPackages, Framework, TestLog } from '../../core/types.js';
import { fileBuildReporter, logFileName } from '../build-log.js';
import type { PreparedImage } from '../types.js';
import { defaultLocalBaseOptions, ensureLocalDebianBase } from './base-images.js';
import { withBuildLock } from './build-lock.js';
import { BuildTracker } from './build-progress.js';
import { dependencyDockerfile, dependencyImageTag } from './dockerfile.js';
import { buildImage, ImageBuildError, imageExists, imageId } from './engine.js';
import { isEngineFailure } from './engine-errors.js';
import { LABEL } from './leftovers.js';
import type { ResolvedOptions } from './options.js';
import { makeTar, type TarEntry } from './tar.js';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Makes sure the dependency image exists (building it, and a missing variant base, when needed). */
export async function ensureDependencyImage(
  framework: Framework,
  extra: ExtraPackages,
  log: TestLog,
  opts: ResolvedOptions,
): Promise<PreparedImage> {
  const local = framework.image.localBase;
  if (local && !(await imageExists(local.tag))) {
    // A variant's base exists in no registry: build it here from Debian packages (once).
    log.info(`base image ${local.tag} is missing: building it from Debian ${local.debianSuite} packages`);
    const t0 = Date.now();
    const report = fileBuildReporter(path.join(opts.logDir, logFileName(`base-${local.tag}`)), {
      note: (m) => log.info(m),
      progress: opts.onBuildProgress,
    });
    await ensureLocalDebianBase(local, defaultLocalBaseOptions(report));
    log.info(`built ${local.tag} in ${seconds(Date.now() - t0)}`);
  }
  const baseId = await imageId(framework.image.baseImage);
  if (!baseId)
    throw new ImageBuildError(`base image ${framework.image.baseImage} is missing; run \`baxbench setup\` first`, '');
  const tag = dependencyImageTag(framework, extra, baseId);
  if (await imageExists(tag)) return { ref: tag, framework };
  // Another baxbench process may be building the same image: wait for it, then reuse.
  return withBuildLock(tag, () => buildWithRetries(framework, extra, tag, log, opts), {
    onWait: (pid) => log.info(`waiting for process ${pid}, which is building ${tag}`),
  });
}

/** A dependency image build may take this long (our own recipe; it fetches packages). */
export const DEPENDENCY_BUILD_TIMEOUT_MS = 3_600_000;

/** Delays before the 2nd and 3rd attempt of a dependency image build that failed on the network. */
const BUILD_RETRY_DELAYS_MS = [5_000, 30_000];

/** Failures of a package download or of the engine, which a later attempt may not meet. */
const TRANSIENT_BUILD_FAILURE =
  /Temporary failure (in name resolution|resolving)|Could not resolve|Could not connect|EAI_AGAIN|ETIMEDOUT|ECONNRESET|ECONNREFUSED|ENETUNREACH|network is unreachable|Connection (timed out|refused|reset)|TLS handshake timeout|i\/o timeout|npm ERR! network|ERR_SOCKET_TIMEOUT|socket hang up|Failed to fetch|50[234] (Bad Gateway|Service Unavailable|Gateway Time-?out)|unexpected EOF|Hash Sum mismatch|did not finish within|no space left on device/i;

/** Whether a dependency image build failed for a reason a later attempt may not meet (network, engine, disk). */
export function isTransientBuildFailure(e: unknown): boolean {
  if (isEngineFailure(e) && !(e instanceof ImageBuildError)) return true;
  const text = `${e instanceof Error ? e.message : String(e)}\n${(e as { buildLog?: unknown }).buildLog ?? ''}`;
  return TRANSIENT_BUILD_FAILURE.test(text.slice(-8000)) || TRANSIENT_BUILD_FAILURE.test(text.slice(0, 2000));
}

async function buildWithRetries(
  framework: Framework,
  extra: ExtraPackages,
  tag: string,
  log: TestLog,
  opts: ResolvedOptions,
): Promise<PreparedImage> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await buildDependencyImage(framework, extra, tag, log, opts);
    } catch (e) {
      const delay = BUILD_RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !isTransientBuildFailure(e)) throw e;
      log.warn(
        `building ${tag} failed for a reason that may pass (${(e instanceof Error ? e.message : String(e)).split('\n')[0]}); trying again in ${delay / 1000} s`,
      );
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

async function buildDependencyImage(
  framework: Framework,
  extra: ExtraPackages,
  tag: string,
  log: TestLog,
  opts: ResolvedOptions,
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
  const report = fileBuildReporter(path.join(opts.logDir, logFileName(`image-${tag}`)), {
    note: (m) => log.info(m),
    progress: opts.onBuildProgress,
  });
  const build = new BuildTracker(tag, report);
  try {
    await buildImage(await makeTar(entries), tag, labels, {
      onOutput: (t) => build.output(t),
      logFile: report.logFile,
      timeoutMs: DEPENDENCY_BUILD_TIMEOUT_MS,
    });
  } catch (e) {
    build.failed();
    throw e;
  }
  build.done();
  log.info(`built ${tag} in ${seconds(Date.now() - t0)}`);
  return { ref: tag, framework };
}
