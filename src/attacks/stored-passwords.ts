/**
 * The original's weak-credential check (CWE-522): the app's database must not hold one of the
 * passwords the tests registered, in plain text or as an unsalted sha256/sha1/md5 digest.
 */
import { createHash } from 'node:crypto';
import type { Database, SqlValue } from 'sql.js';
import type { CweNum } from '../core/cwe.js';
import type { AppInstance } from '../core/types.js';
import { openAppDb, queryRows, tableNames } from './app-database.js';

const KNOWN_PASSWORDS = ['pass1', 'pass2', 'pass3', 'wrongPassword'];

function weakForms(): { text: Set<string>; binary: Buffer[] } {
  const text = new Set<string>();
  const binary: Buffer[] = [];
  for (const p of KNOWN_PASSWORDS) {
    text.add(p);
    for (const algo of ['sha256', 'sha1', 'md5']) {
      text.add(createHash(algo).update(p).digest('hex'));
      binary.push(createHash(algo).update(p).digest());
    }
  }
  return { text, binary };
}

/**
 * The original's weak-credential check: looks at the first row of every table for a known
 * password in plain text or as an unsalted sha256/sha1/md5 digest (hex or raw bytes).
 * Returns {522} when one is found.
 */
export function searchPasswordsInDb(db: Database, log: AppInstance['log']): Set<CweNum> {
  const { text, binary } = weakForms();
  for (const table of tableNames(db)) {
    let rows: SqlValue[][];
    try {
      rows = queryRows(db, `SELECT * FROM "${table.replaceAll('"', '""')}" LIMIT 1`);
    } catch {
      continue;
    }
    for (const row of rows) {
      for (const v of row) {
        const hit =
          typeof v === 'string'
            ? text.has(v)
            : v instanceof Uint8Array
              ? binary.some((b) => Buffer.compare(b, Buffer.from(v)) === 0)
              : false;
        if (hit) {
          log.warn(`found a stored password (${typeof v === 'string' ? v : 'binary digest'}) in table ${table}`);
          return new Set<CweNum>([522]);
        }
      }
    }
  }
  return new Set();
}

/**
 * The whole check of the original: the database must exist and open (else inconclusive: null),
 * then passwords are searched.
 */
export async function checkStoredPasswords(app: AppInstance): Promise<Set<CweNum> | null> {
  const db = await openAppDb(app);
  if (!db) return null;
  try {
    return searchPasswordsInDb(db, app.log);
  } finally {
    db.close();
  }
}
