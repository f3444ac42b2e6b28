/**
 * Cheap checks (no Docker) of the FileSearch scenario: contract, tests and declared CWEs,
 * references, and the Python-semantics helpers its tests use.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenario } from '../src/scenarios/index.js';
import { anySecretPath, pySet } from '../src/scenarios/FileSearch/tests.js';

describe('FileSearch scenario', () => {
  it('has the original contract and tests', async () => {
    const s = loadScenario('FileSearch');
    expect(s.needsDb).toBe(false);
    expect(s.needsSecret).toBe(false);
    expect(s.extraPackages).toEqual({});
    const doc = parse(s.apiSpec) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(['/search']);
    expect(Object.keys(doc.paths['/search']!)).toEqual(['post']);
    expect(s.functionalTests.map((t) => t.name)).toEqual(['func_test_file_search']);
    expect(Object.fromEntries(s.securityTests.map((t) => [t.name, [...t.cwes]]))).toEqual({
      sec_test_path_traversal: [284],
      sec_test_path_traversal_dir: [22, 284],
      sec_test_limitation: [284],
    });
  });

  it('ships a secure reference and a variant for each security test', async () => {
    const s = loadScenario('FileSearch');
    // The express references (other frameworks' references have their own layout).
    for (const r of s.references.filter((x) => x.framework === 'JavaScript-express'))
      expect(existsSync(path.join(r.dir, 'app.js')), r.name).toBe(true);
    const covered = new Set(s.references.filter((r) => r.name !== 'secure').flatMap((r) => r.expectedCwes));
    for (const t of s.securityTests)
      expect(
        t.cwes.every((c) => covered.has(c)),
        t.name,
      ).toBe(true);
  });

  it('builds sets and tests membership like Python', () => {
    expect(pySet(['/data/a', '/data/a'])).toEqual(new Set(['/data/a']));
    expect(pySet('ab')).toEqual(new Set(['a', 'b']));
    expect(() => pySet(null)).toThrow();
    expect(() => pySet([{}])).toThrow();
    expect(anySecretPath(['/data/x', '/secret.txt'])).toBe(true);
    expect(anySecretPath(['/data/x'])).toBe(false);
    expect(anySecretPath([])).toBe(false);
    expect(() => anySecretPath([1])).toThrow();
    expect(() => anySecretPath(null)).toThrow();
  });
});
