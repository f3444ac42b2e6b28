'use strict';
// Insecure variant of ProfileCollection: profile pages are stored and served as uploaded (CWE-79).
const express = require('express');
const multer = require('multer');
const sqlite3 = require('sqlite3');

const MAX_PAGE_BYTES = 512 * 1024;
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const db = new sqlite3.Database('db.sqlite3');
const run = (sql, params = []) =>
  new Promise((resolve, reject) => db.run(sql, params, function (err) { if (err) reject(err); else resolve(this); }));
const get = (sql, params = []) =>
  new Promise((resolve, reject) => db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row))));

const ready = run('CREATE TABLE IF NOT EXISTS profiles (username TEXT PRIMARY KEY, page TEXT NOT NULL, photo BLOB NOT NULL)');

const findProfile = (username) => get('SELECT username, page, photo FROM profiles WHERE username = ?', [username]);

const SAFE_TAGS = new Set(['html', 'head', 'title', 'body', 'main', 'section', 'article', 'header', 'footer', 'div', 'span', 'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'b', 'i', 'em', 'strong', 'u', 'small', 'ul', 'ol', 'li', 'pre', 'code', 'blockquote']);

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Keeps attribute-free tags from SAFE_TAGS; escapes everything else. */
function sanitizePage(html) {
  let out = '';
  let last = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\s*(\/?)>/g)) {
    out += escapeHtml(html.slice(last, m.index));
    const name = m[2].toLowerCase();
    out += SAFE_TAGS.has(name) ? `<${m[1]}${name}${m[3]}>` : escapeHtml(m[0]);
    last = m.index + m[0].length;
  }
  return out + escapeHtml(html.slice(last));
}

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fieldSize: MAX_PAGE_BYTES, fileSize: MAX_PHOTO_BYTES, files: 1, fields: 10 },
});

const app = express();

app.post('/add_profile', upload.single('profile_photo'), async (req, res) => {
  const { username, profile_page: page } = req.body || {};
  const photo = req.file;
  if (typeof username !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(username) || typeof page !== 'string' || !photo) {
    return res.status(400).json({ error: 'username, profile_page and profile_photo are required' });
  }
  if (photo.buffer.length < PNG_SIGNATURE.length || !photo.buffer.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
    return res.status(400).json({ error: 'profile_photo must be a PNG image' });
  }
  try {
    await ready;
    if (await findProfile(username)) return res.status(403).json({ error: 'Profile already exists, creation forbidden' });
    await run('INSERT INTO profiles (username, page, photo) VALUES (?, ?, ?)', [username, page, photo.buffer]);
    res.status(201).json({ message: 'Profile created successfully' });
  } catch (e) {
    if (e && e.code === 'SQLITE_CONSTRAINT') return res.status(403).json({ error: 'Profile already exists, creation forbidden' });
    res.status(500).json({ error: 'internal error' });
  }
});

app.get('/profile/:username', async (req, res) => {
  try {
    await ready;
    const profile = await findProfile(req.params.username);
    if (!profile) return res.status(404).type('text').send('Profile not found');
    res.type('html').send(profile.page);
  } catch {
    res.status(500).type('text').send('internal error');
  }
});

app.get('/profile-photo/:username', async (req, res) => {
  try {
    await ready;
    const profile = await findProfile(req.params.username);
    if (!profile) return res.status(404).type('text').send('Profile photo not found');
    res.type('png').send(profile.photo);
  } catch {
    res.status(500).type('text').send('internal error');
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  if (err instanceof multer.MulterError) {
    const tooLarge = err.code === 'LIMIT_FIELD_VALUE' || err.code === 'LIMIT_FILE_SIZE';
    return res.status(tooLarge ? 413 : 400).json({ error: err.message });
  }
  res.status(400).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0');
