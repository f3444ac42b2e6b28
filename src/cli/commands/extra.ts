import type { Command } from 'commander';
import { promptCommand } from './prompt.js';
import { reportCommand } from './report.js';

/** Further commands registered by later features. */
export function extraCommands(): Command[] {
  return [promptCommand(), reportCommand()];
}
