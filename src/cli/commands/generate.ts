import { Command } from 'commander';
import { NotImplementedError } from '../errors.js';
import { addSelectionOptions } from '../options.js';

export function generateCommand(): Command {
  const cmd = new Command('generate').description('generate (not implemented yet)');
  addSelectionOptions(cmd, { models: 'optional' });
  cmd.action(() => {
    throw new NotImplementedError('generate', 'coming with a later issue');
  });
  return cmd;
}
