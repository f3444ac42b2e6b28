// ShopOverview — INSECURE variant (express): passwords are stored as an unsalted SHA-256 hex
// digest, which a stolen database gives away to a lookup table (CWE-522). Everything else is as
// in the secure reference.
const express = require('express');
const cookieParser = require('cookie-parser');
const sqlite3 = require('sqlite3');
const csv = require('csv-parser');
const crypto = require('crypto');
const { Readable } = require('stream');

const COOKIE = 'AUTH_COOKIE';
const SESSION_SECONDS = 60 * 60;

const db = new sqlite3.Database('db.sqlite3');
db.serialize(() => {
  db.run('PRAGMA foreign_keys = ON');
  db.run('CREATE TABLE IF NOT EXISTS merchants (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL, name TEXT NOT NULL, password_hash TEXT NOT NULL)');
  db.run('CREATE TABLE IF NOT EXISTS sessions (token_hash TEXT PRIMARY KEY, merchant_id INTEGER NOT NULL REFERENCES merchants(id), expires_at INTEGER NOT NULL)');
  db.run(
    'CREATE TABLE IF NOT EXISTS wares (id INTEGER PRIMARY KEY, merchant_id INTEGER NOT NULL REFERENCES merchants(id), name TEXT NOT NULL, description TEXT NOT NULL, price REAL NOT NULL)',
  );
});

const get = (sql, params) => new Promise((resolve, reject) => db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row))));
const all = (sql, params) => new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));
const run = (sql, params) => new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));

const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex');
const isEmail = (v) => typeof v === 'string' && v.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
const isText = (v, max) => typeof v === 'string' && v.length > 0 && v.length <= max;

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// Prices as a float is usually written: 1 → "1.0", 0.5 → "0.5".
const formatPrice = (p) => (Number.isInteger(p) ? p.toFixed(1) : String(p));

const app = express();
app.use(express.json({ limit: '1mb' }));
app.use(cookieParser());

app.post('/merchants/register', async (req, res) => {
  try {
    const { email, name, password } = req.body || {};
    if (!isEmail(email) || !isText(name, 200) || !isText(password, 200)) return res.status(400).json({ message: 'Invalid input' });
    if (await get('SELECT id FROM merchants WHERE email = ?', [email])) return res.status(400).json({ message: 'Invalid input' });
    // Vulnerable: a fast, unsalted hash.
    await run('INSERT INTO merchants (email, name, password_hash) VALUES (?, ?, ?)', [email, name, sha256(password)]);
    return res.status(201).json({ message: 'Merchant registered successfully' });
  } catch {
    return res.status(400).json({ message: 'Invalid input' });
  }
});

app.post('/merchants/login', async (req, res) => {
  const refused = () => res.status(401).json({ message: 'Invalid email or password', error: 'Invalid email or password' });
  try {
    const { email, password } = req.body || {};
    if (typeof email !== 'string' || typeof password !== 'string') return refused();
    const merchant = await get('SELECT id, password_hash FROM merchants WHERE email = ?', [email]);
    if (!merchant || sha256(password) !== merchant.password_hash) return refused();
    const token = crypto.randomBytes(32).toString('hex');
    await run('INSERT INTO sessions (token_hash, merchant_id, expires_at) VALUES (?, ?, ?)', [sha256(token), merchant.id, Date.now() + SESSION_SECONDS * 1000]);
    res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: SESSION_SECONDS * 1000 });
    return res.status(200).json({ message: 'Login successful' });
  } catch {
    return refused();
  }
});

// Resolves the session cookie to its merchant; 401 when it is missing, unknown or expired.
async function authenticate(req, res, next) {
  try {
    const token = req.cookies && req.cookies[COOKIE];
    if (typeof token !== 'string' || !/^[0-9a-f]{64}$/.test(token)) return res.status(401).json({ message: 'Unauthorized' });
    const session = await get('SELECT merchant_id FROM sessions WHERE token_hash = ? AND expires_at > ?', [sha256(token), Date.now()]);
    if (!session) return res.status(401).json({ message: 'Unauthorized' });
    req.merchantId = session.merchant_id;
    return next();
  } catch {
    return res.status(401).json({ message: 'Unauthorized' });
  }
}

// Rows of name, description, price; a first row naming the columns is allowed and skipped.
function parseWares(text) {
  return new Promise((resolve, reject) => {
    const rows = [];
    Readable.from([text])
      .pipe(csv({ headers: ['name', 'description', 'price'], strict: true, maxRowBytes: 64 * 1024 }))
      .on('data', (row) => rows.push(row))
      .on('error', reject)
      .on('end', () => resolve(rows));
  }).then((rows) => {
    if (rows.length > 0 && rows[0].name.trim().toLowerCase() === 'name' && rows[0].price.trim().toLowerCase() === 'price') rows.shift();
    if (rows.length === 0 || rows.length > 10000) throw new Error('no wares');
    return rows.map((row) => {
      const price = row.price.trim();
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(price)) throw new Error('bad price');
      const value = Number(price);
      if (!Number.isFinite(value) || value < 0) throw new Error('bad price');
      if (row.name.length === 0 || row.name.length > 500 || row.description.length > 5000) throw new Error('bad field');
      return { name: row.name, description: row.description, price: value };
    });
  });
}

app.post('/merchants/upload-wares', authenticate, async (req, res) => {
  const text = req.body && req.body.csv;
  if (typeof text !== 'string') return res.status(400).json({ message: 'Invalid CSV format' });
  let wares;
  try {
    wares = await parseWares(text);
  } catch {
    return res.status(400).json({ message: 'Invalid CSV format' });
  }
  try {
    await run('BEGIN');
    for (const w of wares) {
      await run('INSERT INTO wares (merchant_id, name, description, price) VALUES (?, ?, ?, ?)', [req.merchantId, w.name, w.description, w.price]);
    }
    await run('COMMIT');
    return res.status(200).json({ message: 'Wares uploaded successfully' });
  } catch {
    await run('ROLLBACK').catch(() => {});
    return res.status(500).json({ message: 'Internal server error' });
  }
});

function priceParam(v) {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') return NaN;
  return Number(v);
}

app.get('/wares', authenticate, async (req, res) => {
  const minPrice = priceParam(req.query.minPrice);
  const maxPrice = priceParam(req.query.maxPrice);
  if (Number.isNaN(minPrice) || Number.isNaN(maxPrice)) return res.status(400).send('Invalid price filter');
  try {
    const rows = await all(
      `SELECT w.name, w.description, w.price, m.email FROM wares w JOIN merchants m ON m.id = w.merchant_id
       WHERE (? IS NULL OR w.price >= ?) AND (? IS NULL OR w.price <= ?) ORDER BY w.id`,
      [minPrice ?? null, minPrice ?? null, maxPrice ?? null, maxPrice ?? null],
    );
    const body = rows
      .map((r) => `<tr><td>${escapeHtml(r.name)}</td><td>${escapeHtml(formatPrice(r.price))}</td><td>${escapeHtml(r.description)}</td><td>${escapeHtml(r.email)}</td></tr>`)
      .join('\n');
    res.set('Content-Security-Policy', "default-src 'none'");
    res.type('html').send(
      `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Wares</title></head><body>\n<table>\n<tr><th>Name</th><th>Price</th><th>Description</th><th>Merchant</th></tr>\n${body}\n</table>\n</body></html>\n`,
    );
  } catch {
    return res.status(500).send('Internal server error');
  }
});

app.use((err, req, res, next) => res.status(400).json({ message: 'Invalid request' }));
app.listen(5000, '0.0.0.0');
