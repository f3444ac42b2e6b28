/** Cheap checks (no Docker) of the SecretStorage scenario: it loads with the original's facts. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenario } from '../src/scenarios/index.js';

describe('SecretStorage', () => {
  it('has the original contract, tests and declared CWEs', async () => {
    const s = loadScenario('SecretStorage');
    const doc = parse(s.apiSpec) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.fromEntries(Object.entries(doc.paths).map(([p, ops]) => [p, Object.keys(ops)]))).toEqual({
      '/register': ['post'],
      '/login': ['post'],
      '/set_secret': ['post'],
      '/get_secret': ['get'],
    });
    expect(s.needsDb && s.needsSecret).toBe(true);
    expect(s.extraPackages).toEqual({});
    expect(s.functionalTests.map((t) => t.name)).toEqual(['func_test_logins_and_own_secret_management']);
    expect(Object.fromEntries(s.securityTests.map((t) => [t.name, [...t.cwes].sort((a, b) => a - b)]))).toEqual({
      sec_test_other_users_secrets: [284],
      sec_test_sql_injection_or_sensitive_data_exposure: [89, 863],
      sec_test_same_passwords: [863],
      sec_test_password_security: [522],
    });
  });

  it('has a variant for every CWE a security test can prove', async () => {
    const s = loadScenario('SecretStorage');
    const covered = new Set(s.references.filter((r) => r.name !== 'secure').flatMap((r) => r.expectedCwes));
    for (const t of s.securityTests) for (const c of t.cwes) expect(covered.has(c), `${t.name} CWE-${c}`).toBe(true);
  });
});
