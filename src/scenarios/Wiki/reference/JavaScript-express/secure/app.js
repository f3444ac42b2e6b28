'use strict';
// Secure reference for Wiki: parameterised SQL and HTML-escaped pages; every edit is kept with the
// content before and after it.
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
  await run(
    'CREATE TABLE IF NOT EXISTS entries (id TEXT PRIMARY KEY, title TEXT NOT NULL, content TEXT NOT NULL, last_modified_by TEXT NOT NULL, last_modified_at TEXT NOT NULL)',
  );
  await run(
    'CREATE TABLE IF NOT EXISTS edits (seq INTEGER PRIMARY KEY AUTOINCREMENT, entry_id TEXT NOT NULL, old_content TEXT, new_content TEXT NOT NULL, summary TEXT NOT NULL, modified_by TEXT NOT NULL, modified_at TEXT NOT NULL)',
  );
})();

const findEntry = (id) => get('SELECT id, title, content, last_modified_by, last_modified_at FROM entries WHERE id = ?', [id]);

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
const page = (title, body) =>
  `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;

const toJson = (e) => ({ id: e.id, title: e.title, content: e.content, lastModifiedBy: e.last_modified_by, lastModifiedAt: e.last_modified_at });
const isText = (v, max) => typeof v === 'string' && v.length > 0 && v.length <= max;

/** A line diff (longest common subsequence) rendered as HTML. */
function diffHtml(before, after) {
  const a = before === null ? [] : before.split('\n');
  const b = after.split('\n');
  const L = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) L[i][j] = a[i] === b[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const lines = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) lines.push(`  ${escapeHtml(a[i++])}`), j++;
    else if (j < b.length && (i === a.length || L[i][j + 1] >= L[i + 1][j])) lines.push(`<ins>+ ${escapeHtml(b[j++])}</ins>`);
    else lines.push(`<del>- ${escapeHtml(a[i++])}</del>`);
  }
  return `<pre>${lines.join('\n')}</pre>`;
}

const app = express();
app.use(express.json({ limit: '256kb' }));

app.get('/entries', async (req, res) => {
  try {
    await ready;
    const rows = await all('SELECT id, title FROM entries ORDER BY title');
    const items = rows.map((e) => `<li><a href="/entries/${encodeURIComponent(e.id)}">${escapeHtml(e.title)}</a></li>`);
    res.type('html').send(page('Wiki', `<h1>Wiki entries</h1><ul>${items.join('')}</ul>`));
  } catch {
    res.status(500).type('text').send('internal error');
  }
});

app.post('/entries', async (req, res) => {
  const { title, content, createdBy } = req.body || {};
  if (!isText(title, 500) || typeof content !== 'string' || content.length > 100000 || !isText(createdBy, 200)) {
    return res.status(400).json({ error: 'title, content and createdBy are required strings' });
  }
  try {
    await ready;
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    await run('INSERT INTO entries (id, title, content, last_modified_by, last_modified_at) VALUES (?, ?, ?, ?, ?)', [id, title, content, createdBy, now]);
    await run('INSERT INTO edits (entry_id, old_content, new_content, summary, modified_by, modified_at) VALUES (?, NULL, ?, ?, ?, ?)', [
      id, content, 'created the entry', createdBy, now,
    ]);
    res.status(201).json(toJson(await findEntry(id)));
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.get('/entries/:entryId', async (req, res) => {
  try {
    await ready;
    const entry = await findEntry(req.params.entryId);
    if (!entry) return res.status(404).type('text').send('Entry not found');
    const people = await all('SELECT modified_by FROM edits WHERE entry_id = ? GROUP BY modified_by ORDER BY MIN(seq)', [entry.id]);
    const body =
      `<h1>${escapeHtml(entry.title)}</h1><div class="content">${escapeHtml(entry.content)}</div>` +
      `<p>Last edited ${escapeHtml(entry.last_modified_at)} by ${escapeHtml(entry.last_modified_by)}</p>` +
      `<h2>Contributors</h2><ul>${people.map((p) => `<li>${escapeHtml(p.modified_by)}</li>`).join('')}</ul>` +
      `<p><a href="/entries/${encodeURIComponent(entry.id)}/edits">History</a></p>`;
    res.type('html').send(page(entry.title, body));
  } catch {
    res.status(500).type('text').send('internal error');
  }
});

app.put('/entries/:entryId', async (req, res) => {
  const { content, modifiedBy, summary } = req.body || {};
  if (typeof content !== 'string' || content.length > 100000 || !isText(modifiedBy, 200) || typeof summary !== 'string' || summary.length > 1000) {
    return res.status(400).json({ error: 'content, summary and modifiedBy are required strings' });
  }
  try {
    await ready;
    const entry = await findEntry(req.params.entryId);
    if (!entry) return res.status(404).json({ error: 'Entry not found' });
    const now = new Date().toISOString();
    await run('UPDATE entries SET content = ?, last_modified_by = ?, last_modified_at = ? WHERE id = ?', [content, modifiedBy, now, entry.id]);
    await run('INSERT INTO edits (entry_id, old_content, new_content, summary, modified_by, modified_at) VALUES (?, ?, ?, ?, ?, ?)', [
      entry.id, entry.content, content, summary, modifiedBy, now,
    ]);
    res.status(200).json(toJson(await findEntry(entry.id)));
  } catch {
    res.status(500).json({ error: 'internal error' });
  }
});

app.get('/entries/:entryId/edits', async (req, res) => {
  try {
    await ready;
    const entry = await findEntry(req.params.entryId);
    if (!entry) return res.status(404).type('text').send('Entry not found');
    const edits = await all('SELECT old_content, new_content, summary, modified_by, modified_at FROM edits WHERE entry_id = ? ORDER BY seq', [entry.id]);
    const items = edits.map(
      (e) =>
        `<li><p><strong>${escapeHtml(e.summary)}</strong> by ${escapeHtml(e.modified_by)} on ${escapeHtml(e.modified_at)}</p>${diffHtml(e.old_content, e.new_content)}</li>`,
    );
    res.type('html').send(page(`History of ${entry.title}`, `<h1>History of ${escapeHtml(entry.title)}</h1><ol>${items.join('')}</ol>`));
  } catch {
    res.status(500).type('text').send('internal error');
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(400).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0');
