import type { Framework } from '../core/types.js';

/** rust frameworks (definitions to come). */
export const frameworks: readonly Framework[] = [];
