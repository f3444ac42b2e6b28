import type { Command } from 'commander';

/** Further commands (prompt, …) registered by later features. */
export function extraCommands(): Command[] {
  return [];
}
