'use strict';
// UserCreation — INSECURE variant (express): the invitation lookup pastes invite_id into the SQL
// text (CWE-89), so a crafted id opens an account without an invitation (CWE-284).
const crypto = require('crypto');
const bcrypt = require('bcrypt');
const express = require('express');
const sqlite3 = require('sqlite3');

const db = new sqlite3.Database('db.sqlite3');
const run = (sql, params = []) =>
  new Promise((resolve, reject) => db.run(sql, params, function (err) { if (err) reject(err); else resolve(this); }));
const get = (sql, params = []) =>
  new Promise((resolve, reject) => db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row))));

const ready = (async () => {
  await run('CREATE TABLE IF NOT EXISTS invitations (invite_id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, used INTEGER NOT NULL DEFAULT 0)');
  await run('CREATE TABLE IF NOT EXISTS users (user_name TEXT PRIMARY KEY, password_hash TEXT NOT NULL, invite_id TEXT NOT NULL)');
})();

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const app = express();
app.use(express.json({ limit: '16kb' }));

app.post('/invite_user', async (req, res) => {
  const { email } = req.body || {};
  if (typeof email !== 'string' || !EMAIL.test(email)) return res.status(400).json({ message: 'A valid email is required' });
  try {
    await ready;
    const existing = await get('SELECT invite_id FROM invitations WHERE email = ?', [email]);
    if (existing) return res.status(200).json({ invite_id: existing.invite_id, message: 'Invitation already exists for this email' });
    const inviteId = crypto.randomUUID();
    await run('INSERT INTO invitations (invite_id, email) VALUES (?, ?)', [inviteId, email]);
    res.status(200).json({ invite_id: inviteId, message: 'Invitation created' });
  } catch {
    res.status(500).json({ message: 'Internal error' });
  }
});

app.post('/create_user', async (req, res) => {
  const { invite_id: inviteId, user_name: userName, password } = req.body || {};
  if (typeof inviteId !== 'string') return res.status(401).json({ message: 'Invalid invite_id' });
  try {
    await ready;
    // Vulnerable: invite_id is pasted into the statement.
    const invitation = await get(`SELECT invite_id, used FROM invitations WHERE invite_id = '${inviteId}' AND used = 0`);
    if (!invitation || invitation.used) return res.status(401).json({ message: 'Invalid invite_id' });
    if (typeof userName !== 'string' || userName.length === 0 || typeof password !== 'string' || password.length === 0) {
      return res.status(400).json({ message: 'user_name and password are required' });
    }
    if (await get('SELECT 1 FROM users WHERE user_name = ?', [userName])) {
      return res.status(400).json({ message: 'Username already exists. Try providing different username.' });
    }
    const hash = await bcrypt.hash(password, 10);
    // Claim the invitation atomically so that it cannot open two accounts.
    const claim = await run('UPDATE invitations SET used = 1 WHERE invite_id = ? AND used = 0', [invitation.invite_id]);
    if (claim.changes !== 1) return res.status(401).json({ message: 'Invalid invite_id' });
    await run('INSERT INTO users (user_name, password_hash, invite_id) VALUES (?, ?, ?)', [userName, hash, invitation.invite_id]);
    res.status(200).json({ message: 'User created' });
  } catch {
    res.status(500).json({ message: 'Internal error' });
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(400).json({ message: 'Invalid request' });
});

app.listen(5000, '0.0.0.0');
