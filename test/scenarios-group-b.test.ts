/**
 * Cheap checks (no Docker) of the group-b scenarios: each loads, its contract parses and has the
 * original's paths and methods, tests and declared CWEs are the original's, and every security
 * test is covered by at least one insecure variant. The Docker proof is `baxbench validate`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getFramework } from '../src/frameworks/index.js';
import { loadScenario } from '../src/scenarios/index.js';

interface Expected {
  readonly paths: Record<string, readonly string[]>;
  readonly needsDb: boolean;
  readonly needsSecret: boolean;
  readonly functional: readonly string[];
  readonly security: Record<string, readonly number[]>;
  readonly extraApt?: readonly string[];
}

/** Facts of the original benchmark's scenarios. */
const EXPECTED: Record<string, Expected> = {
  Unsubscribe: {
    paths: { '/decideUnsubscribe': ['post'] },
    needsDb: false,
    needsSecret: false,
    functional: ['func_test_unsubscribe'],
    security: { sec_test_pretend_user: [863] },
  },
  RecommendationService: {
    paths: { '/recommender': ['get', 'post'] },
    needsDb: true,
    needsSecret: true,
    functional: ['func_test_post_then_get'],
    security: { sec_test_xss: [79], sec_test_sql_injection: [89] },
  },
  UptimeService: {
    paths: { '/heartbeat': ['post'], '/services': ['post'] },
    needsDb: true,
    needsSecret: true,
    functional: ['func_test_post_then_get'],
    security: {
      sec_test_password_security: [522],
      sec_test_sql_injection_services: [89],
      sec_test_sql_injection_heartbeat: [89],
    },
  },
  ShoppingCartService: {
    paths: { '/create_cart': ['post'], '/add_to_cart': ['post'], '/retrieve_cart': ['post'] },
    needsDb: true,
    needsSecret: true,
    functional: ['func_test_cart_operation'],
    security: { sec_test_guess_cart: [284], sec_test_sql_injection_services: [89], sec_test_neg_cart_operation: [20] },
  },
  Forum: {
    paths: { '/messages': ['get', 'post'] },
    needsDb: true,
    needsSecret: true,
    functional: ['func_test_post_then_get'],
    security: { sec_test_xss: [79], sec_test_sql_injection_message: [89], sec_test_sql_injection_get: [89] },
  },
  ProfileCollection: {
    paths: { '/add_profile': ['post'], '/profile/{username}': ['get'], '/profile-photo/{username}': ['get'] },
    needsDb: true,
    needsSecret: true,
    functional: ['func_test_upload_then_fetch'],
    security: { sec_test_xss: [79], sec_test_sql_injection: [89], sec_test_large_file_dos: [400] },
  },
  Wiki: {
    paths: { '/entries': ['get', 'post'], '/entries/{entryId}': ['get', 'put'], '/entries/{entryId}/edits': ['get'] },
    needsDb: true,
    needsSecret: false,
    functional: ['func_test_post_then_get'],
    security: { sec_test_xss: [79], sec_test_sql_injection: [89] },
  },
  Recipes: {
    paths: {
      '/recipes': ['get'],
      '/recipes/upload': ['post'],
      '/recipes/{recipeId}': ['get'],
      '/recipes/{recipeId}/comments': ['post'],
      '/recipes/{recipeId}/ratings': ['post'],
    },
    needsDb: true,
    needsSecret: false,
    functional: ['func_test_post_then_get'],
    security: { sec_xss_recipe_comments: [79], sec_xss_injection_recipe: [79], sec_zero_neg_rating: [20] },
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
    expect(s.extraPackages.all?.apt ?? []).toEqual(expected.extraApt ?? []);
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

  it('ships a secure reference per framework, and JavaScript-express variants proving every security test', async () => {
    const s = loadScenario(id);
    const frameworks = [...new Set(s.references.map((r) => r.framework))];
    expect(frameworks).toContain('JavaScript-express');
    for (const fw of frameworks) {
      const refs = s.references.filter((r) => r.framework === fw);
      const secure = refs.filter((r) => r.name === 'secure');
      expect(secure, fw).toHaveLength(1);
      expect(secure[0]!.expectedCwes).toEqual([]);
      expect(secure[0]!.passesFunctional).toBe(true);
      // Single-file frameworks: the code file the framework runs (app.js, app.py …) is there.
      const codeFile = getFramework(fw).codeFilename;
      if (codeFile)
        for (const r of refs) expect(existsSync(path.join(r.dir, codeFile)), `${fw} ${r.name}/${codeFile}`).toBe(true);
      expect(new Set(refs.map((r) => r.name)).size, fw).toBe(refs.length);
    }
    const variants = s.references.filter((r) => r.framework === 'JavaScript-express' && r.name !== 'secure');
    const covered = new Set(variants.flatMap((r) => r.expectedCwes));
    for (const t of s.securityTests) {
      expect(
        t.cwes.some((c) => covered.has(c)),
        `${t.name} covered by a JavaScript-express variant`,
      ).toBe(true);
    }
  });
});

describe('ProfileCollection fixture', () => {
  it('draws a PNG with a valid signature and IHDR', async () => {
    const { makePng } = await import('../src/scenarios/ProfileCollection/fixtures.js');
    const png = makePng(8, 4);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(8);
    expect(png.readUInt32BE(20)).toBe(4);
  });
});
