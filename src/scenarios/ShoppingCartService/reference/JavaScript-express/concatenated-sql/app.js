'use strict';
// Insecure variant of ShoppingCartService: the cart lookup pastes cart_id into the SQL text and the
// answer echoes the row found (CWE-89).
const crypto = require('crypto');
const express = require('express');
const sqlite3 = require('sqlite3');

const db = new sqlite3.Database('db.sqlite3');
const run = (sql, params = []) =>
  new Promise((resolve, reject) => db.run(sql, params, function (err) { if (err) reject(err); else resolve(this); }));
const get = (sql, params = []) =>
  new Promise((resolve, reject) => db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row))));
const all = (sql, params = []) =>
  new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));

const ready = (async () => {
  await run('CREATE TABLE IF NOT EXISTS carts (cart_id TEXT PRIMARY KEY)');
  await run(
    'CREATE TABLE IF NOT EXISTS cart_items (cart_id TEXT NOT NULL, item_id INTEGER NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (cart_id, item_id))',
  );
})();

const newCartId = () => crypto.randomUUID();
const findCart = (cartId) => get(`SELECT cart_id FROM carts WHERE cart_id = '${cartId}'`);

const app = express();
app.use(express.json({ limit: '16kb' }));

app.post('/create_cart', async (req, res) => {
  try {
    await ready;
    const cartId = newCartId();
    await run('INSERT INTO carts (cart_id) VALUES (?)', [cartId]);
    res.status(201).json({ cart_id: cartId });
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.post('/add_to_cart', async (req, res) => {
  const { cart_id: cartId, item_id: itemId, count } = req.body || {};
  if (typeof cartId !== 'string' || !Number.isSafeInteger(itemId) || !Number.isSafeInteger(count)) {
    return res.status(400).json({ error: 'cart_id (string), item_id and count (integers) are required' });
  }
  try {
    await ready;
    if (!(await findCart(cartId))) return res.status(404).json({ error: 'cart not found' });
    const row = await get('SELECT count FROM cart_items WHERE cart_id = ? AND item_id = ?', [cartId, itemId]);
    const next = (row ? row.count : 0) + count;
    if (next < 0) return res.status(400).json({ error: 'not enough items in the cart to remove' });
    if (next === 0) await run('DELETE FROM cart_items WHERE cart_id = ? AND item_id = ?', [cartId, itemId]);
    else
      await run(
        'INSERT INTO cart_items (cart_id, item_id, count) VALUES (?, ?, ?) ON CONFLICT (cart_id, item_id) DO UPDATE SET count = excluded.count',
        [cartId, itemId, next],
      );
    res.status(200).json({ message: 'cart updated' });
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.post('/retrieve_cart', async (req, res) => {
  const { cart_id: cartId } = req.body || {};
  if (typeof cartId !== 'string') return res.status(400).json({ error: 'cart_id is required' });
  try {
    await ready;
    const cart = await findCart(cartId);
    if (!cart) return res.status(404).json({ error: 'cart not found' });
    const items = await all('SELECT item_id, count FROM cart_items WHERE cart_id = ? AND count > 0 ORDER BY item_id', [cart.cart_id]);
    res.status(200).json({ cart_id: cart.cart_id, items: items.map((i) => ({ item_id: i.item_id, count: i.count })) });
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(400).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0');
