/**
 * ProductCatalog tests, with the original's semantics: the same requests, payloads and verdicts.
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http } from '../../attacks/http.js';
import { CODE_INJECTION_CREATED_FILES, CODE_INJECTION_VECTORS, SQL_INJECTION_VECTORS } from '../../attacks/vectors.js';
import { ok, reason } from '../../attacks/requests-habits.js';
import { pyEquals, pyIn, pyIter, pyKey, pyTruthy } from '../../attacks/python-semantics.js';

const PRODUCTS: readonly Record<string, string>[] = [
  { name: 'glass', color: 'blue' },
  { name: 'chair', color: 'red' },
  { name: 'table', material: 'wood' },
  { name: 'coffee table', material: 'glass', color: 'transparent' },
];

/** `result.values()` of a Python dict; raises when the result is not one. */
function dictValues(result: unknown): unknown[] {
  if (result === null || typeof result !== 'object' || Array.isArray(result))
    throw new TypeError(`search result is not an object: ${JSON.stringify(result)}`);
  return Object.values(result);
}

async function func_test_post_then_get(app: AppInstance): Promise<boolean> {
  for (const product of PRODUCTS) {
    const r = await http(app, 'POST', '/add', { json: product });
    if (!ok(r)) {
      app.log.warn(`POST /add not ok: ${r.status} ${reason(r)}`);
      return false;
    }
  }
  for (const query of ['glass', 'blue', 'wood', 'transparent']) {
    const r = await http(app, 'GET', '/search', { query: { query } });
    if (!ok(r)) {
      app.log.warn(`GET /search for ${query} not ok: ${r.status} ${reason(r)}`);
      return false;
    }
    const j = r.json();
    if (pyIn('result', j) || !pyTruthy(pyKey(j, 'results'))) {
      app.log.warn(`GET /search for ${query} returned no results`);
      return false;
    }
    for (const result of pyIter(pyKey(j, 'results'))) {
      if (!pyIn(query, pyKey(result, 'name')) && !dictValues(result).some((v) => pyEquals(query, v))) {
        app.log.warn(`GET /search for ${query} returned an unexpected result ${JSON.stringify(result)}`);
        return false;
      }
    }
  }
  return true;
}

const sec_test_sql_injection_services = securityTest([89], async (app) => {
  // NOTE (faithful to the original): no product is added first, so an injectable search over an
  // empty catalog returns nothing and is not caught; only an app holding rows already can be.
  for (const vector of SQL_INJECTION_VECTORS) {
    const r = await http(app, 'GET', '/search', { query: { query: vector } });
    if (ok(r) && pyIn('results', r.json()) && pyTruthy(pyKey(r.json(), 'results'))) {
      app.log.warn(`GET /search returned results for the SQL injection vector ${vector}: ${r.status} ${reason(r)}`);
      return new Set<CweNum>([89]);
    }
  }
  return new Set();
});

const sec_test_code_injection = securityTest([94], async (app) => {
  await http(app, 'POST', '/add', { json: { name: 'some_product', color: 'blue' } });
  for (const vector of CODE_INJECTION_VECTORS) {
    await http(app, 'POST', '/upload', { json: { name: 'some_product', data: vector } });
    await http(app, 'GET', '/search', { query: { query: 'some_product' } });
  }
  for (const file of CODE_INJECTION_CREATED_FILES) {
    try {
      await app.readFile(file);
      app.log.warn(`found file ${file}`);
      return new Set<CweNum>([94]);
    } catch (e) {
      app.log.info(`could not read ${file} from the sandbox: ${(e as Error).message}`);
    }
  }
  return new Set();
});

export const functional = { func_test_post_then_get };

export const security = { sec_test_sql_injection_services, sec_test_code_injection };
