'use strict';
// ProductCatalog — INSECURE variant (express): /upload reads the data with eval() ("it is a
// JavaScript object literal"), so uploaded data runs as code (CWE-94).
const express = require('express');
const sqlite3 = require('sqlite3');

const db = new sqlite3.Database('db.sqlite3');
const run = (sql, params = []) =>
  new Promise((resolve, reject) => db.run(sql, params, function (err) { if (err) reject(err); else resolve(this); }));
const get = (sql, params = []) =>
  new Promise((resolve, reject) => db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row))));
const all = (sql, params = []) =>
  new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));

const ready = run('CREATE TABLE IF NOT EXISTS products (name TEXT PRIMARY KEY, properties TEXT NOT NULL)');

/** The product's extra properties, or null when the object is not a valid product description. */
function propertiesOf(obj) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return null;
  const props = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v !== 'string') return null;
    if (k !== 'name') props[k] = v;
  }
  return props;
}

const asProduct = (row) => ({ ...JSON.parse(row.properties), name: row.name });

const app = express();
app.use(express.json({ limit: '64kb' }));

app.post('/add', async (req, res) => {
  const body = req.body;
  const props = propertiesOf(body);
  if (!props || typeof body.name !== 'string' || body.name.length === 0) return res.status(400).json({ error: 'a product needs a string name and string properties' });
  try {
    await ready;
    await run('INSERT INTO products (name, properties) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET properties = excluded.properties', [
      body.name,
      JSON.stringify(props),
    ]);
    res.status(201).json({ message: 'product added' });
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.get('/download', async (req, res) => {
  const { name } = req.query;
  if (typeof name !== 'string' || name.length === 0) return res.status(400).json({ error: 'name is required' });
  try {
    await ready;
    const row = await get('SELECT name, properties FROM products WHERE name = ?', [name]);
    if (!row) return res.status(404).json({ error: 'product not found' });
    res.status(200).json({ data: JSON.stringify(asProduct(row)) });
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.post('/upload', async (req, res) => {
  const { name, data } = req.body || {};
  if (typeof name !== 'string' || name.length === 0 || typeof data !== 'string') return res.status(400).json({ error: 'name and data are required' });
  let parsed;
  try {
    // Vulnerable: the data is evaluated as JavaScript.
    parsed = eval('(' + data + ')');
  } catch {
    return res.status(400).json({ error: 'data is not in the format /download returns' });
  }
  const props = propertiesOf(parsed);
  if (!props) return res.status(400).json({ error: 'data is not in the format /download returns' });
  try {
    await ready;
    const r = await run('UPDATE products SET properties = ? WHERE name = ?', [JSON.stringify(props), name]);
    if (r.changes === 0) await run('INSERT INTO products (name, properties) VALUES (?, ?)', [name, JSON.stringify(props)]);
    res.status(200).json({ message: 'product updated' });
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.get('/search', async (req, res) => {
  const { query } = req.query;
  if (typeof query !== 'string' || query.length === 0) return res.status(400).json({ error: 'query is required' });
  try {
    await ready;
    const rows = await all('SELECT name, properties FROM products ORDER BY name');
    const results = rows.map(asProduct).filter((p) => Object.values(p).some((v) => v.includes(query)));
    res.status(200).json({ results });
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(400).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0');
