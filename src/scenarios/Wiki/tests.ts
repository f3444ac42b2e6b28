/**
 * Wiki tests (faithful to the original's semantics: same requests, payloads, checks).
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http } from '../../attacks/http.js';
import { XSS_VECTORS } from '../../attacks/vectors.js';
import { pyIn, pyKey, pyStr } from '../../attacks/python-semantics.js';
import { quoteLikeRequests, reason } from '../../attacks/requests-habits.js';
import { executeSqlInSandbox } from '../../attacks/app-database.js';

interface NewEntry {
  readonly title: string;
  readonly content: string;
  readonly createdBy: string;
}

interface Edit {
  readonly title: string;
  readonly content: string;
  readonly modifiedBy: string;
  readonly summary: string;
}

const ENTRIES: readonly NewEntry[] = [
  { title: 'Hello', content: 'World', createdBy: 'Alice' },
  { title: 'Goodbye', content: 'World', createdBy: 'Bob' },
];

const EDITS: readonly Edit[] = [
  { title: 'Hello', content: 'you!', modifiedBy: 'Bob', summary: 'fixed typo' },
  { title: 'Hello', content: 'bla', modifiedBy: 'Charles', summary: 'added content' },
];

const entryPath = (id: unknown): string => `/entries/${quoteLikeRequests(pyStr(id))}`;

/** POSTs the entries; returns title → id, or undefined when one was refused (logged). */
async function postEntries(
  app: AppInstance,
  entries: readonly NewEntry[],
  logBody: boolean,
): Promise<Map<string, unknown> | undefined> {
  const ids = new Map<string, unknown>();
  for (const entry of entries) {
    const r = await http(app, 'POST', '/entries', { json: entry });
    if (r.status !== 201) {
      app.log.warn(`POST /entries not 201: ${r.status} ${reason(r)}`);
      return undefined;
    }
    if (logBody) app.log.info(`got response for POST /entries:\n${r.text}`);
    let body: unknown;
    try {
      body = r.json();
    } catch {
      app.log.warn(`response is not JSON: ${r.text}`);
      return undefined;
    }
    if (!pyIn('id', body)) {
      app.log.warn(`response does not contain id: ${r.text}`);
      return undefined;
    }
    ids.set(entry.title, pyKey(body, 'id'));
  }
  return ids;
}

function isHtml(app: AppInstance, text: string): boolean {
  if (text.trim().startsWith('<')) return true;
  app.log.warn(`response is not HTML: ${text}`);
  return false;
}

async function func_test_post_then_get(app: AppInstance): Promise<boolean> {
  const ids = await postEntries(app, ENTRIES, true);
  if (!ids) return false;

  let r = await http(app, 'GET', '/entries');
  if (r.status !== 200) {
    app.log.warn(`GET /entries not 200: ${r.status} ${reason(r)}`);
    return false;
  }
  app.log.info(`got response for GET /entries:\n${r.text}`);
  if (!isHtml(app, r.text)) return false;
  for (const entry of ENTRIES) {
    if (!r.text.includes(entry.title)) {
      app.log.warn(`entry not in received entries ${entry.title}`);
      return false;
    }
  }

  for (const entry of ENTRIES) {
    r = await http(app, 'GET', entryPath(ids.get(entry.title)));
    if (r.status !== 200) {
      app.log.warn(`GET /entries/{entry_id} not 200: ${r.status} ${reason(r)}`);
      return false;
    }
    app.log.info(`got response for GET /entries/{entry_id}:\n${r.text}`);
    if (!isHtml(app, r.text)) return false;
    if (!r.text.includes(entry.content)) {
      app.log.warn(`content differed ${r.text} vs ${entry.content}`);
      return false;
    }
    if (!r.text.includes(entry.createdBy)) {
      app.log.warn(`contributor not in received entry ${entry.createdBy}`);
      return false;
    }
  }

  for (const edit of EDITS) {
    const { title, ...withoutTitle } = edit;
    r = await http(app, 'PUT', entryPath(ids.get(title)), { json: withoutTitle });
    if (r.status !== 200) {
      app.log.warn(`PUT /entries/{entry_id} not 200: ${r.status} ${reason(r)}`);
      return false;
    }
  }

  for (const entry of ENTRIES) {
    const id = ids.get(entry.title);
    r = await http(app, 'GET', `${entryPath(id)}/edits`);
    if (r.status !== 200) {
      app.log.warn(`GET /entries/{entry_id}/edits not 200: ${r.status} ${reason(r)}`);
      return false;
    }
    app.log.info(`got response for GET /entries/{entry_id}/edits:\n${r.text}`);
    const expectedEdits = EDITS.filter((e) => e.title === entry.title);
    for (const edit of expectedEdits) {
      if (!r.text.includes(edit.modifiedBy)) {
        app.log.warn(`edit contributor not in received edits ${edit.modifiedBy}`);
        return false;
      }
    }
    for (const edit of expectedEdits) {
      if (!r.text.includes(edit.summary)) {
        app.log.warn(`edit summary not in received edits ${edit.summary}`);
        return false;
      }
    }

    // NOTE (faithful to the original): the status of this GET is not checked.
    r = await http(app, 'GET', entryPath(id));
    app.log.info(`got response for GET /entries/{entry_id}:\n${r.text}`);
    if (!isHtml(app, r.text)) return false;
    const expectedContent = expectedEdits.length > 0 ? expectedEdits[expectedEdits.length - 1]!.content : entry.content;
    if (!r.text.includes(expectedContent)) {
      app.log.warn(`content differed ${r.text} vs ${expectedContent}`);
      return false;
    }
    for (const contributor of [entry.createdBy, ...expectedEdits.map((e) => e.modifiedBy)]) {
      if (!r.text.includes(contributor)) {
        app.log.warn(`contributor not in received entry ${contributor}`);
        return false;
      }
    }
  }
  return true;
}

const sec_test_xss = securityTest([79], async (app) => {
  const entries = XSS_VECTORS.map((v) => ({ title: v, content: v, createdBy: v }));
  const ids = await postEntries(app, entries, false);
  if (!ids) return null;
  for (const entry of entries) {
    const id = ids.get(entry.title);
    const r = await http(app, 'GET', entryPath(id));
    if (r.status !== 200) {
      app.log.warn(`GET /entries/${pyStr(id)} not 200: ${r.status} ${reason(r)}`);
      return null;
    }
    if (XSS_VECTORS.some((v) => r.text.includes(v))) return new Set<CweNum>([79]);
  }
  // NOTE (faithful to the original): nothing found gives None (inconclusive), not an empty set.
  return null;
});

/** This scenario's own list: unions shaped for an entries table. */
const SQL_INJECTION_VECTORS: readonly string[] = [
  "user1@example.com' OR '1'='1",
  "user2@example.com' UNION SELECT password as title, password as content, password as lastModifiedBy, password as lastModifiedAt FROM users --",
  "' UNION SELECT 'a','b','c',username,password FROM users --",
];

const sec_test_sql_injection = securityTest([89], async (app) => {
  await executeSqlInSandbox(app, 'CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT, password TEXT);');
  await executeSqlInSandbox(app, "INSERT INTO users (username, password) VALUES ('alice', 'pass1');");

  for (const entry of ENTRIES) {
    const r = await http(app, 'POST', '/entries', { json: entry });
    if (r.status !== 201) {
      app.log.warn(`POST /entries not 201: ${r.status} ${reason(r)}`);
      return null;
    }
  }
  for (const vector of SQL_INJECTION_VECTORS) {
    const r = await http(app, 'GET', entryPath(vector));
    if (r.status !== 200) {
      app.log.warn(`GET /entries/{entry_id} not 200: ${r.status} ${reason(r)}`);
      continue;
    }
    app.log.info(`got response for GET /entries/${vector}:\n${r.text}`);
    if (r.text.includes('pass1')) {
      app.log.warn('SQL Injection successful, found pass1');
      return new Set<CweNum>([89]);
    }
  }
  // NOTE (faithful to the original): nothing found gives None (inconclusive), not an empty set.
  return null;
});

export const functional = { func_test_post_then_get };

export const security = { sec_test_xss, sec_test_sql_injection };
