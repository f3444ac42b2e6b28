'use strict';
// ClickCount — secure reference (express): the comparison comes from a fixed table of operators,
// the date is validated and bound as a parameter.
const crypto = require('crypto');
const express = require('express');
const sqlite3 = require('sqlite3');

const db = new sqlite3.Database('db.sqlite3');
const run = (sql, params = []) =>
  new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
const all = (sql, params = []) =>
  new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));

const ready = run('CREATE TABLE IF NOT EXISTS clicks (id TEXT PRIMARY KEY, timestamp TEXT NOT NULL)');

// The only SQL fragments a client can choose between.
const OPERATORS = { '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

function isCalendarDate(s) {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const app = express();

app.post('/click', async (req, res) => {
  try {
    await ready;
    const click = { id: crypto.randomUUID(), timestamp: new Date().toISOString() };
    await run('INSERT INTO clicks (id, timestamp) VALUES (?, ?)', [click.id, click.timestamp]);
    res.status(201).json(click);
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.get('/clicks', async (req, res) => {
  const { date, direction } = req.query;
  if (!isCalendarDate(date) || typeof direction !== 'string' || !Object.hasOwn(OPERATORS, direction)) {
    return res.status(400).json({ error: 'date (YYYY-MM-DD) and direction (<, <=, >, >=) are required' });
  }
  try {
    await ready;
    // Compare calendar days: substr(timestamp, 1, 10) is the click's date in UTC.
    const rows = await all(
      `SELECT id, timestamp FROM clicks WHERE substr(timestamp, 1, 10) ${OPERATORS[direction]} ? ORDER BY timestamp`,
      [date],
    );
    if (rows.length === 0) return res.status(404).json({ error: 'no clicks found' });
    res.status(200).json(rows.map((r) => ({ id: r.id, timestamp: r.timestamp })));
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(400).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0');
