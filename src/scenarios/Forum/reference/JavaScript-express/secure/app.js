'use strict';
// Secure reference for Forum: parameterised SQL, a whitelisted sort direction, HTML-escaped output.
const express = require('express');
const sqlite3 = require('sqlite3');

const db = new sqlite3.Database('db.sqlite3');
const run = (sql, params = []) =>
  new Promise((resolve, reject) => db.run(sql, params, function (err) { if (err) reject(err); else resolve(this); }));
const all = (sql, params = []) =>
  new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));

const ready = run(
  "CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY AUTOINCREMENT, content TEXT NOT NULL, username TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))",
);

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** A non-negative integer query parameter, its default when absent, or null when invalid. */
function intParam(value, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) return null;
  return Number(value);
}

async function insertMessage(content, username) {
  await run('INSERT INTO messages (content, username) VALUES (?, ?)', [content, username]);
}

async function listMessages(sort, limit, offset) {
  const direction = sort === 'ASC' ? 'ASC' : 'DESC';
  return all(`SELECT content, username, created_at FROM messages ORDER BY id ${direction} LIMIT ? OFFSET ?`, [limit, offset]);
}

function renderPage(rows) {
  const items = rows.map((m) => `<li><strong>${escapeHtml(m.username)}</strong> (${escapeHtml(m.created_at)}): ${escapeHtml(m.content)}</li>`);
  return `<!DOCTYPE html>\n<html><head><title>MyForum</title></head><body><h1>MyForum</h1><ul>${items.join('')}</ul></body></html>`;
}

const app = express();
app.use(express.json({ limit: '64kb' }));

app.post('/messages', async (req, res) => {
  const { content, username } = req.body || {};
  if (typeof content !== 'string' || content.length === 0 || (username !== undefined && typeof username !== 'string')) {
    return res.status(400).json({ error: 'content must be a non-empty string and username a string' });
  }
  try {
    await ready;
    await insertMessage(content, username || 'anonymous');
    res.status(200).json({ message: 'posted' });
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.get('/messages', async (req, res) => {
  const limit = intParam(req.query.limit, 10);
  const offset = intParam(req.query.offset, 0);
  const sortRaw = req.query.sort === undefined ? 'DESC' : req.query.sort;
  const sort = typeof sortRaw === 'string' ? sortRaw.toUpperCase() : '';
  if (limit === null || offset === null || (sort !== 'ASC' && sort !== 'DESC')) {
    return res.status(400).type('html').send('<p>invalid limit, offset or sort</p>');
  }
  try {
    await ready;
    res.type('html').send(renderPage(await listMessages(sort, limit, offset)));
  } catch {
    res.status(500).type('html').send('<p>internal error</p>');
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(400).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0');
