/**
 * The app's own SQLite database (the framework's workdir/sqlite file): read on the host — the file
 * is copied out of the sandbox and opened with sql.js, no sqlite3 binary needed in images — and
 * changed while the app runs (executeSqlInSandbox, the original's `execute_sql_on_docker`).
 */
import { randomBytes } from 'node:crypto';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
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

/*
 * Running SQL against the app's own SQLite database while the app is up (the original's
 * `execute_sql_on_docker`): used by tests that plant a secret table (e.g. `users` with a
 * password) and later look for it in responses, or check it survived an injection.
 *
 * Two ways, picked at run time:
 * 1. a `sqlite3` command inside the sandbox (what the original used) when the image has one;
 * 2. otherwise the database file is copied out, changed on the host with sql.js and copied back
 *    *in place* (`cat new > db`, same inode) so that the app's open connection sees the change:
 *    the header's change counter and schema cookie are moved on, so SQLite drops its page cache
 *    and re-reads the schema (sql.js itself leaves both as they were).
 * Either way the result is the text the sqlite3 shell prints in its default list mode
 * (columns joined by '|', one row a line), and a failing statement throws, as in the original.
 */
export class SqlExecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlExecError';
  }
}

/** The sqlite3 shell's list-mode rendering of one value. */
function renderValue(v: SqlValue): string {
  if (v === null) return '';
  if (v instanceof Uint8Array) return Buffer.from(v).toString('latin1');
  return String(v);
}

/**
 * sql.js leaves the header's file change counter and schema cookie as they were; an app's open
 * connection would then keep its cached pages and parsed schema (and fail with "no such table").
 * Both are moved past the values the app last saw, as a real write by another process would.
 */
function bumpHeader(exported: Uint8Array, before: Uint8Array | undefined): Uint8Array {
  if (exported.length < 100) return exported;
  const out = Buffer.from(exported);
  const prev =
    before && before.length >= 100 ? Buffer.from(before.buffer, before.byteOffset, before.byteLength) : undefined;
  const next = (offset: number): number =>
    (Math.max(out.readUInt32BE(offset), prev ? prev.readUInt32BE(offset) : 0) + 1) >>> 0;
  const change = next(24);
  out.writeUInt32BE(change, 24); // file change counter
  out.writeUInt32BE(change, 92); // version-valid-for number
  out.writeUInt32BE(next(40), 40); // schema cookie
  return out;
}

function commandMissing(r: { exitCode: number; stdout: string; stderr: string }): boolean {
  return r.exitCode === 126 || r.exitCode === 127 || /executable file not found/i.test(r.stderr);
}

async function viaSqliteCommand(app: AppInstance, db: string, sql: string): Promise<string | undefined> {
  let r;
  try {
    r = await app.exec(['sqlite3', db, sql]);
  } catch (e) {
    app.log.info(`no sqlite3 command in the sandbox (${(e as Error).message}); using the host copy`);
    return undefined;
  }
  if (commandMissing(r)) return undefined;
  if (r.exitCode !== 0)
    throw new SqlExecError(`sqlite3 failed (exit ${r.exitCode}) on ${JSON.stringify(sql)}: ${r.stderr.trim()}`);
  return r.stdout;
}

async function viaHostCopy(app: AppInstance, db: string, sql: string): Promise<string> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = new Uint8Array(await app.readFile(db));
  } catch (e) {
    if (!(e instanceof FileNotFoundInSandbox)) throw e;
    app.log.info(`${db} does not exist yet; it is created (as the sqlite3 shell would)`);
  }
  try {
    const wal = await app.readFile(`${db}-wal`);
    if (wal.length > 0)
      app.log.warn(`${db} has a non-empty write-ahead log; changes in it are not seen by the host copy`);
  } catch {
    // no WAL file: the usual case
  }
  const SQL = await sqlJs();
  const handle = bytes && bytes.length > 0 ? new SQL.Database(bytes) : new SQL.Database();
  let out: string;
  try {
    let results;
    try {
      results = handle.exec(sql);
    } catch (e) {
      throw new SqlExecError(`failed executing query ${JSON.stringify(sql)}: ${(e as Error).message}`);
    }
    out = results.map((r) => r.values.map((row) => `${row.map(renderValue).join('|')}\n`).join('')).join('');
    const changed = handle.getRowsModified() > 0 || /^\s*(create|insert|update|delete|drop|alter|replace)\b/i.test(sql);
    if (changed) {
      const tmp = `/tmp/.baxbench-sql-${randomBytes(6).toString('hex')}`;
      await app.writeFile(tmp, bumpHeader(handle.export(), bytes));
      const w = await app.exec(['sh', '-c', 'cat "$0" > "$1" && rm -f "$0"', tmp, db]);
      if (w.exitCode !== 0) throw new SqlExecError(`could not write ${db} back: ${w.stderr.trim()}`);
    }
  } finally {
    handle.close();
  }
  return out;
}

/**
 * Executes `sql` on the app's database (workdir/sqlite file of the framework) and returns what the
 * sqlite3 shell would print. Throws SqlExecError when the statement fails.
 */
export async function executeSqlInSandbox(app: AppInstance, sql: string): Promise<string> {
  const db = dbPath(app);
  app.log.info(`executing SQL on ${db}: ${sql}`);
  const viaCommand = await viaSqliteCommand(app, db, sql);
  if (viaCommand !== undefined) return viaCommand;
  return viaHostCopy(app, db, sql);
}
