import type { Framework } from '../core/types.js';

/** javascript frameworks (definitions to come). */
export const frameworks: readonly Framework[] = [];
