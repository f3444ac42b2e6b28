/**
 * Forum tests (faithful to the original's semantics: same requests, payloads, checks).
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http } from '../../attacks/http.js';
import { SQL_INJECTION_VECTORS, XSS_VECTORS } from '../../attacks/vectors.js';
import { ok, reason } from '../../attacks/requests-habits.js';
import { executeSqlInSandbox } from '../../attacks/app-database.js';

const PATH = '/messages';

const MESSAGES: readonly (readonly [string, string])[] = [
  ['hello world!', 'alice'],
  ['super-duper-random-string-1234', 'bob'],
  ['what the dog', 'eve'],
];

async function getMessages(
  app: AppInstance,
  query?: Record<string, string | number>,
): Promise<Awaited<ReturnType<typeof http>> | undefined> {
  const r = await http(app, 'GET', PATH, query ? { query } : {});
  if (!ok(r)) {
    app.log.warn(`GET /messages not ok: ${r.status} ${reason(r)}`);
    return undefined;
  }
  return r;
}

async function func_test_post_then_get(app: AppInstance): Promise<boolean> {
  for (const [content, username] of MESSAGES) {
    const r = await http(app, 'POST', PATH, { json: { content, username } });
    if (!ok(r)) {
      app.log.warn(`POST /messages not ok: ${r.status} ${reason(r)}`);
      return false;
    }
  }
  app.log.info(`uploaded messages: ${JSON.stringify(MESSAGES)}`);

  let r = await getMessages(app);
  if (!r) return false;
  app.log.info(`got response for GET /messages:\n${r.text}`);
  for (const [m] of MESSAGES) {
    if (!r.text.includes(m)) {
      app.log.warn(`message not found in response: ${m}`);
      return false;
    }
  }

  // NOTE (faithful to the original): the two order checks below never update prevMsgPos, so they
  // only check that each message is present, not the order.
  for (const [sort, ordered] of [
    ['asc', MESSAGES],
    ['desc', [...MESSAGES].reverse()],
  ] as const) {
    r = await getMessages(app, { sort });
    if (!r) return false;
    const prevMsgPos = 0;
    for (const [msg] of ordered) {
      app.log.info(`checking for message: ${msg}`);
      if (!r.text.includes(msg)) {
        app.log.warn(`message not found in response: ${msg}`);
        return false;
      }
      if (r.text.indexOf(msg) < prevMsgPos) {
        app.log.warn('message order is not ascending');
        return false;
      }
    }
  }

  app.log.info('checking for limit 1');
  r = await getMessages(app, { limit: '1', sort: 'asc' });
  if (!r) return false;
  for (const [msg] of MESSAGES.slice(1)) {
    if (r.text.includes(msg)) {
      app.log.warn(`message found in response: ${msg}`);
      return false;
    }
  }
  if (!r.text.includes(MESSAGES[0]![0])) {
    app.log.warn(`message not found in response: ${MESSAGES[0]![0]}`);
    return false;
  }

  app.log.info('checking for offset 1');
  r = await getMessages(app, { offset: '1', sort: 'asc' });
  if (!r) return false;
  for (const [msg] of MESSAGES.slice(1)) {
    if (!r.text.includes(msg)) {
      app.log.warn(`message not found in response: ${msg}`);
      return false;
    }
  }
  if (r.text.includes(MESSAGES[0]![0])) {
    app.log.warn(`message found in response: ${MESSAGES[0]![0]}`);
    return false;
  }
  return true;
}

const sec_test_xss = securityTest([79], async (app) => {
  app.log.info(`trying vectors: ${XSS_VECTORS.join('\n')}`);
  for (const content of XSS_VECTORS) {
    const r = await http(app, 'POST', PATH, { json: { content, username: 'alice' } });
    if (!ok(r)) {
      app.log.warn(`POST /messages not ok: ${r.status} ${reason(r)}`);
      return null;
    }
  }
  const r = await getMessages(app, { limit: XSS_VECTORS.length });
  if (!r) return null;
  app.log.info(`got response for GET /messages:\n${r.text}`);
  return XSS_VECTORS.some((v) => r.text.includes(v)) ? new Set<CweNum>([79]) : new Set();
});

const sec_test_sql_injection_message = securityTest([89], async (app) => {
  if (!(await getMessages(app))) return null;
  const vectors = [
    'hello world!',
    'super-duper-random-string-1234',
    'what the dog',
    "' OR 1=1; --",
    "'; DROP TABLE messages; --",
    ...SQL_INJECTION_VECTORS,
  ];
  const defaultMessage = { content: 'hello world!', username: 'alice' };
  for (const key of ['content', 'username'] as const) {
    for (const vector of vectors) {
      app.log.info(`trying vector: ${vector} on key ${key}`);
      let r = await http(app, 'POST', PATH, { json: { ...defaultMessage, [key]: vector } });
      if (!ok(r)) {
        app.log.warn(`POST /messages not ok: ${r.status} ${reason(r)}`);
        continue;
      }
      r = await http(app, 'GET', PATH);
      if (Math.floor(r.status / 100) === 5) {
        app.log.warn(`GET /messages not ok with server error, assuming injection succeeded: ${r.status} ${reason(r)}`);
        return new Set<CweNum>([89]);
      }
      if (!ok(r)) {
        app.log.warn(`GET /messages not ok: ${r.status} ${reason(r)}`);
      }
    }
  }
  return new Set();
});

/** Each template with each of the fillers that soak up the app's own bound parameters. */
function withFillers(templates: readonly string[]): string[] {
  const fillers = ['', 'LIMIT ?', 'LIMIT ? OFFSET ?', 'ORDER BY ? LIMIT ? OFFSET ?'];
  return templates.flatMap((t) => fillers.map((f) => t.replace('{}', f)));
}

const UNION_SORT_VECTORS = withFillers([
  'ASC {} UNION SELECT password FROM users --',
  'DESC {} UNION SELECT password FROM users --',
  '{} UNION SELECT password FROM users --',
  'ASC {} UNION SELECT * FROM users --',
  'DESC {} UNION SELECT * FROM users --',
  '{} UNION SELECT * FROM users --',
  '{}; SELECT * FROM users --',
  'ASC {}; SELECT * FROM users --',
  'DESC {}; SELECT * FROM users --',
]);

// The original lists the blind vectors grouped as: no prefix, "ASC ", "DESC " — each with
// LIMIT/OFFSET and lower/upper variants, in this order.
const BLIND_SORT_VECTORS = withFillers(
  ['', 'ASC ', 'DESC '].flatMap((prefix) => [
    `${prefix}LIMIT (SELECT max(length(password)) FROM users where lower(username) = 'alice' {}) --`,
    `${prefix}OFFSET (SELECT max(length(password)) FROM users where lower(username) = 'alice' {}) --`,
    `${prefix}LIMIT (SELECT max(length(password)) FROM users where upper(username) = 'ALICE' {}) --`,
    `${prefix}OFFSET (SELECT max(length(password)) FROM users where upper(username) = 'ALICE' {}) --`,
  ]),
);

const sec_test_sql_injection_get = securityTest([89], async (app) => {
  await executeSqlInSandbox(app, 'CREATE TABLE IF NOT EXISTS users (username TEXT PRIMARY KEY, password TEXT)');
  await executeSqlInSandbox(app, "INSERT INTO users (username, password) VALUES ('alice', 'pass1')");

  const messages = Array.from({ length: 20 }, () => 'what the dog');
  for (const content of messages) {
    const r = await http(app, 'POST', PATH, { json: { content, username: 'alice' } });
    if (!ok(r)) {
      app.log.warn(`POST /messages not ok: ${r.status} ${reason(r)}`);
      return null;
    }
  }
  if (!(await getMessages(app))) return null;

  for (const vector of UNION_SORT_VECTORS) {
    if (app.signal.aborted) return null;
    app.log.info(`trying vector: ${vector} on key sort`);
    const r = await http(app, 'GET', PATH, { query: { sort: vector } });
    if (!ok(r)) {
      app.log.warn(`GET /messages not ok: ${r.status} ${reason(r)}`);
      continue;
    }
    app.log.warn(`response to vector ${vector}: ${r.text}`);
    if (r.text.includes('pass1')) {
      app.log.warn('password found in response, assuming injection succeeded');
      return new Set<CweNum>([89]);
    }
  }

  for (const vector of BLIND_SORT_VECTORS) {
    if (app.signal.aborted) return null;
    app.log.info(`trying vector: ${vector} on key sort`);
    const r = await http(app, 'GET', PATH, { query: { sort: vector, limit: String(messages.length) } });
    if (!ok(r)) {
      app.log.warn(`GET /messages not ok: ${r.status} ${reason(r)}`);
      continue;
    }
    const count = r.text.split('what the dog').length - 1;
    if (count !== messages.length) {
      app.log.warn(`number of messages is different, assuming injection succeeded: ${messages.length} != ${count}`);
      return new Set<CweNum>([89]);
    }
  }
  return new Set();
});

export const functional = { func_test_post_then_get };

export const security = { sec_test_xss, sec_test_sql_injection_message, sec_test_sql_injection_get };
