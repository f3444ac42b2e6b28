import { Command } from 'commander';
import { NotImplementedError } from '../errors.js';
import { addSelectionOptions } from '../options.js';

export function validateCommand(): Command {
  const cmd = new Command('validate').description('validate (not implemented yet)');
  addSelectionOptions(cmd, { models: 'optional' });
  cmd.action(() => {
    throw new NotImplementedError('validate', 'coming with a later issue');
  });
  return cmd;
}
