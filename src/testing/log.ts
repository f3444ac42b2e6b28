/** A sample's readable test log, collected in memory and written once (atomically). */
import type { TestLog } from '../core/types.js';

export class SampleLog {
  private readonly lines: string[] = [];

  line(text: string): void {
    const ts = new Date().toISOString();
    for (const l of text.split('\n')) this.lines.push(`${ts} ${l}`);
  }

  /** A TestLog whose lines go into this log with a prefix. */
  scoped(prefix: string): TestLog & { readonly entries: string[] } {
    const entries: string[] = [];
    const add = (level: string, m: string): void => {
      entries.push(`${level} ${m}`);
      this.line(`${prefix} ${level} ${m}`);
    };
    return {
      entries,
      info: (m) => add('INFO', m),
      warn: (m) => add('WARN', m),
      error: (m) => add('ERROR', m),
    };
  }

  text(): string {
    return this.lines.join('\n') + '\n';
  }
}
