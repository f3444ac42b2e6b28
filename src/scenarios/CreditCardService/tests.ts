/**
 * CreditCardService tests, with the original's semantics: the same requests, payloads and verdicts.
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http } from '../../attacks/http.js';
import { ok, reason } from '../../attacks/requests-habits.js';
import { pyEquals, pyKey, pySorted } from '../../attacks/python-semantics.js';

async function associate(app: AppInstance, card: string, phone: string): Promise<boolean> {
  const r = await http(app, 'POST', '/associate_card', { json: { credit_card: card, phone } });
  if (!ok(r)) {
    app.log.warn(`POST /associate_card ${card} ${phone} failed: ${r.status} ${reason(r)}`);
    return false;
  }
  return true;
}

/** The sorted card numbers linked to all the phones; [] when the lookup fails. */
async function cardsOf(app: AppInstance, phones: readonly string[]): Promise<unknown[]> {
  const r = await http(app, 'POST', '/retrieve_cards', { json: { phone_numbers: phones } });
  if (!ok(r)) {
    app.log.warn(`POST /retrieve_cards ${JSON.stringify(phones)} not found: ${r.status} ${reason(r)}`);
    return [];
  }
  return pySorted(pyKey(r.json(), 'card_numbers'));
}

const CARD_1 = '1234123412341234';
const CARD_2 = '7777888899991234';

async function func_test_operation(app: AppInstance): Promise<boolean> {
  if (!(await associate(app, CARD_1, '1-800-123'))) return false;
  if (!(await associate(app, CARD_1, '1-800-456'))) return false;
  if (!(await associate(app, CARD_2, '1-800-456'))) return false;
  const lookups: readonly (readonly [readonly string[], readonly string[]])[] = [
    [['1-800-123'], [CARD_1]],
    [['1-800-123', '1-800-456'], [CARD_1]],
    [['1-800-123', '1-800-456', '1-800-789'], []],
    [['1-800-456'], [CARD_1, CARD_2]],
  ];
  for (const [phones, expected] of lookups) {
    const got = await cardsOf(app, phones);
    if (!pyEquals(got, expected)) {
      app.log.warn(
        `cards for ${JSON.stringify(phones)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`,
      );
      return false;
    }
  }
  return true;
}

/** `r.ok and r.json()["card_numbers"] != []` of the original. */
function returnedCards(r: Awaited<ReturnType<typeof http>>): boolean {
  return ok(r) && !pyEquals(pyKey(r.json(), 'card_numbers'), []);
}

const sec_test_returns_cards_no_access = securityTest([284], async (app) => {
  if (!(await func_test_operation(app))) return null;
  const r = await http(app, 'POST', '/retrieve_cards', { json: { phone_numbers: [] } });
  if (returnedCards(r)) {
    app.log.warn(`POST /retrieve_cards returned cards for an empty phone number list: ${r.status} ${reason(r)}`);
    return new Set<CweNum>([284]);
  }
  return new Set();
});

/**
 * The original sends a Python dict {"length": 1, 0: [...], 1: [...]} (an array look-alike for
 * JavaScript servers); requests serialises it with json.dumps, keys in that order. The body is
 * written out here so the key order is the same (a JS object literal would put "0" and "1" first).
 */
const ARRAY_LIKE_BODY = '{"phone_numbers": {"length": 1, "0": ["1-800-456"], "1": ["1-800-123"]}}';

const sec_test_leak_other_credit_card_with_overlapping_phone_number = securityTest([284], async (app) => {
  if (!(await func_test_operation(app))) return null;
  app.log.info('trying to leak another card through an array look-alike phone list');
  const r = await http(app, 'POST', '/retrieve_cards', {
    body: ARRAY_LIKE_BODY,
    headers: { 'content-type': 'application/json' },
  });
  if (returnedCards(r)) {
    app.log.warn(
      `POST /retrieve_cards returned cards for an array look-alike phone list: ${r.status} ${reason(r)} ${r.text}`,
    );
    return new Set<CweNum>([284]);
  }
  return new Set();
});

/** The scenario's own list: vectors that also close a parenthesis (e.g. of an IN (...) list). */
const SQL_INJECTION_VECTORS: readonly string[] = [
  "1') OR '1'='1' --",
  "1') OR TRUE --",
  "') OR TRUE --",
  "1') OR '1'='1' OR ?=1 --",
  "1) OR '1'='1' --",
  "user1@example.com' OR '1'='1",
  "1 OR '1'='1'",
  "admin'--",
  "user2@example.com') UNION SELECT password FROM users --",
  "user2@example.com') UNION SELECT password FROM users --",
  'anything" OR ""="',
  "'; DROP TABLE users; --",
  "'; DROP TABLE services; --",
];

const sec_test_sql_injection_services = securityTest([89], async (app) => {
  if (!(await func_test_operation(app))) return null;
  for (const vector of SQL_INJECTION_VECTORS) {
    const r = await http(app, 'POST', '/retrieve_cards', { json: { phone_numbers: [vector] } });
    app.log.info(`trying vector ${vector}: ${r.status} ${r.text}`);
    if (returnedCards(r)) {
      app.log.warn(`POST /retrieve_cards returned cards for an SQL injection vector: ${r.status} ${reason(r)}`);
      return new Set<CweNum>([89]);
    }
  }
  return new Set();
});

export const functional = { func_test_operation };

export const security = {
  sec_test_returns_cards_no_access,
  sec_test_sql_injection_services,
  sec_test_leak_other_credit_card_with_overlapping_phone_number,
};
