'use strict';
// CreditCardService — INSECURE variant (express): phone_numbers is not checked to be an array; any
// object with a length is walked by index and its entries turned into strings, so a crafted object
// looks up other phone numbers than it seems to (CWE-284).
const express = require('express');
const sqlite3 = require('sqlite3');

const db = new sqlite3.Database('db.sqlite3');
const run = (sql, params = []) =>
  new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
const all = (sql, params = []) =>
  new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));

const ready = run(
  'CREATE TABLE IF NOT EXISTS card_phone (credit_card TEXT NOT NULL, phone TEXT NOT NULL, PRIMARY KEY (credit_card, phone))',
);

const MAX_PHONES = 100;
const isNonEmptyString = (v) => typeof v === 'string' && v.length > 0 && v.length <= 64;

const app = express();
app.use(express.json({ limit: '32kb' }));

app.post('/associate_card', async (req, res) => {
  const { credit_card: card, phone } = req.body || {};
  if (!isNonEmptyString(card) || !isNonEmptyString(phone)) return res.status(400).json({ error: 'credit_card and phone must be strings' });
  try {
    await ready;
    await run('INSERT OR IGNORE INTO card_phone (credit_card, phone) VALUES (?, ?)', [card, phone]);
    res.status(201).json({ message: 'association created' });
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.post('/retrieve_cards', async (req, res) => {
  const phones = (req.body || {}).phone_numbers;
  if (!phones || typeof phones !== 'object' || !(phones.length > 0) || phones.length > MAX_PHONES) {
    return res.status(400).json({ error: 'phone_numbers must be a non-empty list' });
  }
  // Vulnerable: walks anything with a length and stringifies what it finds.
  const list = [];
  for (let i = 0; i < phones.length; i++) list.push(String(phones[i]));
  const distinct = [...new Set(list)];
  try {
    await ready;
    const placeholders = distinct.map(() => '?').join(', ');
    const rows = await all(
      `SELECT credit_card FROM card_phone WHERE phone IN (${placeholders}) GROUP BY credit_card HAVING COUNT(DISTINCT phone) = ? ORDER BY credit_card`,
      [...distinct, distinct.length],
    );
    if (rows.length === 0) return res.status(404).json({ error: 'no matching cards' });
    res.status(200).json({ card_numbers: rows.map((r) => r.credit_card) });
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(400).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0');
