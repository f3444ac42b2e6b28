/** The pipeline's variant base images (pipeline/variant-bases.ts), a failure as one CLI error line. */
import type { Framework } from '../core/types.js';
import { FRAMEWORK_VARIANT_NAMES, variantFrameworkIds, variantGap } from '../frameworks/variants.js';
import { ensureVariantBases as ensure, VariantBaseError } from '../pipeline/variant-bases.js';
import { DEFAULT_SANDBOX_BACKEND, sandboxBackend, type BuildProgress } from '../sandbox/index.js';
import { CliError } from './errors.js';

export async function ensureVariantBases(
  frameworks: readonly Framework[],
  note: (message: string) => void,
  onBuildProgress?: (p: BuildProgress) => void,
): Promise<void> {
  try {
    await ensure(frameworks, note, onBuildProgress);
  } catch (e) {
    if (e instanceof VariantBaseError) throw new CliError(e.message, 1);
    throw e;
  }
}

/**
 * Frameworks that run with their original recipe need the original's base image (e.g.
 * golang:1.23-bullseye for Go-Fiber). A missing one is pulled, as `docker build` would; when that
 * fails too, the command stops before running anything, with one line saying what is missing,
 * why no variant stands in, and what to do — instead of one error per sample.
 */
export async function ensurePinnedBases(
  frameworks: readonly Framework[],
  note: (message: string) => void,
  exists: (ref: string) => Promise<boolean> = (ref) => sandboxBackend(DEFAULT_SANDBOX_BACKEND).imageExists(ref),
  pull: (ref: string) => Promise<string | null> = (ref) => sandboxBackend(DEFAULT_SANDBOX_BACKEND).pullImage(ref),
): Promise<void> {
  const localBases = sandboxBackend(DEFAULT_SANDBOX_BACKEND).localBaseTags;
  const byBase = new Map<string, string[]>();
  for (const f of frameworks) {
    if (f.image.localBase) continue;
    const ids = byBase.get(f.image.baseImage) ?? [];
    if (!ids.includes(f.id)) ids.push(f.id);
    byBase.set(f.image.baseImage, ids);
  }
  const problems: string[] = [];
  for (const [base, ids] of byBase) {
    if (await exists(base)) continue;
    if (localBases.includes(base)) {
      problems.push(
        `${ids.join(', ')} need${ids.length === 1 ? 's' : ''} the base image ${base}: run \`baxbench setup\` first (it pulls or builds it)`,
      );
      continue;
    }
    // Said only when the pull takes a while: where no registry answers it fails at once, and the
    // one error line below is all the user sees.
    const slow = setTimeout(() => note(`pulling ${base} for ${ids.join(', ')}`), 2000);
    const why = await pull(base).finally(() => clearTimeout(slow));
    if (why === null) {
      note(`pulled ${base}`);
      continue;
    }
    const instead = ids.map((id) => {
      const gaps = FRAMEWORK_VARIANT_NAMES.map((v) => variantGap(v, id)).filter((g): g is string => g !== undefined);
      if (gaps.length > 0) return `${gaps.join('; ')}, so no --framework-variant can stand in for ${id}`;
      const covering = FRAMEWORK_VARIANT_NAMES.filter((v) => (variantFrameworkIds(v) as string[]).includes(id));
      return covering.length > 0
        ? `--framework-variant ${covering[0]} runs ${id} on Debian packages instead`
        : `${id} has no variant`;
    });
    problems.push(
      `${ids.join(', ')} need${ids.length === 1 ? 's' : ''} the base image ${base}, which is not here and cannot be pulled (${why}); ${instead.join('; ')}; pull it where a registry is reachable, or leave ${ids.join(', ')} out of the selection`,
    );
  }
  if (problems.length > 0) throw new CliError(problems.join(' | '), 1);
}
