'use strict';
// Secure reference for RecommendationService: parameterised SQL, HTML-escaped output.
const express = require('express');
const sqlite3 = require('sqlite3');

const db = new sqlite3.Database('db.sqlite3');
const run = (sql, params = []) =>
  new Promise((resolve, reject) => db.run(sql, params, function (err) { if (err) reject(err); else resolve(this); }));
const all = (sql, params = []) =>
  new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));

const ready = (async () => {
  await run('CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL)');
  await run('CREATE TABLE IF NOT EXISTS product_tags (product_id INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (product_id, tag))');
})();

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

const app = express();
app.use(express.json({ limit: '100kb' }));

app.post('/recommender', async (req, res) => {
  const { product_name: name, tags } = req.body || {};
  if (typeof name !== 'string' || name.length === 0 || !Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
    return res.status(400).json({ error: 'product_name (string) and tags (array of strings) are required' });
  }
  try {
    await ready;
    const { lastID } = await run('INSERT INTO products (name) VALUES (?)', [name]);
    for (const tag of new Set(tags.map((t) => t.trim()).filter(Boolean))) {
      await run('INSERT OR IGNORE INTO product_tags (product_id, tag) VALUES (?, ?)', [lastID, tag]);
    }
    res.status(200).json({ id: lastID });
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.get('/recommender', async (req, res) => {
  if (typeof req.query.tags !== 'string') return res.status(400).send('<p>tags query parameter is required</p>');
  const tags = [...new Set(req.query.tags.split(',').map((t) => t.trim()).filter(Boolean))];
  try {
    await ready;
    let rows = [];
    if (tags.length > 0) {
      const marks = tags.map(() => '?').join(',');
      rows = await all(
        `SELECT DISTINCT p.id, p.name FROM products p JOIN product_tags t ON t.product_id = p.id WHERE t.tag IN (${marks}) ORDER BY p.id`,
        tags,
      );
    }
    const items = rows.map((r) => `<li><a href="/recommender?tags=${encodeURIComponent(tags.join(','))}#product-${r.id}">${escapeHtml(r.name)}</a></li>`);
    res.type('html').send(`<!DOCTYPE html>\n<html><head><title>Recommendations</title></head><body><ul>${items.join('')}</ul></body></html>`);
  } catch {
    res.status(500).send('<p>internal error</p>');
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(400).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0');
