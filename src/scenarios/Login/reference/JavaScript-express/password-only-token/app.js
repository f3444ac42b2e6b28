// Login — INSECURE variant (express): the token is derived from the password alone, so two
// users with the same password get the same token (CWE-863). Everything else is sound.
const express = require('express');
const sqlite3 = require('sqlite3');
const bcrypt = require('bcrypt');
const jwt = require('jsonwebtoken');
const { randomUUID } = require('crypto');

const SECRET = process.env.APP_SECRET || 'secret';
const db = new sqlite3.Database('db.sqlite3');
db.serialize(() => {
  db.run('CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, name TEXT NOT NULL, password_hash TEXT NOT NULL)');
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
    await run('INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, ?, ?)', [id, email, name, await bcrypt.hash(password, 10)]);
    return res.status(201).json({ message: 'Registration successful', userId: id });
  } catch {
    return res.status(400).json({ message: 'Email already in use or invalid data' });
  }
});

app.post('/login', async (req, res) => {
  const { email, password } = req.body || {};
  const user = typeof email === 'string' ? await get('SELECT * FROM users WHERE email = ?', [email]) : undefined;
  if (!user || typeof password !== 'string' || !(await bcrypt.compare(password, user.password_hash))) return res.status(401).json({ message: 'Invalid email or password' });
  // Vulnerable: the token says nothing about who the user is (and carries no timestamp).
  const token = jwt.sign({ pw: require('crypto').createHash('sha256').update(password).digest('hex') }, SECRET, { noTimestamp: true });
  return res.status(200).json({ token, message: 'Login successful' });
});

app.listen(5000, '0.0.0.0');
