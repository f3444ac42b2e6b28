import { Command } from 'commander';
import { NotImplementedError } from '../errors.js';
import { addSelectionOptions } from '../options.js';

export function setupCommand(): Command {
  const cmd = new Command('setup').description('setup (not implemented yet)');
  addSelectionOptions(cmd, { models: 'optional' });
  cmd.action(() => {
    throw new NotImplementedError('setup', 'coming with a later issue');
  });
  return cmd;
}
