import type { Framework } from '../core/types.js';

/** python frameworks (definitions to come). */
export const frameworks: readonly Framework[] = [];
