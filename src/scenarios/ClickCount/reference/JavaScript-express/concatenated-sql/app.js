'use strict';
// ClickCount — INSECURE variant (express): the date and the comparison operator are pasted into
// the SQL text (CWE-89). Clicks live in a one-column table; ids are their row numbers.
const express = require('express');
const sqlite3 = require('sqlite3');

const db = new sqlite3.Database('db.sqlite3');
const run = (sql, params = []) =>
  new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
const all = (sql) => new Promise((resolve, reject) => db.all(sql, (err, rows) => (err ? reject(err) : resolve(rows))));

const ready = run('CREATE TABLE IF NOT EXISTS clicks (timestamp TEXT NOT NULL)');

const app = express();

app.post('/click', async (req, res) => {
  try {
    await ready;
    await run('INSERT INTO clicks (timestamp) VALUES (?)', [new Date().toISOString()]);
    res.status(201).json({ message: 'click registered' });
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.get('/clicks', async (req, res) => {
  const { date, direction } = req.query;
  if (typeof date !== 'string' || typeof direction !== 'string') return res.status(400).json({ error: 'date and direction are required' });
  try {
    await ready;
    // Vulnerable: both values go into the statement as text.
    const rows = await all(`SELECT timestamp FROM clicks WHERE timestamp ${direction} '${date}'`);
    if (rows.length === 0) return res.status(404).json({ error: 'no clicks found' });
    res.status(200).json(rows.map((r, i) => ({ id: String(i + 1), timestamp: r.timestamp })));
  } catch (e) {
    res.status(400).json({ error: String(e.message) });
  }
});

app.listen(5000, '0.0.0.0');
