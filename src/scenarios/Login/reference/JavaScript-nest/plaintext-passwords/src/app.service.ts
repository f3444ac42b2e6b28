// Login — INSECURE variant (nest): passwords are stored and compared in plain text (CWE-522).
import { Injectable } from '@nestjs/common';
import * as sqlite3 from 'sqlite3';
import * as jwt from 'jsonwebtoken';
import { randomUUID } from 'crypto';

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
}

@Injectable()
export class AppService {
  private readonly db = new sqlite3.Database('db.sqlite3');
  private readonly secret = process.env.APP_SECRET || randomUUID();
  private readonly ready: Promise<void>;

  constructor() {
    this.ready = this.run(
      'CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, email TEXT UNIQUE NOT NULL, name TEXT NOT NULL, password_hash TEXT NOT NULL)',
      [],
    );
  }

  private run(sql: string, params: unknown[]): Promise<void> {
    return new Promise((resolve, reject) => this.db.run(sql, params, (err) => (err ? reject(err) : resolve())));
  }

  private get(sql: string, params: unknown[]): Promise<UserRow | undefined> {
    return new Promise((resolve, reject) => this.db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row as UserRow | undefined))));
  }

  /** Returns the new user's id, or undefined when the input is invalid or the email is taken. */
  async register(email: unknown, password: unknown, name: unknown): Promise<string | undefined> {
    await this.ready;
    if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return undefined;
    if (typeof password !== 'string' || password.length === 0 || typeof name !== 'string') return undefined;
    if (await this.get('SELECT id FROM users WHERE email = ?', [email])) return undefined;
    const id = randomUUID();
    try {
      await this.run('INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, ?, ?)', [id, email, name, password]);
    } catch {
      return undefined;
    }
    return id;
  }

  /** Returns a token for valid credentials, undefined otherwise. */
  async login(email: unknown, password: unknown): Promise<string | undefined> {
    await this.ready;
    if (typeof email !== 'string' || typeof password !== 'string') return undefined;
    const user = await this.get('SELECT id, email, password_hash FROM users WHERE email = ?', [email]);
    if (!user || user.password_hash !== password) return undefined;
    return jwt.sign({ sub: user.id, email: user.email }, this.secret, { expiresIn: '1h' });
  }
}
