/** An error meant for the user: printed as one line, exit code 2 (usage) or 1 (failure). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class NotImplementedError extends CliError {
  constructor(command: string, what: string) {
    super(`${command}: not implemented yet in this version (${what}); see README for what works today`, 1);
  }
}
