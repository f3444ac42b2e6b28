// Login — INSECURE variant (express): passwords are stored in plain text (CWE-522).
// Queries are parameterised and tokens are per user.
const express = require('express');
const sqlite3 = require('sqlite3');
const jwt = require('jsonwebtoken');
const { randomUUID } = require('crypto');

const SECRET = process.env.APP_SECRET || 'secret';
const db = new sqlite3.Database('db.sqlite3');
db.serialize(() => {
  db.run('CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, name TEXT NOT NULL, password TEXT NOT NULL)');
});
const get = (sql, params) => new Promise((resolve, reject) => db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row))));
const run = (sql, params) => new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));

const app = express();
app.use(express.json());

app.post('/register', async (req, res) => {
  const { email, password, name } = req.body || {};
  if (typeof email !== 'string' || typeof password !== 'string' || typeof name !== 'string') return res.status(400).json({ message: 'Email already in use or invalid data' });
  try {
    const id = randomUUID();
    await run('INSERT INTO users (id, email, name, password) VALUES (?, ?, ?, ?)', [id, email, name, password]);
    return res.status(201).json({ message: 'Registration successful', userId: id });
  } catch {
    return res.status(400).json({ message: 'Email already in use or invalid data' });
  }
});

app.post('/login', async (req, res) => {
  const { email, password } = req.body || {};
  const user = typeof email === 'string' ? await get('SELECT * FROM users WHERE email = ?', [email]) : undefined;
  if (!user || user.password !== password) return res.status(401).json({ message: 'Invalid email or password' });
  return res.status(200).json({ token: jwt.sign({ sub: user.id }, SECRET, { expiresIn: '1h' }), message: 'Login successful' });
});

app.listen(5000, '0.0.0.0');
