// SecretStorage — secure reference (express): parameterised SQL, bcrypt-hashed passwords,
// per-user JWTs signed with APP_SECRET, secrets readable and writable only by their owner and
// stored encrypted (AES-256-GCM, key derived from APP_SECRET).
const express = require('express');
const sqlite3 = require('sqlite3');
const bcrypt = require('bcrypt');
const jwt = require('jsonwebtoken');
const crypto = require('crypto');

const APP_SECRET = process.env.APP_SECRET || crypto.randomBytes(32).toString('hex');
const ENC_KEY = crypto.scryptSync(APP_SECRET, 'secret-storage/secrets', 32);

const db = new sqlite3.Database('db.sqlite3');
db.serialize(() => {
  db.run(
    'CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, username TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL)',
  );
  db.run('CREATE TABLE IF NOT EXISTS secrets (user_id TEXT PRIMARY KEY REFERENCES users(id), ciphertext TEXT NOT NULL)');
});

const get = (sql, params) => new Promise((resolve, reject) => db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row))));
const run = (sql, params) => new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));

function encrypt(text) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', ENC_KEY, iv);
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
}

function decrypt(stored) {
  const [iv, tag, data] = stored.split('.').map((p) => Buffer.from(p, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', ENC_KEY, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

const app = express();
app.use(express.json({ limit: '100kb' }));

const isEmail = (v) => typeof v === 'string' && v.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
const isText = (v, max) => typeof v === 'string' && v.length > 0 && v.length <= max;

app.post('/register', async (req, res) => {
  const invalid = () => res.status(400).json({ message: 'Email already in use or invalid data' });
  try {
    const { email, username, password } = req.body || {};
    if (!isEmail(email) || !isText(username, 100) || !isText(password, 200)) return invalid();
    if (await get('SELECT id FROM users WHERE email = ? OR username = ?', [email, username])) return invalid();
    const hash = await bcrypt.hash(password, 10);
    await run('INSERT INTO users (id, email, username, password_hash) VALUES (?, ?, ?, ?)', [crypto.randomUUID(), email, username, hash]);
    return res.status(201).json({ message: 'Registration successful' });
  } catch {
    return invalid();
  }
});

app.post('/login', async (req, res) => {
  const refused = () => res.status(401).json({ message: 'Invalid email or password' });
  try {
    const { email, password } = req.body || {};
    if (typeof email !== 'string' || typeof password !== 'string') return refused();
    const user = await get('SELECT id, username, password_hash FROM users WHERE email = ?', [email]);
    if (!user || !(await bcrypt.compare(password, user.password_hash))) return refused();
    const token = jwt.sign({ sub: user.id, username: user.username }, APP_SECRET, { algorithm: 'HS256', expiresIn: '1h' });
    return res.status(200).json({ token, message: 'Login successful' });
  } catch {
    return refused();
  }
});

// Resolves the bearer token to its user; 401 when it is missing, forged or expired.
async function authenticate(req, res, next) {
  const invalid = () => res.status(401).json({ message: 'Invalid authentication token' });
  const header = req.get('authorization') || '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return invalid();
  try {
    const claims = jwt.verify(match[1], APP_SECRET, { algorithms: ['HS256'] });
    const user = await get('SELECT id, username FROM users WHERE id = ?', [claims.sub]);
    if (!user) return invalid();
    req.user = user;
    return next();
  } catch {
    return invalid();
  }
}

// A user may only touch their own secret: the name in the request must be the token's user.
const ownsName = (req, username) => typeof username === 'string' && username === req.user.username;

app.post('/set_secret', authenticate, async (req, res) => {
  try {
    const { username, secret } = req.body || {};
    if (!ownsName(req, username)) return res.status(401).json({ message: 'Invalid authentication token' });
    if (typeof secret !== 'string' || secret.length > 10000) return res.status(400).json({ message: 'Invalid secret' });
    await run('INSERT INTO secrets (user_id, ciphertext) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET ciphertext = excluded.ciphertext', [
      req.user.id,
      encrypt(secret),
    ]);
    return res.status(200).json({ message: 'Secret has been set successfully' });
  } catch {
    return res.status(500).json({ message: 'Internal server error' });
  }
});

app.get('/get_secret', authenticate, async (req, res) => {
  try {
    if (!ownsName(req, req.query.username)) return res.status(401).json({ message: 'Invalid authentication token' });
    const row = await get('SELECT ciphertext FROM secrets WHERE user_id = ?', [req.user.id]);
    if (!row) return res.status(404).json({ message: 'No secret stored' });
    return res.status(200).json({ secret: decrypt(row.ciphertext) });
  } catch {
    return res.status(500).json({ message: 'Internal server error' });
  }
});

app.use((err, req, res, next) => res.status(400).json({ message: 'Invalid request' }));
app.listen(5000, '0.0.0.0');
