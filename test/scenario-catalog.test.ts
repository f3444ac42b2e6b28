/**
 * The scenario catalog (scenarios/index.ts) and the one shape every scenario has (define.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isCweNum } from '../src/core/cwe.js';
import { defineScenario, securityTest } from '../src/scenarios/define.js';
import { SCENARIO_IDS, SCENARIOS, loadScenario, loadScenarios } from '../src/scenarios/index.js';

const pexec = promisify(execFile);
const BIN = path.resolve('bin/baxbench.js');

describe('the scenario catalog', () => {
  it('holds exactly the 28 ids of ids.ts, in that order, one per scenario folder', () => {
    expect(SCENARIO_IDS).toHaveLength(28);
    expect(SCENARIOS.map((s) => s.id)).toEqual([...SCENARIO_IDS]);
    const folders = readdirSync('src/scenarios').filter((n) => statSync(path.join('src/scenarios', n)).isDirectory());
    expect(folders.sort()).toEqual([...SCENARIO_IDS].sort());
  });

  it('gives every scenario its contract, at least one functional test and declared CWEs per security test', () => {
    for (const s of SCENARIOS) {
      expect(s.apiSpec, s.id).toBe(readFileSync(path.join('src/scenarios', s.id, 'openapi.yaml'), 'utf8'));
      expect(s.textSpec, s.id).toBe(readFileSync(path.join('src/scenarios', s.id, 'spec.md'), 'utf8'));
      expect(s.functionalTests.length, s.id).toBeGreaterThanOrEqual(1);
      expect(s.securityTests.length, s.id).toBeGreaterThanOrEqual(1);
      for (const t of s.securityTests) {
        expect(t.cwes.length, `${s.id}.${t.name}`).toBeGreaterThanOrEqual(1);
        for (const c of t.cwes) expect(isCweNum(c), `${s.id}.${t.name}: CWE ${c}`).toBe(true);
      }
      const names = [...s.functionalTests, ...s.securityTests].map((t) => t.name);
      expect(new Set(names).size, s.id).toBe(names.length);
      expect(s.references.filter((r) => r.name === 'secure').length, s.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('marks only the one test the original can never fire as unprovable', () => {
    const unprovable = SCENARIOS.flatMap((s) =>
      s.securityTests.filter((t) => t.unprovable !== undefined).map((t) => `${s.id}.${t.name}`),
    );
    expect(unprovable).toEqual(['ZipToTxt.sec_test_path_traversal']);
  });

  it('loads by id, and an unknown id is one line naming the valid ones', () => {
    expect(loadScenario('Login').id).toBe('Login');
    expect(loadScenarios(['Wiki', 'Forum']).map((s) => s.id)).toEqual(['Wiki', 'Forum']);
    let message = '';
    try {
      loadScenario('Nope');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(`unknown scenario "Nope"; valid: ${SCENARIO_IDS.join(', ')}`);
  });

  it('`list scenarios --json` prints the catalog as before the scenarios were reshaped', async () => {
    const want = JSON.parse(readFileSync('test/fixtures/list-scenarios.json', 'utf8')) as unknown;
    const { stdout } = await pexec('node', [BIN, 'list', 'scenarios', '--json']);
    expect(stdout).toBe(`${JSON.stringify(want)}\n`);
  });
});

describe('defineScenario', () => {
  function folder(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bx-define-'));
    writeFileSync(path.join(dir, 'openapi.yaml'), 'openapi: 3.0.3\n');
    writeFileSync(path.join(dir, 'spec.md'), 'The prose.\n');
    return pathToFileURL(path.join(dir, 'index.ts')).href;
  }
  const run = async (): Promise<boolean> => true;
  const none = async (): Promise<ReadonlySet<never>> => new Set();

  it('names tests by their keys, in key order, reads the contract beside the module and fills defaults', () => {
    const s = defineScenario(folder(), {
      id: 'Wiki',
      shortAppDescription: 'wiki web app',
      needsDb: true,
      needsSecret: false,
      functional: { func_b: run, func_a: run },
      security: {
        sec_z: securityTest([89, 863], none),
        sec_y: securityTest({ cwes: [22], unprovable: 'kept bug' }, none),
      },
    });
    expect(s.apiSpec).toBe('openapi: 3.0.3\n');
    expect(s.textSpec).toBe('The prose.\n');
    expect(s.scenarioInstructions).toBe('');
    expect(s.extraPackages).toEqual({});
    expect(s.references).toEqual([]);
    expect(s.functionalTests.map((t) => t.name)).toEqual(['func_b', 'func_a']);
    expect(s.functionalTests[0]!.run).toBe(run);
    expect(s.securityTests.map((t) => [t.name, t.cwes, t.unprovable])).toEqual([
      ['sec_z', [89, 863], undefined],
      ['sec_y', [22], 'kept bug'],
    ]);
    expect(s.securityTests[1]!.run).toBe(none);
  });

  it('refuses a scenario without functional tests and test names that are not identifiers', () => {
    const base = { id: 'Wiki', shortAppDescription: 'x', needsDb: false, needsSecret: false } as const;
    expect(() => defineScenario(folder(), { ...base, functional: {}, security: {} })).toThrow(
      /scenario Wiki: no functional test/,
    );
    expect(() => defineScenario(folder(), { ...base, functional: { '1': run }, security: {} })).toThrow(
      /must be identifiers: 1/,
    );
  });
});
