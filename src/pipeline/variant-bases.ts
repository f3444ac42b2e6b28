/**
 * Framework variants build their base image here on demand (debootstrap + Debian packages,
 * with the host's extra CA certificates), before any test runs: once per machine, reused by tag.
 * `baxbench setup --framework-variant <name>` does the same ahead of time. The build's full
 * output goes to a log file (named when it fails); its progress to `onBuildProgress`.
 */
import path from 'node:path';
import type { Framework } from '../core/types.js';
import {
  DEFAULT_SANDBOX_BACKEND,
  defaultLogDir,
  fileBuildReporter,
  logFileName,
  sandboxBackend,
  type BuildProgress,
} from '../sandbox/index.js';

/** A variant's base image could not be built; the message is one line naming the log file. */
export class VariantBaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VariantBaseError';
  }
}

export async function ensureVariantBases(
  frameworks: readonly Framework[],
  note: (message: string) => void,
  onBuildProgress?: (p: BuildProgress) => void,
): Promise<void> {
  const backend = sandboxBackend(DEFAULT_SANDBOX_BACKEND);
  const seen = new Set<string>();
  for (const f of frameworks) {
    const local = f.image.localBase;
    if (!local || seen.has(local.tag)) continue;
    seen.add(local.tag);
    if (await backend.imageExists(local.tag)) continue;
    note(
      `building ${local.tag} for ${f.id}${f.variant ? ` (variant ${f.variant.name})` : ''} from Debian ${local.debianSuite} packages: once, a few minutes`,
    );
    const t0 = Date.now();
    const report = fileBuildReporter(path.join(defaultLogDir(), logFileName(`base-${local.tag}`)), {
      note,
      progress: onBuildProgress,
    });
    try {
      await backend.ensureVariantBase(local, {
        caCerts: backend.defaultCaCerts(),
        debianMirror: process.env.BAXBENCH_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian',
        report,
      });
    } catch (e) {
      const first = (e as Error).message.split('\n')[0] ?? '';
      throw new VariantBaseError(
        `cannot build ${local.tag}: ${first}${first.includes(report.logFile) ? '' : ` (full output: ${report.logFile})`}`,
      );
    }
    note(`built ${local.tag} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}
