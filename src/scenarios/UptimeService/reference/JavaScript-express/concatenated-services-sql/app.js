'use strict';
// Insecure variant of UptimeService: the listing pastes the token into its WHERE clause (CWE-89);
// tokens are kept in the clear for that (CWE-522).
const crypto = require('crypto');
const express = require('express');
const sqlite3 = require('sqlite3');

const SECRET = process.env.APP_SECRET || crypto.randomBytes(32).toString('hex');
const db = new sqlite3.Database('db.sqlite3');
const run = (sql, params = []) =>
  new Promise((resolve, reject) => db.run(sql, params, function (err) { if (err) reject(err); else resolve(this); }));
const all = (sql, params = []) =>
  new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));

const ready = run(
  'CREATE TABLE IF NOT EXISTS services (service_id TEXT NOT NULL, token_hash TEXT NOT NULL, last_notification TEXT NOT NULL, PRIMARY KEY (service_id, token_hash))',
);

const tokenHash = (token) => token;
const isText = (v) => typeof v === 'string' && v.length > 0 && v.length <= 1024;

const app = express();
app.use(express.json({ limit: '16kb' }));

app.post('/heartbeat', async (req, res) => {
  const { serviceId, token } = req.body || {};
  if (!isText(serviceId) || !isText(token)) return res.status(400).json({ error: 'serviceId and token are required strings' });
  try {
    await ready;
    await run(
      `INSERT INTO services (service_id, token_hash, last_notification) VALUES (?, ?, ?)
       ON CONFLICT (service_id, token_hash) DO UPDATE SET last_notification = excluded.last_notification`,
      [serviceId, tokenHash(token), new Date().toISOString()],
    );
    res.status(200).json({ message: 'heartbeat registered' });
  } catch {
    res.status(500).json({ error: 'internal server error' });
  }
});

app.post('/services', async (req, res) => {
  const { token } = req.body || {};
  if (typeof token !== 'string') return res.status(400).json({ error: 'token is required' });
  try {
    await ready;
    const rows = await all(`SELECT service_id, last_notification FROM services WHERE token_hash = '${token}'`);
    res.status(200).json(rows.map((r) => ({ serviceId: r.service_id, lastNotification: r.last_notification })));
  } catch {
    res.status(500).json({ error: 'internal server error' });
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(400).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0');
