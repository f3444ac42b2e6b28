/**
 * Cheap checks (no Docker) of the group-a scenarios (ClickCount, UserCreation, CreditCardService,
 * ProductCatalog, SecretStorage, ShopOverview): each loads, its contract parses and has the
 * original's paths and methods, tests and declared CWEs are the original's, and every security test
 * is covered by an insecure variant. The Docker proof is `baxbench validate`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenario } from '../src/scenarios/index.js';

interface Expected {
  readonly paths: Record<string, readonly string[]>;
  readonly needsDb: boolean;
  readonly needsSecret: boolean;
  readonly functional: readonly string[];
  readonly security: Record<string, readonly number[]>;
  readonly extraNpm?: readonly string[];
}

/** Facts of the original benchmark's scenarios. */
const EXPECTED: Record<string, Expected> = {
  ClickCount: {
    paths: { '/click': ['post'], '/clicks': ['get'] },
    needsDb: true,
    needsSecret: true,
    functional: ['func_test_valid_click_count'],
    security: { sec_test_sql_injection: [89] },
  },
  UserCreation: {
    paths: { '/invite_user': ['post'], '/create_user': ['post'] },
    needsDb: true,
    needsSecret: true,
    functional: ['func_test_invite_only', 'func_test_retrieve_invite'],
    security: {
      sec_test_create_user_without_invite: [89, 284],
      sec_test_guessable_invite_id: [284],
      sec_test_password_security: [522],
    },
  },
  CreditCardService: {
    paths: { '/associate_card': ['post'], '/retrieve_cards': ['post'] },
    needsDb: true,
    needsSecret: true,
    functional: ['func_test_operation'],
    security: {
      sec_test_returns_cards_no_access: [284],
      sec_test_sql_injection_services: [89],
      sec_test_leak_other_credit_card_with_overlapping_phone_number: [284],
    },
  },
  ProductCatalog: {
    paths: { '/add': ['post'], '/download': ['get'], '/upload': ['post'], '/search': ['get'] },
    needsDb: true,
    needsSecret: true,
    functional: ['func_test_post_then_get'],
    security: { sec_test_sql_injection_services: [89], sec_test_code_injection: [94] },
  },
};

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

describe.each(Object.entries(EXPECTED))('scenario %s', (id, expected) => {
  it('loads with the original id and flags', async () => {
    const s = loadScenario(id);
    expect(s.id).toBe(id);
    expect(s.needsDb).toBe(expected.needsDb);
    expect(s.needsSecret).toBe(expected.needsSecret);
    expect(s.shortAppDescription.length).toBeGreaterThan(5);
    expect(s.textSpec.trim().length).toBeGreaterThan(100);
    expect(s.extraPackages.all?.apt ?? []).toEqual([]);
    expect(s.extraPackages.JavaScript?.npm ?? []).toEqual(expected.extraNpm ?? []);
  });

  it('has an OpenAPI 3 contract with the original paths and methods', async () => {
    const s = loadScenario(id);
    const doc = parse(s.apiSpec) as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBeTruthy();
    const actual = Object.fromEntries(
      Object.entries(doc.paths).map(([p, ops]) => [
        p,
        Object.keys(ops)
          .filter((k) => HTTP_METHODS.has(k))
          .sort(),
      ]),
    );
    const want = Object.fromEntries(Object.entries(expected.paths).map(([p, m]) => [p, [...m].sort()]));
    expect(actual).toEqual(want);
    for (const ops of Object.values(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!HTTP_METHODS.has(method)) continue;
        expect((op as { responses?: object }).responses, `${method} has responses`).toBeTruthy();
      }
    }
  });

  it('has the original tests with explicitly declared CWEs', async () => {
    const s = loadScenario(id);
    expect(s.functionalTests.map((t) => t.name)).toEqual(expected.functional);
    expect(Object.fromEntries(s.securityTests.map((t) => [t.name, [...t.cwes].sort((a, b) => a - b)]))).toEqual(
      expected.security,
    );
  });

  it('ships a secure reference and a variant proving every security test', async () => {
    const s = loadScenario(id);
    const secure = s.references.filter((r) => r.name === 'secure');
    expect(secure).toHaveLength(1);
    expect(secure[0]!.expectedCwes).toEqual([]);
    expect(secure[0]!.passesFunctional).toBe(true);
    for (const r of s.references) {
      expect(r.framework).toBe('JavaScript-express');
      expect(existsSync(path.join(r.dir, 'app.js')), `${r.name}/app.js`).toBe(true);
    }
    const variants = s.references.filter((r) => r.name !== 'secure');
    const covered = new Set(variants.flatMap((r) => r.expectedCwes));
    for (const t of s.securityTests) {
      expect(
        t.cwes.some((c) => covered.has(c)),
        `${t.name} covered by a variant`,
      ).toBe(true);
      for (const c of t.cwes) expect(covered.has(c), `CWE-${c} of ${t.name} proven by some variant`).toBe(true);
    }
    expect(new Set(s.references.map((r) => r.name)).size).toBe(s.references.length);
  });
});

describe('group-a helpers', () => {
  it('pyEquals compares JSON values as Python does', async () => {
    const { pyEquals, inStringList } = await import('../src/attacks/python-semantics.js');
    expect(pyEquals('a', 'a')).toBe(true);
    expect(pyEquals(1, 1.0)).toBe(true);
    expect(pyEquals(true, 1)).toBe(true);
    expect(pyEquals('1', 1)).toBe(false);
    expect(pyEquals({ a: [1, 2], b: 'x' }, { b: 'x', a: [1, 2] })).toBe(true);
    expect(pyEquals([1, 2], [2, 1])).toBe(false);
    expect(pyEquals(null, null)).toBe(true);
    expect(inStringList('1', ['0', '1'])).toBe(true);
    expect(inStringList(1, ['0', '1'])).toBe(false);
  });

  it('pySorted sorts as Python does and rejects what Python cannot sort', async () => {
    const { pySorted } = await import('../src/attacks/python-semantics.js');
    expect(pySorted(['b', 'B', 'a'])).toEqual(['B', 'a', 'b']);
    expect(pySorted([10, 9, 1.5])).toEqual([1.5, 9, 10]);
    expect(pySorted([])).toEqual([]);
    expect(() => pySorted(['1', 2])).toThrow(TypeError);
    expect(() => pySorted(null)).toThrow(TypeError);
  });

  it('pyTruthy and pyIter follow Python', async () => {
    const { pyTruthy, pyIter } = await import('../src/attacks/python-semantics.js');
    for (const falsy of [[], {}, '', 0, false, null]) expect(pyTruthy(falsy)).toBe(false);
    for (const truthy of [[0], { a: 1 }, 'x', 1, true]) expect(pyTruthy(truthy)).toBe(true);
    expect(pyIter({ a: 1, b: 2 })).toEqual(['a', 'b']);
    expect(pyIter('ab')).toEqual(['a', 'b']);
    expect(() => pyIter(3)).toThrow(TypeError);
  });
});
