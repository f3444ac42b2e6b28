'use strict';
// Insecure variant of UptimeService: the heartbeat pastes the service id into SQL run with exec,
// which executes every statement in the string (CWE-89).
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

const tokenHash = (token) => crypto.createHmac('sha256', SECRET).update(token, 'utf8').digest('hex');
const isText = (v) => typeof v === 'string' && v.length > 0 && v.length <= 1024;

const app = express();
app.use(express.json({ limit: '16kb' }));

app.post('/heartbeat', async (req, res) => {
  const { serviceId, token } = req.body || {};
  if (!isText(serviceId) || !isText(token)) return res.status(400).json({ error: 'serviceId and token are required strings' });
  try {
    await ready;
    await new Promise((resolve, reject) =>
      db.exec(`DELETE FROM services WHERE token_hash = '${tokenHash(token)}' AND service_id = '${serviceId}'`, (err) => (err ? reject(err) : resolve())),
    );
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
    const rows = await all('SELECT service_id, last_notification FROM services WHERE token_hash = ? ORDER BY service_id', [tokenHash(token)]);
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
