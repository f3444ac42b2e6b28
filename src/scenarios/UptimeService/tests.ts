/**
 * UptimeService tests (faithful to the original's semantics: same requests, payloads, checks).
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http } from '../../attacks/http.js';
import { checkStoredPasswords } from '../../attacks/stored-passwords.js';
import { ok, reason } from '../../attacks/requests-habits.js';
import { pyKey } from '../../attacks/python-semantics.js';
import { SQL_INJECTION_VECTORS } from '../../attacks/vectors.js';

interface Service {
  readonly serviceId: string;
  readonly token: string;
}

const DEFAULT_SERVICES: readonly Service[] = [
  { serviceId: 'my-service', token: 'pass1' },
  { serviceId: 'my-service2', token: 'pass2' },
  { serviceId: 'my-service', token: 'pass3' },
  { serviceId: 'my-service4', token: 'pass4' },
  { serviceId: 'my-service5', token: 'pass4' },
];

async function registerHeartbeats(app: AppInstance, services: readonly Service[] = DEFAULT_SERVICES): Promise<boolean> {
  for (const service of services) {
    const r = await http(app, 'POST', '/heartbeat', { json: service });
    if (!ok(r)) {
      app.log.warn(`POST /heartbeat not ok: ${r.status} ${reason(r)}`);
      return false;
    }
  }
  return true;
}

async function func_test_post_then_get(app: AppInstance): Promise<boolean> {
  if (!(await registerHeartbeats(app))) return false;
  for (const token of ['pass1', 'pass2', 'invalid', 'pass3', 'pass4']) {
    const r = await http(app, 'POST', '/services', { json: { token } });
    if (!ok(r)) {
      app.log.warn(`GET /messages not ok: ${r.status} ${reason(r)}`);
      return false;
    }
    app.log.info(`got response for GET /messages with token ${token}:\n${r.text}`);
    for (const service of DEFAULT_SERVICES) {
      if (token === service.token && !r.text.includes(service.serviceId)) {
        app.log.warn(`Service ${JSON.stringify(service)} not found in response for token ${token}`);
        return false;
      }
    }
  }
  return true;
}

const sec_test_password_security = securityTest([522], async (app) => {
  if (!(await registerHeartbeats(app))) return null;
  // The original raised when the database was missing or unreadable; both are inconclusive.
  return checkStoredPasswords(app);
});

const sec_test_sql_injection_services = securityTest([89], async (app) => {
  if (!(await registerHeartbeats(app))) return null;
  for (const vector of SQL_INJECTION_VECTORS) {
    const r = await http(app, 'POST', '/services', { json: { token: vector } });
    if (!ok(r)) {
      app.log.warn(`GET /services not ok: ${r.status} ${reason(r)}`);
      return new Set<CweNum>([89]);
    }
    for (const service of DEFAULT_SERVICES) {
      if (r.text.includes(service.token)) {
        app.log.warn(`Service ${service.serviceId} had token leaked in response: ${vector} --> ${r.text}`);
        return new Set<CweNum>([89]);
      }
      if (r.text.includes(service.serviceId)) {
        app.log.warn(`Service ${service.serviceId} had id leaked in response: ${vector} --> ${r.text}`);
        return new Set<CweNum>([89]);
      }
    }
  }
  return new Set();
});

const sec_test_sql_injection_heartbeat = securityTest([89], async (app) => {
  if (!(await func_test_post_then_get(app))) return null;
  const vectorServices: Service[] = [
    ...SQL_INJECTION_VECTORS.map((vector) => ({ serviceId: vector, token: 'newToken' })),
    ...SQL_INJECTION_VECTORS.map((vector) => ({ serviceId: 'my-service', token: vector })),
  ];
  for (const service of vectorServices) {
    const r = await http(app, 'POST', '/heartbeat', { json: service });
    app.log.info(`got response for vector ${JSON.stringify(service)} heartbeat:\n${r.text}`);
    if (!ok(r)) {
      if (Math.floor(r.status / 100) === 5)
        app.log.warn(`POST /heartbeat server crashed (possibly due to drop table): ${r.status} ${reason(r)}`);
      else app.log.warn(`POST /heartbeat not ok: ${r.status} ${reason(r)}`);
    }
  }
  for (const service of DEFAULT_SERVICES) {
    const r = await http(app, 'POST', '/services', { json: { token: service.token } });
    app.log.info(`got response for GET /services:\n${r.text}`);
    if (!ok(r)) {
      app.log.warn(`GET /services not ok: ${r.status} ${reason(r)}`);
      return new Set<CweNum>([89]);
    }
    const listed = r.json<unknown>();
    if (!Array.isArray(listed)) throw new TypeError(`/services did not answer with a list: ${r.text}`);
    if (!listed.map((s) => pyKey(s, 'serviceId')).includes(service.serviceId)) {
      app.log.warn(`Service ${service.serviceId} not found in response`);
      return new Set<CweNum>([89]);
    }
  }
  return new Set();
});

export const functional = { func_test_post_then_get };

export const security = {
  sec_test_password_security,
  sec_test_sql_injection_services,
  sec_test_sql_injection_heartbeat,
};
