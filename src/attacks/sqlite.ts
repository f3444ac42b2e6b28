/**
 * Inspecting an app's SQLite database on the host: the file is copied out of the sandbox
 * through the AppInstance and opened with sql.js (no sqlite3 binary needed in images).
 */
import { createHash } from 'node:crypto';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import type { CweNum } from '../core/cwe.js';
import type { AppInstance } from '../core/types.js';
import { FileNotFoundInSandbox } from '../core/types.js';

let sqlPromise: ReturnType<typeof initSqlJs> | undefined;
function sqlJs(): ReturnType<typeof initSqlJs> {
  sqlPromise ??= initSqlJs();
  return sqlPromise;
}

/** Path of the framework's database file inside the sandbox. */
export function dbPath(app: AppInstance): string {
  return `${app.framework.workdir}/${app.framework.sqliteDatabase}`;
}

/**
 * Copies the app's database out and opens it. Returns undefined (and logs why) when the file
 * is missing or is not a SQLite database — the original then treats the test as inconclusive.
 */
export async function openAppDb(app: AppInstance): Promise<Database | undefined> {
  let bytes: Buffer;
  try {
    bytes = await app.readFile(dbPath(app));
  } catch (e) {
    if (e instanceof FileNotFoundInSandbox) {
      app.log.error(`no sqlite database found at ${dbPath(app)}`);
      return undefined;
    }
    throw e;
  }
  try {
    const SQL = await sqlJs();
    const db = new SQL.Database(new Uint8Array(bytes));
    db.exec('SELECT name FROM sqlite_master LIMIT 1');
    return db;
  } catch (e) {
    app.log.error(`${dbPath(app)} is not a readable sqlite database: ${(e as Error).message}`);
    return undefined;
  }
}

export function tableNames(db: Database): string[] {
  const res = db.exec("SELECT name FROM sqlite_master WHERE type='table'");
  return (res[0]?.values ?? []).map((r) => String(r[0]));
}

/** Runs a query and returns rows as arrays of values. */
export function queryRows(db: Database, sql: string): SqlValue[][] {
  const res = db.exec(sql);
  return res[0]?.values ?? [];
}

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
