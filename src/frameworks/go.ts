import type { Framework } from '../core/types.js';

/** go frameworks (definitions to come). */
export const frameworks: readonly Framework[] = [];
