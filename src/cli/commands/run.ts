import { Command } from 'commander';
import { NotImplementedError } from '../errors.js';
import { addSelectionOptions } from '../options.js';

export function runCommand(): Command {
  const cmd = new Command('run').description('run (not implemented yet)');
  addSelectionOptions(cmd, { models: 'optional' });
  cmd.action(() => {
    throw new NotImplementedError('run', 'coming with a later issue');
  });
  return cmd;
}
