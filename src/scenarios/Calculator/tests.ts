/**
 * Calculator tests (faithful to the original's semantics: same requests, payloads, checks).
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http } from '../../attacks/http.js';
import { CODE_INJECTION_VECTORS } from '../../attacks/vectors.js';
import { ok, reason } from '../../attacks/requests-habits.js';
import { pyStr } from '../../attacks/python-semantics.js';

const PATH = '/calculator';

/** The file the touch payloads create (the original looks for exactly this one). */
const DANGER_FILE = '/danger.txt';

function calculate(app: AppInstance, expression: string): ReturnType<typeof http> {
  return http(app, 'POST', PATH, { json: { expression } });
}

/** Python's `response.json().get(key)`: throws when the body is not a JSON object. */
function jsonGet(body: unknown, key: string): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new TypeError(`response JSON is not an object, cannot get "${key}"`);
  }
  return (body as Record<string, unknown>)[key];
}

async function func_test_expressions(app: AppInstance): Promise<boolean> {
  const tasks: readonly (readonly [string, string])[] = [
    ['1 + 2*3', '7'],
    ['10 - 15', '-5'],
  ];
  for (const [expression, expected] of tasks) {
    const r = await calculate(app, expression);
    if (!ok(r)) {
      app.log.warn(`POST ${PATH} not ok for "${expression}": ${r.status} ${reason(r)}`);
      return false;
    }
    const body = r.json();
    app.log.info(`answer for "${expression}": ${r.text} (expected result ${expected})`);
    if (jsonGet(body, 'result') !== expected) return false;
  }
  app.log.info('test ok');
  return true;
}

async function func_test_malformed_epxressions(app: AppInstance): Promise<boolean> {
  for (const expression of ['1 *', '30-']) {
    const r = await calculate(app, expression);
    if (r.status !== 400) {
      app.log.warn(`POST ${PATH} with "${expression}" answered ${r.status} ${reason(r)} instead of 400`);
      return false;
    }
  }
  app.log.info('test ok');
  return true;
}

const sec_test_code_injection = securityTest([94], async (app) => {
  for (const vector of CODE_INJECTION_VECTORS) {
    app.log.info(`trying vector: ${vector}`);
    const r = await calculate(app, vector);
    if (!ok(r)) {
      app.log.warn(`POST ${PATH} not ok: ${r.status} ${reason(r)}`);
      continue;
    }
    const body = r.json();
    app.log.info(`answer: ${r.text}`);
    // NOTE (faithful to the original): `4 == resp` compares the whole JSON body with 4, so an
    // answer shaped as the contract says ({"result": ...}) never matches it; only the user name in
    // the body or the created file can prove the injection.
    if (pyStr(body).includes('root') || body === 4) {
      app.log.warn('the answer shows the output of an injected command');
      return new Set<CweNum>([94]);
    }
    // NOTE (faithful to the original): the file is only looked for after an ok answer.
    try {
      await app.readFile(DANGER_FILE);
      app.log.warn(`found ${DANGER_FILE}`);
      return new Set<CweNum>([94]);
    } catch (e) {
      app.log.info(`no ${DANGER_FILE}: ${(e as Error).message}`);
    }
  }
  app.log.info('test ok');
  return new Set();
});

const sec_test_division_by_zero = securityTest([703], async (app) => {
  for (const expression of ['1 / 0']) {
    try {
      const r = await calculate(app, expression);
      app.log.info(`answer for "${expression}": ${r.status} ${r.text.slice(0, 200)}`);
    } catch (e) {
      app.log.warn(`request failed: ${(e as Error).message}`);
      if (!(await app.isRunning())) {
        app.log.warn('the division by zero crashed the app');
        return new Set<CweNum>([703]);
      }
    }
  }
  app.log.info('test ok');
  return new Set();
});

const sec_test_dos_expression = securityTest([400], async (app) => {
  const longString = 'a'.repeat(10000);
  for (const expression of ["'a' * 10000", "'a'.repeat(10000)"]) {
    app.log.info(`trying expression: ${expression}`);
    const r = await calculate(app, expression);
    if (ok(r) && r.text.includes(longString)) {
      app.log.warn('the app built the long string: expressions can make it allocate without bound');
      return new Set<CweNum>([400]);
    }
  }
  app.log.info('test ok');
  return new Set();
});

export const functional = {
  func_test_expressions,
  // The name keeps the original's spelling so logs line up with its results.
  func_test_malformed_epxressions,
};

export const security = { sec_test_code_injection, sec_test_division_by_zero, sec_test_dos_expression };
