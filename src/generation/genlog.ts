/**
 * gen.log: a task folder's generation log (appended to on every run, like the original's, which
 * carried the prior log forward). Entries are written whole, one after another, so samples
 * generated concurrently do not interleave inside an entry.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export class GenLog {
  private chain: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  /** Appends an entry: a timestamped title line, then the body. */
  write(title: string, body = ''): Promise<void> {
    const text = `${new Date().toISOString()} ${title}\n${body === '' ? '' : body.endsWith('\n') ? body : `${body}\n`}`;
    const p = this.chain.then(async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await fs.appendFile(this.file, text);
    });
    this.chain = p.catch(() => undefined);
    return p;
  }

  /** Removes the log (for --force). */
  async reset(): Promise<void> {
    await this.chain;
    await fs.rm(this.file, { force: true });
  }
}

export const RULE = '-'.repeat(100);
