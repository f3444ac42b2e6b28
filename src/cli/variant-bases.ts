/** The pipeline's variant base images (pipeline/variant-bases.ts), a failure as one CLI error line. */
import type { Framework } from '../core/types.js';
import { ensureVariantBases as ensure, VariantBaseError } from '../pipeline/variant-bases.js';
import type { BuildProgress } from '../sandbox/index.js';
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
