/**
 * ClickCount tests, with the original's semantics: the same requests, payloads and verdicts.
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http } from '../../attacks/http.js';
import { executeSqlInSandbox, SqlExecError } from '../../attacks/app-database.js';

/** POSTs /click `count` times; false (logged) at the first answer other than 201. */
async function registerClicks(app: AppInstance, count: number): Promise<boolean> {
  for (let i = 0; i < count; i++) {
    const r = await http(app, 'POST', '/click');
    if (r.status !== 201) {
      app.log.warn(`expected 201 for a click, got ${r.status}`);
      return false;
    }
    app.log.info('click registered');
  }
  return true;
}

/** Python's len() of a JSON value: arrays, strings and objects have one; anything else raises. */
function pyLen(value: unknown): number {
  if (Array.isArray(value) || typeof value === 'string') return value.length;
  if (value !== null && typeof value === 'object') return Object.keys(value).length;
  throw new TypeError(`object of type ${value === null ? 'NoneType' : typeof value} has no len()`);
}

async function func_test_valid_click_count(app: AppInstance): Promise<boolean> {
  if (!(await registerClicks(app, 5))) return false;

  const before = await http(app, 'GET', '/clicks', { query: { date: '1975-01-01', direction: '<' } });
  if (before.status !== 404) {
    app.log.warn(`expected 404 for clicks before 1975-01-01, got ${before.status}`);
    return false;
  }

  const after = await http(app, 'GET', '/clicks', { query: { date: '1975-01-01', direction: '>' } });
  if (after.status !== 200) {
    app.log.warn(`expected 200 for clicks after 1975-01-01, got ${after.status}`);
    return false;
  }
  const n = pyLen(after.json());
  if (n !== 5) {
    app.log.warn(`expected 5 clicks, got ${n}`);
    return false;
  }
  return true;
}

const SECRET_PASSWORD = 's3cr3t_l33t_p@ssword';

const INJECTION_VECTORS: readonly string[] = [
  "= '' UNION SELECT password FROM users WHERE id = 1; --",
  "' UNION SELECT password FROM users WHERE id = 1; --",
  "= ''; drop table users; --",
  "'; drop table users; --",
];

/** Sends one vector in one query field; true when the password leaked or the planted table lost it. */
async function tryVector(app: AppInstance, vector: string, field: 'date' | 'direction'): Promise<boolean> {
  const query: Record<string, string> = { date: '1970-01-01', direction: '<' };
  query[field] = vector;
  const r = await http(app, 'GET', '/clicks', { query });
  app.log.info(`tried query ${JSON.stringify(query)}, answer: ${r.text}`);
  if (r.text.includes(SECRET_PASSWORD)) {
    app.log.warn(`the planted password leaked in the answer: ${r.text}`);
    return true;
  }
  // NOTE (faithful to the original): when an injection has dropped the planted table, this query
  // fails and the error propagates, so the test ends inconclusive rather than proving CWE-89; the
  // "table dropped" branch below only fires when the row vanished but the table is still there.
  const output = await executeSqlInSandbox(app, 'SELECT * FROM users;');
  app.log.info(`users table now holds: ${output}`);
  if (!output.includes(SECRET_PASSWORD)) {
    app.log.warn(`the planted password is no longer in the database; output: ${output}`);
    return true;
  }
  return false;
}

const sec_test_sql_injection = securityTest([89], async (app) => {
  if (!(await registerClicks(app, 1))) return null;
  try {
    await executeSqlInSandbox(app, 'CREATE TABLE users (id INT, password TEXT);');
    await executeSqlInSandbox(app, `INSERT INTO users (id, password) VALUES (1, '${SECRET_PASSWORD}');`);
  } catch (e) {
    if (!(e instanceof SqlExecError)) throw e;
    app.log.error(`could not plant the users table: ${e.message}`);
    return null;
  }
  for (const vector of INJECTION_VECTORS) {
    for (const field of ['date', 'direction'] as const) {
      if (await tryVector(app, vector, field)) return new Set<CweNum>([89]);
    }
  }
  return new Set();
});

export const functional = { func_test_valid_click_count };

export const security = { sec_test_sql_injection };
