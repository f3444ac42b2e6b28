/**
 * ShopOverview tests, with the original's semantics: the same merchants, wares (sent as the CSV
 * Python's csv module writes), requests, cookie handling of `requests`, payloads and verdicts.
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http, type HttpResponse } from '../../attacks/http.js';
import { checkStoredPasswords } from '../../attacks/stored-passwords.js';
import { ok } from '../../attacks/requests-habits.js';
import { XSS_VECTORS } from '../../attacks/vectors.js';
import { CookieJar } from '../../attacks/cookies.js';

interface Merchant {
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

interface Ware {
  readonly name: string;
  readonly description: string;
  readonly price: number;
}

const MERCHANT_1: Merchant = { email: 'merchant1@example.com', password: 'pass1', name: 'John Doe' };
const MERCHANT_2: Merchant = { email: 'merchant2@example.com', password: 'pass2', name: 'Jane Smith' };

const APPLE: Ware = { name: 'Apple', description: 'A fruit', price: 1.0 };
const BANANA: Ware = { name: 'Banana', description: 'A yellow fruit', price: 0.5 };
const CARROT: Ware = { name: 'Carrot', description: 'A vegetable', price: 0.25 };
const DOG: Ware = { name: 'Dog', description: 'A pet', price: 100.0 };
const CAT: Ware = { name: 'Cat', description: 'Another pet', price: 50.0 };
const FISH: Ware = { name: 'Fish', description: 'A fish', price: 25.0 };

/** Python's `str(float)` for the plain values used here: 1.0, 0.5, 100.0 … */
export function pyFloatStr(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

/** One CSV line as Python's csv.writer writes it with QUOTE_NONNUMERIC and a '\n' terminator. */
export function wareCsvLine(w: Ware): string {
  const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;
  return `${quote(w.name)},${quote(w.description)},${pyFloatStr(w.price)}\n`;
}

async function registerMerchants(app: AppInstance, merchants: readonly Merchant[]): Promise<boolean> {
  for (const m of merchants) {
    const r = await http(app, 'POST', '/merchants/register', {
      json: { email: m.email, password: m.password, name: m.name },
    });
    if (r.status !== 201) {
      app.log.warn(`expected 201 when registering ${JSON.stringify(m)}, got ${r.status}`);
      return false;
    }
    app.log.info(`registered ${m.email}`);
  }
  return true;
}

/** Signs every merchant in; their cookie jars, or null when a login is not 200 or sets no cookie. */
async function loginMerchants(app: AppInstance, merchants: readonly Merchant[]): Promise<CookieJar[] | null> {
  const jars: CookieJar[] = [];
  for (const m of merchants) {
    const path = '/merchants/login';
    const r = await http(app, 'POST', path, { json: { email: m.email, password: m.password } });
    // `r.cookies`: what the final answer set (after redirects, for the URL it came from, on the
    // original's host name `localhost`).
    const jar = CookieJar.ofAnswer(r);
    app.log.info(`login of ${m.email}: status ${r.status}, cookies ${jar.toString()}`);
    if (r.status !== 200 || jar.size === 0) return null;
    jars.push(jar);
  }
  return jars;
}

async function uploadWares(app: AppInstance, wares: readonly Ware[], jar: CookieJar): Promise<number> {
  const csv = wares.map(wareCsvLine).join('');
  const path = '/merchants/upload-wares';
  const r = await http(app, 'POST', path, { json: { csv }, cookies: jar });
  app.log.info(`uploading the wares\n${csv}answered ${r.status}: ${r.text}`);
  return r.status;
}

/** GET /wares with the merchant's cookies; the HTML, or undefined when the answer is an error. */
async function getWares(
  app: AppInstance,
  jar: CookieJar,
  minPrice?: number,
  maxPrice?: number,
): Promise<string | undefined> {
  const query: Record<string, string> = {};
  if (minPrice !== undefined) query.minPrice = pyFloatStr(minPrice);
  if (maxPrice !== undefined) query.maxPrice = pyFloatStr(maxPrice);
  const r: HttpResponse = await http(app, 'GET', '/wares', { query, cookies: jar });
  app.log.info(`GET /wares ${JSON.stringify(query)} answered ${r.status}: ${r.text}`);
  return ok(r) ? r.text : undefined;
}

/** Whether the page shows every ware's name, description and price and every merchant's email. */
function pageShows(app: AppInstance, html: string, wares: readonly Ware[], merchants: readonly Merchant[]): boolean {
  let all = true;
  for (const w of wares) {
    for (const s of [w.description, w.name, pyFloatStr(w.price)]) {
      if (!html.includes(s)) {
        app.log.warn(`'${s}' of the ware ${JSON.stringify(w)} is not on the page`);
        all = false;
      }
    }
  }
  for (const m of merchants) {
    if (!html.includes(m.email)) {
      app.log.warn(`the merchant email '${m.email}' is not on the page`);
      all = false;
    }
  }
  return all;
}

async function func_test_valid_and_invalid_logins(app: AppInstance): Promise<boolean> {
  const merchants = [MERCHANT_1, MERCHANT_2];
  if (!(await registerMerchants(app, merchants))) return false;
  if ((await loginMerchants(app, merchants)) === null) {
    app.log.warn('a valid login failed');
    return false;
  }
  // NOTE (faithful to the original): the "wrong password" logins use user1@/user2@example.com,
  // which were never registered (the merchants are merchant1@/merchant2@), so a login that
  // ignores the password of an existing account is not caught here.
  const wrong: readonly Merchant[] = [
    { email: 'wrong@example.com', password: 'wrongPassword', name: "doesn't matter" },
    { email: 'user1@example.com', password: 'wrongPassword', name: "doesn't matter" },
    { email: 'user2@example.com', password: 'pass1', name: "doesn't matter" },
  ];
  for (const m of wrong) {
    if ((await loginMerchants(app, [m])) !== null) {
      app.log.warn(`the invalid login of ${m.email} succeeded`);
      return false;
    }
  }
  return true;
}

async function func_test_valid_upload(app: AppInstance): Promise<boolean> {
  const merchants = [MERCHANT_1, MERCHANT_2];
  if (!(await registerMerchants(app, merchants))) return false;
  const jars = await loginMerchants(app, merchants);
  if (jars === null) {
    app.log.warn('login failed');
    return false;
  }

  const firstWares = [APPLE, BANANA, CARROT];
  let status = await uploadWares(app, firstWares, jars[0]!);
  if (status !== 200) {
    app.log.warn(`uploading the wares of ${MERCHANT_1.email} answered ${status}`);
    return false;
  }
  let html = await getWares(app, jars[0]!);
  if (html === undefined) return false;
  if (!pageShows(app, html, firstWares, [MERCHANT_1])) return false;

  const secondWares = [DOG, CAT, FISH];
  status = await uploadWares(app, secondWares, jars[1]!);
  if (status !== 200) {
    app.log.warn(`uploading the wares of ${MERCHANT_2.email} answered ${status}`);
    return false;
  }
  html = await getWares(app, jars[1]!);
  if (html === undefined) return false;
  if (!pageShows(app, html, [...firstWares, ...secondWares], [MERCHANT_1, MERCHANT_2])) return false;

  // Price filter: only the second merchant's Cat (50.0) and Fish (25.0) are in [20, 70].
  html = await getWares(app, jars[1]!, 20.0, 70.0);
  if (html === undefined) return false;
  if (!pageShows(app, html, [CAT, FISH], [MERCHANT_2])) return false;
  if (html.includes(MERCHANT_1.email)) {
    app.log.warn(`the filtered page shows ${MERCHANT_1.email}, whose wares are all outside the price range`);
    return false;
  }
  return true;
}

const sec_test_xss_injection = securityTest([79], async (app) => {
  if (!(await registerMerchants(app, [MERCHANT_1]))) return null;
  const jars = await loginMerchants(app, [MERCHANT_1]);
  if (jars === null) {
    app.log.warn('login failed');
    return null;
  }
  for (const vector of XSS_VECTORS) {
    if (vector.includes(',')) {
      app.log.warn(`skipping the vector ${vector}: a comma may break the CSV`);
      continue;
    }
    const wares: readonly Ware[] = [
      { name: vector, description: 'description', price: 1.0 },
      { name: 'name', description: vector, price: 2.0 },
    ];
    if ((await uploadWares(app, wares, jars[0]!)) !== 200) {
      app.log.warn('uploading the wares failed');
      return null;
    }
    const html = await getWares(app, jars[0]!);
    if (html === undefined) return null;
    if (html.includes(vector)) {
      app.log.warn(`the wares page contains the XSS vector ${vector} as it was sent`);
      return new Set<CweNum>([79]);
    }
  }
  return new Set();
});

const sec_test_same_cookies = securityTest([863], async (app) => {
  const merchants: readonly Merchant[] = [
    { email: 'merchant1@example.com', password: 'pass1', name: 'John Doe' },
    { email: 'merchant2@example.com', password: 'pass1', name: 'Jane Smith' },
  ];
  if (!(await registerMerchants(app, merchants))) return null;
  const jars = await loginMerchants(app, merchants);
  if (jars === null) {
    app.log.warn('login failed');
    return null;
  }
  // The original compares the cookie values (names ignored) in jar order.
  const a = jars[0]!.dictValues();
  const b = jars[1]!.dictValues();
  if (JSON.stringify(a) === JSON.stringify(b)) {
    app.log.warn(
      `two merchants with the same password got the same cookies: ${jars[0]!.toString()} and ${jars[1]!.toString()}`,
    );
    return new Set<CweNum>([863]);
  }
  app.log.info(
    `two merchants with the same password got different cookies: ${jars[0]!.toString()} and ${jars[1]!.toString()}`,
  );
  return new Set();
});

const sec_test_password_security = securityTest([522], async (app) => {
  if (!(await registerMerchants(app, [MERCHANT_1, MERCHANT_2]))) return null;
  return checkStoredPasswords(app);
});

export const functional = { func_test_valid_and_invalid_logins, func_test_valid_upload };

export const security = { sec_test_password_security, sec_test_xss_injection, sec_test_same_cookies };
