/** validate's proof logic (pipeline/validate.ts), through the real engine with a fake sandbox. */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CweNum } from '../src/core/cwe.js';
import type { Framework, ReferenceSample, Scenario } from '../src/core/types.js';
import { express, koa } from '../src/frameworks/javascript.js';
import { runValidation, validationFailed, validationJson, type ValidationReport } from '../src/pipeline/validate.js';
import { validationTable } from '../src/report/validation.js';
import { FakeSandbox, type FakeApp } from './helpers/fake-sandbox.js';

const ROOT = path.join(os.tmpdir(), `bx-validate-${process.pid}`);
const code = (app: unknown): string => (app as FakeApp).code['app.js'] ?? '';
const marks = (app: unknown, mark: string, cwe: CweNum): Set<CweNum> =>
  new Set<CweNum>(code(app).includes(mark) ? [cwe] : []);

/**
 * Tests read the code: BROKEN fails the functional test, SQLI → 89 (sqli test), PLAIN → 522
 * (pw test), CRASH stops the app in the pw test, TRAV → 22 and LEAK → 89 (files test, which
 * declares only 22).
 */
function scenario(id: string, refs: [string, string, string, CweNum[], boolean?][]): Scenario {
  return {
    id,
    shortAppDescription: '',
    apiSpec: '',
    textSpec: '',
    scenarioInstructions: '',
    needsDb: false,
    needsSecret: false,
    extraPackages: {},
    functionalTests: [{ name: 'works', run: async (app) => !code(app).includes('BROKEN') }],
    securityTests: [
      { name: 'sqli', cwes: [89], run: async (app) => marks(app, 'SQLI', 89) },
      {
        name: 'pw',
        cwes: [522],
        run: async (app) => {
          if (code(app).includes('CRASH')) (app as FakeApp).running = false;
          return marks(app, 'PLAIN', 522);
        },
      },
      {
        name: 'files',
        cwes: [22],
        run: async (app) => new Set<CweNum>([...marks(app, 'TRAV', 22), ...marks(app, 'LEAK', 89)]),
      },
    ],
    references: refs.map(
      ([framework, name, , expectedCwes, passesFunctional]): ReferenceSample => ({
        name,
        framework,
        dir: path.join(ROOT, id, framework, name),
        expectedCwes,
        passesFunctional: passesFunctional ?? true,
      }),
    ),
  };
}

async function materialize(sc: Scenario, refs: [string, string, string, CweNum[], boolean?][]): Promise<void> {
  for (const [framework, name, body] of refs) {
    const dir = path.join(ROOT, sc.id, framework, name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'app.js'), body);
  }
}

async function validate(pairs: { scenario: Scenario; framework: Framework }[]): Promise<ValidationReport> {
  return runValidation({ pairs, sandbox: new FakeSandbox(), timeoutMs: 1000, maxConcurrentRuns: 3 });
}

const GOOD: [string, string, string, CweNum[], boolean?][] = [
  [express.id, 'secure', 'fine', []],
  [express.id, 'sqli', 'SQLI', [89]],
  [express.id, 'plain', 'PLAIN', [522]],
  [express.id, 'trav', 'TRAV', [22]],
];

describe('validate', () => {
  const sc = (id: string, refs: typeof GOOD) => scenario(id, refs);
  beforeAll(async () => {
    await materialize(sc('Good', GOOD), GOOD);
  });

  it('clean secure reference + a proving variant per security test: no problem, all proven', async () => {
    const r = await validate([{ scenario: sc('Good', GOOD), framework: express }]);
    expect(validationFailed(r)).toBe(false);
    expect(r.proven_security_tests).toBe(3);
    expect(r.total_security_tests).toBe(3);
    expect(r.scenarios[0]!.proven).toEqual({ sqli: ['sqli'], pw: ['plain'], files: ['trav'] });
    expect(validationJson(r)).toEqual({
      scenarios: [
        {
          id: 'Good',
          framework: express.id,
          secure: { passed_ft: 1, total_ft: 1, cwes: [] },
          variants: [
            { name: 'sqli', expected_cwes: [89], cwes: [89], passed_ft: 1, total_ft: 1 },
            { name: 'plain', expected_cwes: [522], cwes: [522], passed_ft: 1, total_ft: 1 },
            { name: 'trav', expected_cwes: [22], cwes: [22], passed_ft: 1, total_ft: 1 },
          ],
        },
      ],
      proven_security_tests: 3,
      total_security_tests: 3,
    });
    expect(validationTable(r)).toContain('3/3 security tests proven');
  });

  it('a secure reference with a CWE or a failing functional test is a problem', async () => {
    const refs: typeof GOOD = [[express.id, 'secure', 'SQLI BROKEN', []], ...GOOD.slice(1)];
    await materialize(sc('DirtySecure', refs), refs);
    const r = await validate([{ scenario: sc('DirtySecure', refs), framework: express }]);
    expect(validationFailed(r)).toBe(true);
    expect(r.scenarios[0]!.problems.join('\n')).toMatch(
      /secure reference passes only 0\/1 functional tests.*\n.*secure reference has CWE 89 \(sqli: 89\)/,
    );
  });

  it('a variant missing an expected CWE proves nothing and is a problem; the test it was for stays unproven', async () => {
    const refs: typeof GOOD = [GOOD[0]!, [express.id, 'sqli', 'SQLI', [89, 79]], GOOD[2]!, GOOD[3]!];
    await materialize(sc('Missing', refs), refs);
    const r = await validate([{ scenario: sc('Missing', refs), framework: express }]);
    const s = r.scenarios[0]!;
    expect(s.problems).toContain('variant sqli: expected CWE 79 not found (found: 89)');
    expect(s.problems).toContain('security test sqli is not proven by any variant');
    expect(r.proven_security_tests).toBe(2);
    expect(validationFailed(r)).toBe(true);
  });

  it('a variant meant to pass the functional tests that fails them proves nothing', async () => {
    const refs: typeof GOOD = [GOOD[0]!, GOOD[1]!, [express.id, 'plain', 'PLAIN BROKEN', [522]], GOOD[3]!];
    await materialize(sc('Broken', refs), refs);
    const r = await validate([{ scenario: sc('Broken', refs), framework: express }]);
    expect(r.scenarios[0]!.proven.pw).toEqual([]);
    expect(r.scenarios[0]!.problems.join('\n')).toContain(
      'variant plain should pass the functional tests but passes 0/1 (failing: works)',
    );
  });

  it('a variant not meant to pass the functional tests may fail them and still prove its test', async () => {
    const refs: typeof GOOD = [GOOD[0]!, GOOD[1]!, [express.id, 'plain', 'PLAIN BROKEN', [522], false], GOOD[3]!];
    await materialize(sc('BrokenOk', refs), refs);
    const r = await validate([{ scenario: sc('BrokenOk', refs), framework: express }]);
    expect(validationFailed(r)).toBe(false);
    expect(r.scenarios[0]!.proven.pw).toEqual(['plain']);
  });

  it('proof is per test: an expected CWE found only by a test that does not declare it proves nothing', async () => {
    // LEAK: the files test (declares 22) reports 89; the variant shows all it expects (89) …
    const refs: typeof GOOD = [GOOD[0]!, [express.id, 'leak', 'LEAK', [89]], GOOD[2]!, GOOD[3]!];
    await materialize(sc('WrongTest', refs), refs);
    const r = await validate([{ scenario: sc('WrongTest', refs), framework: express }]);
    const s = r.scenarios[0]!;
    expect(s.variants[0]).toMatchObject({ name: 'leak', expected_cwes: [89], cwes: [89] });
    // … but the sqli test, the one declaring 89, found nothing: sqli stays unproven
    expect(s.proven).toEqual({ sqli: [], pw: ['plain'], files: ['trav'] });
    expect(r.proven_security_tests).toBe(2);
    expect(s.problems).toEqual(['security test sqli is not proven by any variant']);
  });

  it('a crash (703) does not prove a test that declares other CWEs', async () => {
    const refs: typeof GOOD = [GOOD[0]!, GOOD[1]!, [express.id, 'plain', 'CRASH', [703]], GOOD[3]!];
    await materialize(sc('Crash', refs), refs);
    const r = await validate([{ scenario: sc('Crash', refs), framework: express }]);
    const s = r.scenarios[0]!;
    expect(s.variants.find((v) => v.name === 'plain')!.cwes).toEqual([703]);
    expect(s.proven.pw).toEqual([]);
    expect(s.notes.join('\n')).toContain('no security test that declares them found them');
    expect(validationFailed(r)).toBe(true);
  });

  it('a security test counts once per scenario and is proven by a variant in any framework', async () => {
    const refs: typeof GOOD = [...GOOD, [koa.id, 'secure', 'fine', []]];
    await materialize(sc('Multi', refs), refs);
    const r = await validate([
      { scenario: sc('Multi', refs), framework: express },
      { scenario: sc('Multi', refs), framework: koa },
    ]);
    expect(r.total_security_tests).toBe(3);
    expect(r.proven_security_tests).toBe(3);
    expect(r.scenarios.map((s) => [s.framework, s.problems])).toEqual([
      [express.id, []],
      [koa.id, []],
    ]);
  });

  it('only secure references selected while the variants live in another framework: the secure ones are judged, the tests not counted', async () => {
    const refs: typeof GOOD = [...GOOD, [koa.id, 'secure', 'fine', []]];
    await materialize(sc('Elsewhere', refs), refs);
    const r = await validate([{ scenario: sc('Elsewhere', refs), framework: koa }]);
    expect(validationFailed(r)).toBe(false);
    expect(r.total_security_tests).toBe(0);
    expect(r.scenarios[0]!.notes.join('\n')).toContain(
      `proven by the variants in ${express.id} (not selected in this run)`,
    );
    // a bad secure reference is still a failure
    const bad: typeof GOOD = [...GOOD, [koa.id, 'secure', 'SQLI', []]];
    await materialize(sc('ElsewhereBad', bad), bad);
    const rb = await validate([{ scenario: sc('ElsewhereBad', bad), framework: koa }]);
    expect(validationFailed(rb)).toBe(true);
  });

  it('a test no selected variant targets, while a framework left out has its proof: noted, not counted', async () => {
    // koa has variants for sqli and pw but none for files (say, files cannot fire in that language);
    // express, left out of the run, has the variant that proves files.
    const refs: typeof GOOD = [
      ...GOOD,
      [koa.id, 'secure', 'fine', []],
      [koa.id, 'sqli', 'SQLI', [89]],
      [koa.id, 'plain', 'PLAIN', [522]],
    ];
    await materialize(sc('Partial', refs), refs);
    const r = await validate([{ scenario: sc('Partial', refs), framework: koa }]);
    expect(validationFailed(r)).toBe(false);
    expect(r.total_security_tests).toBe(2);
    expect(r.proven_security_tests).toBe(2);
    expect(r.scenarios[0]!.notes.join('\n')).toContain(
      `security test files is targeted by no variant of this run; its proof is in ${express.id} (not selected in this run)`,
    );
    expect(validationTable(r)).toContain('elsewhere  files');
    // a selected variant that targets the test and misses it is still a failure
    const missing: typeof GOOD = [...refs, [koa.id, 'trav', 'fine', [22]]];
    await materialize(sc('PartialMissing', missing), missing);
    const rm = await validate([{ scenario: sc('PartialMissing', missing), framework: koa }]);
    expect(validationFailed(rm)).toBe(true);
    expect(rm.scenarios[0]!.problems).toContain('security test files is not proven by any variant');
    // with the proving framework selected too, the test is counted and proven
    const both = await validate([
      { scenario: sc('Partial', refs), framework: express },
      { scenario: sc('Partial', refs), framework: koa },
    ]);
    expect(both.total_security_tests).toBe(3);
    expect(both.proven_security_tests).toBe(3);
  });

  it('no variant at all: every security test is unproven and the secure entry carries the problem', async () => {
    const refs: typeof GOOD = [GOOD[0]!];
    await materialize(sc('Lonely', refs), refs);
    const r = await validate([{ scenario: sc('Lonely', refs), framework: express }]);
    expect(r.proven_security_tests).toBe(0);
    expect(r.scenarios[0]!.problems).toEqual([
      'security test sqli is not proven by any variant',
      'security test pw is not proven by any variant',
      'security test files is not proven by any variant',
    ]);
  });

  it('a test that cannot fire by construction (kept from the original) is reported as unprovable, not a failure', async () => {
    const refs: typeof GOOD = [GOOD[0]!, GOOD[1]!, GOOD[2]!];
    await materialize(sc('Stuck', refs), refs);
    const base = sc('Stuck', refs);
    const marked: Scenario = {
      ...base,
      securityTests: base.securityTests.map((t) =>
        t.name === 'files' ? { ...t, unprovable: 'opens a file that does not exist' } : t,
      ),
    };
    const r = await validate([{ scenario: marked, framework: express }]);
    expect(validationFailed(r)).toBe(false);
    expect(r.proven_security_tests).toBe(2);
    expect(r.total_security_tests).toBe(3);
    expect(r.unprovable_security_tests).toEqual([
      { scenario: 'Stuck', test: 'files', reason: 'opens a file that does not exist' },
    ]);
    expect(validationJson(r).unprovable_security_tests).toHaveLength(1);
    expect(r.scenarios[0]!.notes.join('\n')).toContain('files cannot fire');
    expect(validationTable(r)).toContain('unprovable files');
    // without the mark, the same run is a failure
    const plain = await validate([{ scenario: base, framework: express }]);
    expect(validationFailed(plain)).toBe(true);
    expect(validationJson(plain)).not.toHaveProperty('unprovable_security_tests');
  });

  it('--repeat: every reference runs n times; a verdict that changes between runs is listed (table + JSON) and fails', async () => {
    const steady = await runValidation({
      pairs: [{ scenario: sc('Good', GOOD), framework: express }],
      sandbox: new FakeSandbox(),
      timeoutMs: 1000,
      maxConcurrentRuns: 2,
      repeat: 3,
    });
    expect(steady.repeat).toMatchObject({ runs: 3, references: 4, changed_references: 0, changed: [] });
    // 4 references × 4 tests × 3 runs
    expect(steady.repeat!.tests).toBe(48);
    expect(validationFailed(steady)).toBe(false);
    expect(validationTable(steady)).toContain('0/4 references (0.0%) had a verdict that changed');

    // The sqli test finds CWE-89 in the sqli variant only every other time it runs.
    let sqliRuns = 0;
    const base = sc('Good', GOOD);
    const flaky: Scenario = {
      ...base,
      securityTests: base.securityTests.map((t) =>
        t.name !== 'sqli'
          ? t
          : {
              ...t,
              run: async (app) =>
                code(app).includes('SQLI') && sqliRuns++ % 2 === 0 ? new Set<CweNum>([89]) : new Set(),
            },
      ),
    };
    const r = await runValidation({
      pairs: [{ scenario: flaky, framework: express }],
      sandbox: new FakeSandbox(),
      timeoutMs: 1000,
      maxConcurrentRuns: 1,
      repeat: 2,
    });
    expect(r.repeat!.changed).toEqual([
      {
        scenario: 'Good',
        framework: express.id,
        reference: 'sqli',
        test: 'security sqli',
        verdicts: ['CWE 89', 'no CWE'],
      },
    ]);
    expect(r.repeat!.changed_references).toBe(1);
    expect(validationFailed(r)).toBe(true);
    // run 2's own problem (the variant missed its CWE) is reported with its run number
    expect(r.scenarios[0]!.problems.join('\n')).toContain('run 2: variant sqli: expected CWE 89 not found');
    expect(validationJson(r).repeat?.changed).toHaveLength(1);
    const table = validationTable(r);
    expect(table).toContain('1/4 references (25.0%) had a verdict that changed');
    expect(table).toMatch(/sqli.*security sqli.*CWE 89.*no CWE/);
    // without --repeat the JSON has no repeat key
    expect(validationJson(steady)).toHaveProperty('repeat');
    expect(validationJson(await validate([{ scenario: base, framework: express }]))).not.toHaveProperty('repeat');
  });

  it('a reference that cannot be tested (harness error) is reported, not a crash of validate', async () => {
    const r = await runValidation({
      pairs: [{ scenario: sc('Good', GOOD), framework: express }],
      sandbox: new FakeSandbox({ imageFails: true }),
      timeoutMs: 1000,
      maxConcurrentRuns: 2,
    });
    expect(r.scenarios[0]!.problems.join('\n')).toContain('secure reference could not be tested');
    expect(r.scenarios[0]!.problems.join('\n')).not.toContain('no secure reference');
    expect(validationFailed(r)).toBe(true);
  });
});
