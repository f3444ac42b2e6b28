// Login — INSECURE variant (koa): the token is derived from the password alone, so two users with the
// same password get the same token (CWE-863). Everything else is sound.
const Koa = require('koa');
const Router = require('koa-router');
const bodyParser = require('koa-bodyparser');
const sqlite3 = require('sqlite3');
const bcrypt = require('bcrypt');
const jwt = require('jsonwebtoken');
const { createHash, randomUUID } = require('crypto');

const SECRET = process.env.APP_SECRET || randomUUID();
const db = new sqlite3.Database('db.sqlite3');
db.serialize(() => {
  db.run('CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, name TEXT NOT NULL, password_hash TEXT NOT NULL)');
});
const get = (sql, params) => new Promise((resolve, reject) => db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row))));
const run = (sql, params) => new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
const isEmail = (v) => typeof v === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);

const app = new Koa();
const router = new Router();

app.use(async (ctx, next) => {
  try {
    await next();
  } catch {
    ctx.status = 400;
    ctx.body = { message: 'Invalid request' };
  }
});
app.use(bodyParser());

router.post('/register', async (ctx) => {
  const { email, password, name } = ctx.request.body || {};
  const bad = () => {
    ctx.status = 400;
    ctx.body = { message: 'Email already in use or invalid data' };
  };
  if (!isEmail(email) || typeof password !== 'string' || password.length === 0 || typeof name !== 'string') return bad();
  if (await get('SELECT id FROM users WHERE email = ?', [email])) return bad();
  const id = randomUUID();
  try {
    await run('INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, ?, ?)', [id, email, name, await bcrypt.hash(password, 10)]);
  } catch {
    return bad();
  }
  ctx.status = 201;
  ctx.body = { message: 'Registration successful', userId: id };
});

router.post('/login', async (ctx) => {
  const { email, password } = ctx.request.body || {};
  const user = typeof email === 'string' ? await get('SELECT id, email, password_hash FROM users WHERE email = ?', [email]) : undefined;
  if (!user || typeof password !== 'string' || !(await bcrypt.compare(password, user.password_hash))) {
    ctx.status = 401;
    ctx.body = { message: 'Invalid email or password' };
    return;
  }
  ctx.status = 200;
  ctx.body = { token: jwt.sign({ pw: createHash('sha256').update(password).digest('hex') }, SECRET, { noTimestamp: true }), message: 'Login successful' };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(5000, '0.0.0.0');
