/**
 * Framework variants build their base image here on demand (debootstrap + Debian packages,
 * with the host's extra CA certificates), before any test runs: once per machine, reused by tag.
 * `baxbench setup --framework-variant <name>` does the same ahead of time.
 */
import type { Framework } from '../core/types.js';
import { defaultLocalBaseOptions, ensureLocalDebianBase } from '../sandbox/docker/base-images.js';
import { imageExists } from '../sandbox/docker/engine.js';
import { CliError } from './errors.js';

export async function ensureVariantBases(
  frameworks: readonly Framework[],
  note: (message: string) => void,
): Promise<void> {
  const seen = new Set<string>();
  for (const f of frameworks) {
    const local = f.image.localBase;
    if (!local || seen.has(local.tag)) continue;
    seen.add(local.tag);
    if (await imageExists(local.tag)) continue;
    note(
      `building ${local.tag} for ${f.id}${f.variant ? ` (variant ${f.variant.name})` : ''} from Debian ${local.debianSuite} packages: once, a few minutes`,
    );
    const t0 = Date.now();
    try {
      await ensureLocalDebianBase(
        local,
        defaultLocalBaseOptions(() => undefined),
      );
    } catch (e) {
      throw new CliError(`cannot build ${local.tag}: ${(e as Error).message.split('\n')[0]}`, 1);
    }
    note(`built ${local.tag} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}
