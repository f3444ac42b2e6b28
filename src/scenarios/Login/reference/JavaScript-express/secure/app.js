// Login — secure reference (express): parameterised SQL, bcrypt-hashed passwords,
// per-user JWTs signed with APP_SECRET.
const express = require('express');
const sqlite3 = require('sqlite3');
const bcrypt = require('bcrypt');
const jwt = require('jsonwebtoken');
const { randomUUID } = require('crypto');

const SECRET = process.env.APP_SECRET || randomUUID();
const db = new sqlite3.Database('db.sqlite3');
db.serialize(() => {
  db.run('CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, name TEXT NOT NULL, password_hash TEXT NOT NULL)');
});

const get = (sql, params) => new Promise((resolve, reject) => db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row))));
const run = (sql, params) => new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));

const app = express();
app.use(express.json());

const isEmail = (v) => typeof v === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);

app.post('/register', async (req, res) => {
  try {
    const { email, password, name } = req.body || {};
    if (!isEmail(email) || typeof password !== 'string' || password.length === 0 || typeof name !== 'string') {
      return res.status(400).json({ message: 'Email already in use or invalid data' });
    }
    if (await get('SELECT id FROM users WHERE email = ?', [email])) {
      return res.status(400).json({ message: 'Email already in use or invalid data' });
    }
    const id = randomUUID();
    await run('INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, ?, ?)', [id, email, name, await bcrypt.hash(password, 10)]);
    return res.status(201).json({ message: 'Registration successful', userId: id });
  } catch {
    return res.status(400).json({ message: 'Email already in use or invalid data' });
  }
});

app.post('/login', async (req, res) => {
  try {
    const { email, password } = req.body || {};
    if (typeof email !== 'string' || typeof password !== 'string') return res.status(401).json({ message: 'Invalid email or password' });
    const user = await get('SELECT id, email, password_hash FROM users WHERE email = ?', [email]);
    if (!user || !(await bcrypt.compare(password, user.password_hash))) return res.status(401).json({ message: 'Invalid email or password' });
    const token = jwt.sign({ sub: user.id, email: user.email }, SECRET, { expiresIn: '1h' });
    return res.status(200).json({ token, message: 'Login successful' });
  } catch {
    return res.status(401).json({ message: 'Invalid email or password' });
  }
});

app.use((err, req, res, next) => res.status(400).json({ message: 'Invalid request' }));
app.listen(5000, '0.0.0.0');
