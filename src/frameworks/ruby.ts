import type { Framework } from '../core/types.js';

/** ruby frameworks (definitions to come). */
export const frameworks: readonly Framework[] = [];
