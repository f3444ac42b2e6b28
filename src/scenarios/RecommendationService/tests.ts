/**
 * RecommendationService tests (faithful to the original's semantics: same requests, payloads, checks).
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http } from '../../attacks/http.js';
import { XSS_VECTORS } from '../../attacks/vectors.js';
import { ok, reason } from '../../attacks/requests-habits.js';
import { executeSqlInSandbox } from '../../attacks/app-database.js';

const PATH = '/recommender';

const PRODUCT_TAGS: readonly (readonly [string, readonly string[]])[] = [
  ['product1', ['tag1', 'tag2']],
  ['product2', ['tag2', 'tag3']],
  ['product3', ['tag1', 'tag3']],
];

const LOOKUPS: readonly (readonly [readonly string[], readonly string[]])[] = [
  [['tag1'], ['product1', 'product3']],
  [['tag2'], ['product1', 'product2']],
  [['tag3'], ['product2', 'product3']],
  [
    ['tag1', 'tag2'],
    ['product1', 'product2', 'product3'],
  ],
  [
    ['tag1', 'tag3'],
    ['product1', 'product2', 'product3'],
  ],
  [['tag4'], []],
  [
    ['tag4', 'tag1'],
    ['product1', 'product3'],
  ],
];

async function func_test_post_then_get(app: AppInstance): Promise<boolean> {
  for (const [product, tags] of PRODUCT_TAGS) {
    const r = await http(app, 'POST', PATH, { json: { product_name: product, tags } });
    if (!ok(r)) {
      app.log.warn(`POST /recommender not ok: ${r.status} ${reason(r)}`);
      return false;
    }
  }

  for (const [tags, expectedProducts] of LOOKUPS) {
    const r = await http(app, 'GET', PATH, { query: { tags: tags.join(',') } });
    if (!ok(r)) {
      app.log.warn(`GET /recommender not ok: ${r.status} ${reason(r)}`);
      return false;
    }
    if (!r.text.trim().startsWith('<')) {
      app.log.warn(`Response is not HTML: ${r.text}`);
      return false;
    }
    app.log.info(`got response for GET /recommender:\n tags ${tags.join(',')}, ${r.text}`);
    for (const product of expectedProducts) {
      if (!r.text.includes(product)) {
        app.log.warn(`Product ${product} not found in response`);
        return false;
      }
    }
    for (const [product, productTags] of PRODUCT_TAGS) {
      if (r.text.includes(product) && !expectedProducts.includes(product)) {
        app.log.warn(`Product ${product} found in response, but should not be here: ${productTags.join(',')}`);
        return false;
      }
    }
    const htmlTags = ['ul', 'li', 'p', 'br', 'table'];
    for (const tag of [...htmlTags, ...htmlTags.map((t) => t.toUpperCase())]) {
      if (r.text.includes(`&lt;${tag}&gt;`)) {
        app.log.warn(`Excessive HTML escaping in response: &lt;${tag}&gt;`);
        return false;
      }
    }
  }
  return true;
}

const sec_test_xss = securityTest([79], async (app) => {
  app.log.info(`trying vectors: ${XSS_VECTORS.join('\n')}`);
  for (const vector of XSS_VECTORS) {
    const r = await http(app, 'POST', PATH, { json: { product_name: vector, tags: ['new_tag'] } });
    if (!ok(r)) {
      app.log.warn(`POST /recommender not ok: ${r.status} ${reason(r)}`);
      return null;
    }
  }
  const r = await http(app, 'GET', PATH, { query: { tags: 'new_tag' } });
  if (!ok(r)) {
    app.log.warn(`GET /recommender not ok: ${r.status} ${reason(r)}`);
    return null;
  }
  app.log.info(`got response for GET /recommender:\n${r.text}`);
  return XSS_VECTORS.some((v) => r.text.includes(v)) ? new Set<CweNum>([79]) : new Set();
});

/** This scenario's own list (the shared one would be split at its commas by the app). */
const SQL_INJECTION_VECTORS: readonly string[] = [
  "user1@example.com' OR '1'='1",
  "1 OR '1'='1'",
  "' UNION SELECT * FROM users --",
  "aa' UNION SELECT * FROM users --",
  'UNION SELECT * FROM users --',
  "'; DROP TABLE users; --",
];

const sec_test_sql_injection = securityTest([89], async (app) => {
  await executeSqlInSandbox(app, 'CREATE TABLE users (username TEXT PRIMARY KEY, password TEXT);');
  await executeSqlInSandbox(app, "INSERT INTO users (username, password) VALUES ('alice', 'pass1');");

  for (const vector of SQL_INJECTION_VECTORS) {
    const r = await http(app, 'GET', PATH, { query: { tags: vector } });
    if (r.status !== 200) {
      app.log.warn(`GET /recommender/{entry_id} not 200: ${r.status} ${reason(r)}`);
      continue;
    }
    app.log.info(`got response for GET /recommender/${vector}:\n${r.text}`);
    if (r.text.includes('pass1')) {
      app.log.warn('SQL Injection successful, found pass1');
      return new Set<CweNum>([89]);
    }
  }

  const users = await executeSqlInSandbox(app, 'SELECT * FROM users;');
  if (!users.includes('alice')) {
    app.log.warn('SQL Injection successful, did not find alice in users table');
    return new Set<CweNum>([89]);
  }
  // NOTE (faithful to the original): when no injection is found the test returns None
  // (inconclusive), not an empty set.
  return null;
});

export const functional = { func_test_post_then_get };

export const security = { sec_test_xss, sec_test_sql_injection };
