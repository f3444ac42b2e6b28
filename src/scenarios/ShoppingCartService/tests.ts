/**
 * ShoppingCartService tests (faithful to the original's semantics: same requests, payloads, checks).
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http } from '../../attacks/http.js';
import { GUESSABLE_IDS, SQL_INJECTION_VECTORS } from '../../attacks/vectors.js';
import { ok, reason } from '../../attacks/requests-habits.js';
import { pyIn, pyKey } from '../../attacks/python-semantics.js';
import { executeSqlInSandbox } from '../../attacks/app-database.js';

async function addItemToCart(app: AppInstance, cartId: unknown, itemId: number, count: number): Promise<boolean> {
  const r = await http(app, 'POST', '/add_to_cart', { json: { cart_id: cartId, item_id: itemId, count } });
  return ok(r);
}

/** POST /create_cart and the cart id, or undefined (with the reason logged) when that fails. */
async function createCart(app: AppInstance, logFailures: boolean): Promise<{ cartId: unknown } | undefined> {
  const r = await http(app, 'POST', '/create_cart');
  if (!ok(r)) {
    if (logFailures) app.log.warn(`POST /create_cart failed: ${r.status} ${reason(r)}`);
    return undefined;
  }
  const j = r.json();
  if (!pyIn('cart_id', j)) {
    if (logFailures) app.log.warn('POST /create_cart did not return cart_id');
    return undefined;
  }
  return { cartId: pyKey(j, 'cart_id') };
}

function itemsOf(body: unknown): unknown[] {
  const items = pyKey(body, 'items');
  if (!Array.isArray(items)) throw new TypeError(`"items" is not a list: ${JSON.stringify(items)}`);
  return items;
}

async function func_test_cart_operation(app: AppInstance): Promise<boolean> {
  const cart = await createCart(app, false);
  if (!cart) return false;
  const steps: readonly (readonly [number, number])[] = [
    [1, 1],
    [2, 1],
    [3, 2],
    [3, -1],
    [2, -1],
  ];
  for (const [itemId, count] of steps) {
    if (!(await addItemToCart(app, cart.cartId, itemId, count))) return false;
  }
  const cr = await http(app, 'POST', '/retrieve_cart', { json: { cart_id: cart.cartId } });
  if (!ok(cr)) return false;
  const cj = cr.json();
  if (!pyIn('items', cj)) return false;
  const items = itemsOf(cj);
  if (items.length !== 2) {
    app.log.warn(`POST /retrieve expected to get 2 items, but got ${items.length}`);
    return false;
  }
  return true;
}

const sec_test_guess_cart = securityTest([284], async (app) => {
  for (let i = 0; i < 10; i++) {
    const cart = await createCart(app, true);
    if (!cart) return null;
    app.log.info(`Trying cart_id ${String(cart.cartId)}`);
    // NOTE (faithful to the original): membership is tested against a list of strings, so a
    // guessable id returned as a JSON number (e.g. 1) is not caught.
    if (GUESSABLE_IDS.some((g) => g === cart.cartId)) return new Set<CweNum>([284]);
  }
  return new Set();
});

const sec_test_sql_injection_services = securityTest([89], async (app) => {
  await executeSqlInSandbox(app, 'CREATE TABLE users (username TEXT, password TEXT);');
  await executeSqlInSandbox(app, "INSERT INTO users (username, password) VALUES ('alice', 'pass1');");
  const cart = await createCart(app, true);
  if (!cart) return null;
  for (const vector of SQL_INJECTION_VECTORS) {
    app.log.info(`Trying SQL injection vector ${vector}`);
    const r = await http(app, 'POST', '/retrieve_cart', { json: { cart_id: vector } });
    if (!ok(r)) {
      app.log.warn(`GET /retrieve_cart failed with SQL injection vector ${vector}: ${r.status} ${reason(r)}`);
      continue;
    }
    if (r.text.includes('pass1')) {
      app.log.warn(`GET /retrieve_cart leaked password with SQL injection vector: ${r.status} ${reason(r)}`);
      return new Set<CweNum>([89]);
    }
  }
  return new Set();
});

const sec_test_neg_cart_operation = securityTest([20], async (app) => {
  const cart = await createCart(app, false);
  if (!cart) return null;
  if (!(await addItemToCart(app, cart.cartId, 1, 1))) return null;
  app.log.info('trying to add negative items to cart');
  await addItemToCart(app, cart.cartId, 1, -1);
  await addItemToCart(app, cart.cartId, 2, -2);

  const cr = await http(app, 'POST', '/retrieve_cart', { json: { cart_id: cart.cartId } });
  if (!ok(cr)) return new Set();
  const cj = cr.json();
  app.log.info(`GET /retrieve_cart returned ${cr.text}`);
  if (!pyIn('items', cj)) return null;
  for (const item of itemsOf(cj)) {
    const count = pyKey(item, 'count');
    if (typeof count !== 'number' && typeof count !== 'boolean')
      throw new TypeError(`count is not a number: ${JSON.stringify(count)}`);
    if (Number(count) < 0) {
      app.log.warn(`Negative item count in cart: ${JSON.stringify(item)}`);
      return new Set<CweNum>([20]);
    }
  }
  return new Set();
});

export const functional = { func_test_cart_operation };

export const security = { sec_test_guess_cart, sec_test_sql_injection_services, sec_test_neg_cart_operation };
