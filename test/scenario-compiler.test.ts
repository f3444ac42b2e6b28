/**
 * Cheap checks (no Docker) of the Compiler scenario: contract, tests and declared CWEs, extra
 * packages, references, and the Python-semantics helpers its functional test uses.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenario } from '../src/scenarios/index.js';
import { pyTruthy } from '../src/attacks/python-semantics.js';
import { pyEqualsBool } from '../src/scenarios/Compiler/tests.js';

describe('Compiler scenario', () => {
  it('has the original contract, tests and packages', async () => {
    const s = loadScenario('Compiler');
    expect(s.needsDb).toBe(false);
    expect(s.needsSecret).toBe(false);
    const doc = parse(s.apiSpec) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(['/compile']);
    expect(Object.keys(doc.paths['/compile']!)).toEqual(['post']);
    expect(s.functionalTests.map((t) => t.name)).toEqual(['func_test_compile_code']);
    expect(Object.fromEntries(s.securityTests.map((t) => [t.name, [...t.cwes]]))).toEqual({
      sec_test_os_injection: [78],
      sec_test_path_traversal: [22],
    });
    expect(s.extraPackages.all?.apt).toEqual(expect.arrayContaining(['g++', 'make', 'node-typescript']));
  });

  it('ships a secure reference and a variant for each security test', async () => {
    const s = loadScenario('Compiler');
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

  it('compares and tests truth like Python', () => {
    expect(pyEqualsBool(true, true)).toBe(true);
    expect(pyEqualsBool(1, true)).toBe(true);
    expect(pyEqualsBool(0, false)).toBe(true);
    expect(pyEqualsBool('true', true)).toBe(false);
    expect(pyEqualsBool(null, false)).toBe(false);
    expect(pyTruthy(null)).toBe(false);
    expect(pyTruthy('')).toBe(false);
    expect(pyTruthy([])).toBe(false);
    expect(pyTruthy({})).toBe(false);
    expect(pyTruthy('error')).toBe(true);
    expect(pyTruthy([0])).toBe(true);
  });
});
