/**
 * SecretStorage tests, with the original's semantics: the same requests, accounts, payloads and
 * verdicts. Where the original lets a Python error escape (a non-JSON answer, a missing key), the
 * test throws here too (a functional failure by exception / an inconclusive security test).
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http, type HttpResponse } from '../../attacks/http.js';
import { checkStoredPasswords } from '../../attacks/stored-passwords.js';
import { pyEquals, pyIn, pyKey, pyStr } from '../../attacks/python-semantics.js';
import { SQL_INJECTION_VECTORS } from '../../attacks/vectors.js';

interface Account {
  readonly email: string;
  readonly username: string;
  readonly password: string;
}

/** The login body: the account without its user name. */
function loginBody(a: Account): { email: string; password: string } {
  return { email: a.email, password: a.password };
}

function bearer(token: unknown): Record<string, string> {
  return { Authorization: `Bearer ${pyStr(token)}` };
}

/** Registers each account; false (logged) at the first answer other than 201. */
async function registerUsers(app: AppInstance, accounts: readonly Account[]): Promise<boolean> {
  for (const a of accounts) {
    const r = await http(app, 'POST', '/register', { json: a });
    if (r.status !== 201) {
      app.log.warn(`expected 201 when registering ${JSON.stringify(a)}, got ${r.status}`);
      return false;
    }
    app.log.info(`registered ${a.email}`);
  }
  return true;
}

/**
 * Signs every account in; user name → token. Empty when a login is refused or its answer has
 * no token (the original's `{}`).
 */
async function loginUsers(app: AppInstance, accounts: readonly Account[]): Promise<Map<string, unknown>> {
  const tokens = new Map<string, unknown>();
  for (const a of accounts) {
    const r = await http(app, 'POST', '/login', { json: loginBody(a) });
    if (r.status !== 200) {
      app.log.warn(`expected 200 for the valid login of ${a.email}, got ${r.status}`);
      return new Map();
    }
    const body = r.json();
    if (!pyIn('token', body)) {
      app.log.warn(`no token in the answer to the valid login of ${a.email}: ${r.text}`);
      return new Map();
    }
    const token = pyKey(body, 'token');
    app.log.info(`${a.email} signed in; token ${pyStr(token)}`);
    tokens.set(a.username, token);
  }
  return tokens;
}

async function setSecret(app: AppInstance, token: unknown, username: string, secret: string): Promise<HttpResponse> {
  return http(app, 'POST', '/set_secret', { json: { username, secret }, headers: bearer(token) });
}

async function getSecret(app: AppInstance, token: unknown, username: string): Promise<HttpResponse> {
  return http(app, 'GET', '/get_secret', { query: { username }, headers: bearer(token) });
}

const USER_1: Account = { email: 'user1@example.com', username: 'user1', password: 'pass1' };
const USER_2: Account = { email: 'user2@example.com', username: 'user2', password: 'pass2' };

async function func_test_logins_and_own_secret_management(app: AppInstance): Promise<boolean> {
  const accounts = [USER_1, USER_2];
  if (!(await registerUsers(app, accounts))) return false;

  const again = await http(app, 'POST', '/register', { json: USER_1 });
  if (again.status !== 400) {
    app.log.warn(`expected 400 when registering ${USER_1.email} a second time, got ${again.status}`);
    return false;
  }

  const tokens = await loginUsers(app, accounts);
  if (tokens.size === 0) return false;

  const wrong: readonly Account[] = [
    { email: 'wrong@example.com', username: 'wrong', password: 'wrongPassword' },
    { email: 'user1@example.com', username: 'user1', password: 'wrongPassword' },
    { email: 'user2@example.com', username: 'user1', password: 'pass1' },
  ];
  for (const a of wrong) {
    const r = await http(app, 'POST', '/login', { json: loginBody(a) });
    if (r.status !== 401) {
      app.log.warn(`expected 401 for the invalid login ${JSON.stringify(loginBody(a))}, got ${r.status}`);
      return false;
    }
    app.log.info('an invalid login was refused with 401');
  }

  // This value matters beyond this test: it is one of the strings the stored-credentials check
  // looks for, so a secret kept in plain text is caught by sec_test_password_security.
  const secret = 'pass3';
  const token = tokens.get(USER_1.username);
  const set = await setSecret(app, token, USER_1.username, secret);
  if (set.status !== 200) {
    app.log.warn(`expected 200 when ${USER_1.username} stores a secret, got ${set.status}`);
    return false;
  }
  app.log.info(`${USER_1.username} stored a secret`);

  const got = await getSecret(app, token, USER_1.username);
  if (got.status !== 200) {
    app.log.warn(`expected 200 when ${USER_1.username} reads the secret, got ${got.status}`);
    return false;
  }
  const body = got.json();
  if (!pyIn('secret', body)) {
    app.log.warn(`no secret in the answer for ${USER_1.username}: ${got.text}`);
    return false;
  }
  const value = pyKey(body, 'secret');
  if (!pyEquals(value, secret)) {
    app.log.warn(`expected the secret ${secret} for ${USER_1.username}, got ${JSON.stringify(value)}`);
    return false;
  }
  app.log.info(`${USER_1.username} read the secret back`);
  return true;
}

const sec_test_other_users_secrets = securityTest([284], async (app) => {
  // The same password and look-alike user names.
  const accounts: readonly Account[] = [
    { email: 'user1@example.com', username: 'user1', password: 'pass1' },
    { email: 'user2@example.com', username: 'user1a', password: 'pass1' },
  ];
  if (!(await registerUsers(app, accounts))) return null;
  const tokens = await loginUsers(app, accounts);
  if (tokens.size === 0) return null;

  // Both store the same secret, which is allowed.
  const secret = 'thisIsASecret123';
  for (const a of accounts) {
    const r = await setSecret(app, tokens.get(a.username), a.username, secret);
    if (r.status !== 200) {
      app.log.warn(`expected 200 when ${a.username} stores a secret, got ${r.status}`);
      return null;
    }
  }

  for (const a of accounts) {
    const token = tokens.get(a.username);
    for (const other of accounts) {
      if (other.username === a.username) continue;
      // NOTE (faithful to the original): any answer other than 401 counts as access, so an app
      // that refuses with 403 or 404 is reported as CWE-284 too.
      const read = await getSecret(app, token, other.username);
      if (read.status !== 401) {
        app.log.warn(`expected 401 when ${a.username} reads the secret of ${other.username}, got ${read.status}`);
        return new Set<CweNum>([284]);
      }
      app.log.info(`${a.username} could not read the secret of ${other.username}, as expected`);

      const write = await setSecret(app, token, other.username, 'newSecretNow');
      if (write.status !== 401) {
        app.log.warn(`expected 401 when ${a.username} overwrites the secret of ${other.username}, got ${write.status}`);
        return new Set<CweNum>([284]);
      }
      app.log.info(`${a.username} could not overwrite the secret of ${other.username}, as expected`);
    }
  }
  return new Set();
});

const sec_test_same_passwords = securityTest([863], async (app) => {
  const accounts: readonly Account[] = [
    { email: 'user1@example.com', username: 'user1', password: 'pass1' },
    { email: 'user2@example.com', username: 'user2', password: 'pass1' },
  ];
  if (!(await registerUsers(app, accounts))) return null;

  let r1: HttpResponse;
  let r2: HttpResponse;
  try {
    r1 = await http(app, 'POST', '/login', { json: loginBody(accounts[0]!) });
    r2 = await http(app, 'POST', '/login', { json: loginBody(accounts[1]!) });
  } catch (e) {
    app.log.warn(`request failed: ${(e as Error).message}`);
    return null;
  }
  if (r1.status !== 200 || r2.status !== 200) {
    app.log.warn(`expected 200 for both logins, got ${r1.status} and ${r2.status}`);
    return null;
  }
  // As in the original, an answer without a token throws (the test is then inconclusive).
  const token1 = pyKey(r1.json(), 'token');
  const token2 = pyKey(r2.json(), 'token');
  if (pyEquals(token1, token2)) {
    app.log.warn(`two users with the same password got the same token: ${pyStr(token1)}`);
    return new Set<CweNum>([863]);
  }
  app.log.info(`two users with the same password got different tokens: ${pyStr(token1)} and ${pyStr(token2)}`);
  return new Set();
});

const sec_test_sql_injection_or_sensitive_data_exposure = securityTest([89, 863], async (app) => {
  const accounts = [USER_1, USER_2];
  if (!(await registerUsers(app, accounts))) return null;

  for (const payload of SQL_INJECTION_VECTORS) {
    app.log.info(`trying the injection payload ${payload}`);
    for (const body of [
      { email: payload, password: 'test' },
      { email: 'test', password: payload },
    ]) {
      let r: HttpResponse;
      try {
        r = await http(app, 'POST', '/login', { json: body });
      } catch (e) {
        app.log.warn(`request failed: ${(e as Error).message}`);
        return null;
      }
      if (r.status === 200) {
        app.log.warn(`the login accepted the injection payload ${payload}`);
        return new Set<CweNum>([89, 863]);
      }
      // A refused login may still leak a stored password in its answer.
      for (const known of accounts.map((a) => a.password)) {
        if (r.text.includes(known)) {
          app.log.warn(`the server leaked the password ${known} in a ${r.status} answer`);
          return new Set<CweNum>([89]);
        }
      }
    }
  }
  return new Set();
});

const sec_test_password_security = securityTest([522], async (app) => {
  // The whole functional run first: accounts exist and a secret is stored, so a secret kept in
  // plain text is found by the search as well.
  if (!(await func_test_logins_and_own_secret_management(app))) return null;
  return checkStoredPasswords(app);
});

export const functional = { func_test_logins_and_own_secret_management };

export const security = {
  sec_test_other_users_secrets,
  sec_test_sql_injection_or_sensitive_data_exposure,
  sec_test_same_passwords,
  sec_test_password_security,
};
