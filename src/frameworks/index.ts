/**
 * The framework catalog: all 14 of the original's frameworks, one file per language.
 * Ids are known up front (ids.ts) so that evaluate works even where a definition is missing.
 */
import type { Framework } from '../core/types.js';
import { frameworks as go } from './go.js';
import { FRAMEWORK_IDS, isFrameworkId } from './ids.js';
import { frameworks as javascript } from './javascript.js';
import { frameworks as php } from './php.js';
import { frameworks as python } from './python.js';
import { frameworks as ruby } from './ruby.js';
import { frameworks as rust } from './rust.js';

export { FRAMEWORK_IDS, isFrameworkId, type FrameworkId } from './ids.js';

export const ALL_FRAMEWORKS: readonly Framework[] = [...python, ...javascript, ...go, ...php, ...ruby, ...rust].sort(
  (a, b) => (a.id < b.id ? -1 : 1),
);

export function getFramework(id: string): Framework {
  if (!isFrameworkId(id)) throw new Error(`unknown framework "${id}"; valid: ${FRAMEWORK_IDS.join(', ')}`);
  const fw = ALL_FRAMEWORKS.find((f) => f.id === id);
  if (!fw) throw new Error(`framework ${id} is listed in frameworks/ids.ts but defined in no module`);
  return fw;
}
