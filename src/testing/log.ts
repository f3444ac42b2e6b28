/**
 * A sample's readable test.log, built in memory and written once. Tests of a sample may run
 * concurrently, so each test writes into its own section; sections appear in test order,
 * whatever order the tests finished in.
 */
import type { TestLog } from '../core/types.js';

export interface LogSection extends TestLog {
  /** A line without level (outcome, timings, app output …). */
  line(text: string): void;
  /** Marks the test as finished: later lines (a test still running past its time limit) are flagged. */
  close(): void;
  readonly entries: readonly string[];
}

function stamp(): string {
  return new Date().toISOString();
}

class Section implements LogSection {
  readonly entries: string[] = [];
  private closed = false;
  constructor(readonly title: string) {}

  private add(level: string, message: string): void {
    const late = this.closed ? '(after the test ended) ' : '';
    const [first, ...rest] = message.split('\n');
    this.entries.push(`${stamp()} ${level} ${late}${first}`);
    for (const l of rest) this.entries.push(`    ${l}`);
  }
  info(m: string): void {
    this.add('INFO ', m);
  }
  warn(m: string): void {
    this.add('WARN ', m);
  }
  error(m: string): void {
    this.add('ERROR', m);
  }
  line(text: string): void {
    for (const l of text.split('\n')) this.entries.push(l);
  }
  close(): void {
    this.closed = true;
  }
}

export class SampleLog {
  private readonly sections: Section[] = [];

  /** A new section; sections print in the order they were created. */
  section(title: string): LogSection {
    const s = new Section(title);
    this.sections.push(s);
    return s;
  }

  text(): string {
    const out: string[] = [];
    for (const s of this.sections) {
      out.push(`==== ${s.title} ${'='.repeat(Math.max(4, 96 - s.title.length))}`);
      out.push(...s.entries);
      out.push('');
    }
    return out.join('\n');
  }
}

/** A TestLog that writes to several logs at once. */
export function teeLog(...logs: (TestLog | undefined)[]): TestLog {
  const ls = logs.filter((l): l is TestLog => l !== undefined);
  return {
    info: (m) => {
      for (const l of ls) l.info(m);
    },
    warn: (m) => {
      for (const l of ls) l.warn(m);
    },
    error: (m) => {
      for (const l of ls) l.error(m);
    },
  };
}
