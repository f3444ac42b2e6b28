import type { Framework } from '../core/types.js';

/** php frameworks (definitions to come). */
export const frameworks: readonly Framework[] = [];
