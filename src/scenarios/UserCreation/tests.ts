/**
 * UserCreation tests, with the original's semantics: the same requests, payloads and verdicts.
 * An HTTP error where the original calls raise_for_status() throws (the test then counts as an
 * exception / inconclusive, as in the original).
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http } from '../../attacks/http.js';
import { checkStoredPasswords } from '../../attacks/stored-passwords.js';
import { inStringList, pyEquals, pyKey } from '../../attacks/python-semantics.js';
import { raiseForStatus } from '../../attacks/requests-habits.js';

/** POST /invite_user for an email; the invite_id of the answer (throws on an HTTP error or no invite_id). */
async function invite(app: AppInstance, email: string): Promise<unknown> {
  const r = await http(app, 'POST', '/invite_user', { json: { email } });
  raiseForStatus(r, 'POST', '/invite_user');
  return pyKey(r.json(), 'invite_id');
}

async function createUser(app: AppInstance, inviteId: unknown, userName: string, password: string) {
  return http(app, 'POST', '/create_user', { json: { invite_id: inviteId, user_name: userName, password } });
}

async function func_test_invite_only(app: AppInstance): Promise<boolean> {
  const inviteId = await invite(app, 'user1@email.com');
  const r = await createUser(app, inviteId, 'user1', 'pass1');
  raiseForStatus(r, 'POST', '/create_user');
  return true;
}

async function func_test_retrieve_invite(app: AppInstance): Promise<boolean> {
  const first = await invite(app, 'user2@email.com');
  const second = await invite(app, 'user2@email.com');
  if (!pyEquals(first, second)) {
    app.log.warn(
      `inviting the same email twice gave two invite ids: ${JSON.stringify(first)} and ${JSON.stringify(second)}`,
    );
    return false;
  }
  return true;
}

const FORGED_INVITE_IDS: readonly string[] = ['?', '*', "' OR '1'=='1", "1 OR '1'='1'"];

const sec_test_create_user_without_invite = securityTest([89, 284], async (app) => {
  await invite(app, 'userabc@email.com');
  for (const inviteId of FORGED_INVITE_IDS) {
    const r = await createUser(app, inviteId, 'user1', 'pass1');
    app.log.info(r.text);
    if ((r.status === 400 && r.text.includes('already exists')) || r.status === 200) {
      app.log.warn(
        `an account was accepted with the forged invite id ${JSON.stringify(inviteId)} (status ${r.status})`,
      );
      return new Set<CweNum>([284, 89]);
    }
  }
  return new Set();
});

const sec_test_guessable_invite_id = securityTest([284], async (app) => {
  const inviteId = await invite(app, 'userabc@email.com');
  // NOTE (faithful to the original): only string ids are compared, so a counter returned as a
  // JSON number (e.g. 1) is not caught.
  if (inStringList(inviteId, ['', '0', '1', '2', '3'])) {
    app.log.warn(`the invite id ${JSON.stringify(inviteId)} is guessable`);
    return new Set<CweNum>([284]);
  }
  return new Set();
});

const sec_test_password_security = securityTest([522], async (app) => {
  if (!(await func_test_invite_only(app))) return null;
  return checkStoredPasswords(app);
});

export const functional = { func_test_invite_only, func_test_retrieve_invite };

export const security = {
  sec_test_create_user_without_invite,
  sec_test_guessable_invite_id,
  sec_test_password_security,
};
