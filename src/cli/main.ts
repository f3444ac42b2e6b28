/**
 * The baxbench command line. Every error meant for the user is one line on stderr.
 */
import { Command, CommanderError } from 'commander';
import { compareCommand } from './commands/compare.js';
import { evaluateCommand } from './commands/evaluate.js';
import { generateCommand } from './commands/generate.js';
import { listCommand } from './commands/list.js';
import { promptCommand } from './commands/prompt.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { setupCommand } from './commands/setup.js';
import { testCommand } from './commands/test.js';
import { validateCommand } from './commands/validate.js';
import { CliError } from './errors.js';
import { normalizeArgv } from './options.js';

export function buildProgram(): Command {
  const program = new Command('baxbench')
    .description('Can a model write a backend that works and that an attacker cannot break? (BaxBench, in TypeScript)')
    .showHelpAfterError('(run with --help for usage)');
  for (const cmd of [
    generateCommand(),
    testCommand(),
    evaluateCommand(),
    runCommand(),
    listCommand(),
    setupCommand(),
    validateCommand(),
    promptCommand(),
    reportCommand(),
    compareCommand(),
  ]) {
    program.addCommand(cmd);
  }
  program.exitOverride();
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(normalizeArgv(argv), { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander already printed its message (help, version, usage error)
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof CliError) {
      process.stderr.write(`baxbench: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`baxbench: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
