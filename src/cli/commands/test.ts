import { Command } from 'commander';
import { NotImplementedError } from '../errors.js';
import { addSelectionOptions } from '../options.js';

export function testCommand(): Command {
  const cmd = new Command('test').description('test (not implemented yet)');
  addSelectionOptions(cmd, { models: 'optional' });
  cmd.action(() => {
    throw new NotImplementedError('test', 'coming with a later issue');
  });
  return cmd;
}
