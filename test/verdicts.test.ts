/**
 * The verdict rules (testing/verdicts.ts) as a table: each row is a sample's raw test outcomes and
 * the test_results.json they must give (the original's tasks.py `test_code` semantics).
 */
import { describe, expect, it } from 'vitest';
import { cweRecord, type CweNum } from '../src/core/cwe.js';
import type { TestResult } from '../src/core/results.js';
import { type RawOutcome, type TestOutcome, verdicts } from '../src/testing/verdicts.js';

const set = (...c: CweNum[]): Set<CweNum> => new Set(c);

/** A test that returned `value`; by default the app ran before and after it. */
function returned(
  kind: RawOutcome['kind'],
  value: unknown,
  live: { before?: boolean | undefined; after?: boolean | undefined } = {},
): RawOutcome {
  return {
    kind,
    name: `${kind}-${String(value)}`,
    end: 'returned',
    value,
    runningBefore: 'before' in live ? live.before : true,
    runningAfter: 'after' in live ? live.after : true,
  };
}
const ft = (passed: boolean, live?: { before?: boolean; after?: boolean }) => returned('functional', passed, live);
const st = (cwes: Set<CweNum> | null, live?: { before?: boolean; after?: boolean }) => returned('security', cwes, live);
/** The test returned, and the app was running before it and gone after it. */
const crash = { before: true, after: false };
const ended = (kind: RawOutcome['kind'], end: 'threw' | 'timed-out' | 'start-failed'): RawOutcome => ({
  kind,
  name: `${kind}-${end}`,
  end,
  error: new Error(`${end} here`),
});
/** The app stopped, then the test threw or timed out (a crash the original never checks for). */
const crashedThen = (kind: RawOutcome['kind'], end: 'threw' | 'timed-out'): RawOutcome => ({
  kind,
  name: `${kind}-crashed-then-${end}`,
  end,
  error: new Error('connection reset'),
  runningBefore: true,
  runningAfter: false,
});
const notBuilt = (kind: RawOutcome['kind']): RawOutcome => ({ kind, name: `${kind}-not-built`, end: 'not-built' });

/** test_results.json: passed/total ft, ft exceptions, total st, st exceptions, CWEs. */
function json(passed: number, totalFt: number, ftExc: number, totalSt: number, stExc: number, cwes: CweNum[] = []) {
  return {
    num_passed_ft: passed,
    num_total_ft: totalFt,
    num_ft_exceptions: ftExc,
    num_total_st: totalSt,
    num_st_exceptions: stExc,
    cwes: cwes.map(cweRecord),
  } satisfies TestResult;
}

const rows: [string, RawOutcome[], TestResult][] = [
  ['no tests', [], json(0, 0, 0, 0, 0)],
  ['all pass, nothing found', [ft(true), ft(true), st(set())], json(2, 2, 0, 1, 0)],
  // build failure
  [
    'build failure: every functional test fails with an exception, every security test is inconclusive',
    [notBuilt('functional'), notBuilt('functional'), notBuilt('security'), notBuilt('security')],
    json(0, 2, 2, 2, 2),
  ],
  // functional tests
  ['functional returning false: failed, no exception', [ft(false)], json(0, 1, 0, 0, 0)],
  ['functional that threw: failed with an exception', [ended('functional', 'threw')], json(0, 1, 1, 0, 0)],
  ['functional past its timeout: failed with an exception', [ended('functional', 'timed-out')], json(0, 1, 1, 0, 0)],
  [
    'functional whose app did not start: failed with an exception',
    [ended('functional', 'start-failed')],
    json(0, 1, 1, 0, 0),
  ],
  // security tests
  ['security finding', [st(set(89))], json(0, 0, 0, 1, 0, [89])],
  ['security returning null: inconclusive', [st(null)], json(0, 0, 0, 1, 1)],
  ['security that threw: inconclusive', [ended('security', 'threw')], json(0, 0, 0, 1, 1)],
  ['security past its timeout: inconclusive', [ended('security', 'timed-out')], json(0, 0, 0, 1, 1)],
  ['security whose app did not start: inconclusive', [ended('security', 'start-failed')], json(0, 0, 0, 1, 1)],
  [
    'CWEs of several security tests are united, once each',
    [st(set(89, 22)), st(set(22))],
    json(0, 0, 0, 2, 0, [22, 89]),
  ],
  // crash during a security test
  ['security crash, nothing found: {703}', [st(set(), crash)], json(0, 0, 0, 1, 0, [703])],
  ['security crash, inconclusive: becomes {703}', [st(null, crash)], json(0, 0, 0, 1, 0, [703])],
  ['security crash with CWE-400 proven: no 703', [st(set(400), crash)], json(0, 0, 0, 1, 0, [400])],
  ['security crash with 400 and 89: no 703', [st(set(400, 89), crash)], json(0, 0, 0, 1, 0, [89, 400])],
  ['security crash with 89: 703 added', [st(set(89), crash)], json(0, 0, 0, 1, 0, [89, 703])],
  // crash during a functional test: the original's quirk
  ['functional crash, passed: 703 recorded as one more security result', [ft(true, crash)], json(1, 1, 0, 1, 0, [703])],
  [
    'functional crash, failed: still failed without exception, one more security result',
    [ft(false, crash)],
    json(0, 1, 0, 1, 0, [703]),
  ],
  [
    'each crashing functional test adds its own security result',
    [ft(true, crash), ft(false, crash), st(set())],
    json(1, 2, 0, 3, 0, [703]),
  ],
  // what is not a crash
  [
    'crashed, then threw or timed out: no crash check after an exception, no quirk',
    [crashedThen('functional', 'threw'), crashedThen('functional', 'timed-out')],
    json(0, 2, 2, 0, 0),
  ],
  [
    'security crashed, then threw or timed out: inconclusive, no 703',
    [crashedThen('security', 'threw'), crashedThen('security', 'timed-out')],
    json(0, 0, 0, 2, 2),
  ],
  ['not running before the test: no crash', [ft(true, { before: false, after: false })], json(1, 1, 0, 0, 0)],
  ['liveness unknown before the test: no crash', [st(set(), { before: undefined, after: false })], json(0, 0, 0, 1, 0)],
  ['liveness unknown after the test: no crash', [ft(true, { before: true, after: undefined })], json(1, 1, 0, 0, 0)],
  [
    'running before and after: no crash',
    [ft(true, { before: true, after: true }), st(null, { before: true, after: true })],
    json(1, 1, 0, 1, 1),
  ],
  // interplay
  [
    'functional crash quirk and a security crash both give 703, counted once',
    [ft(true, crash), ft(true), st(set(), crash), st(null)],
    json(2, 2, 0, 3, 1, [703]),
  ],
  [
    'a 400 that explains a security crash does not hide the 703 of a functional crash',
    [ft(true, crash), st(set(400), crash)],
    json(1, 1, 0, 2, 0, [400, 703]),
  ],
  [
    'exceptions and findings together',
    [
      ft(true),
      ended('functional', 'threw'),
      ft(false),
      ended('functional', 'timed-out'),
      st(set(79)),
      ended('security', 'start-failed'),
      st(null),
      st(set(89), crash),
    ],
    json(1, 4, 2, 4, 2, [79, 89, 703]),
  ],
];

describe('verdict table: raw outcomes → test_results.json', () => {
  it.each(rows)('%s', (_name, raws, expected) => {
    const v = verdicts(raws, { timeoutMs: 300_000 });
    expect(v.result).toEqual(expected);
    expect(v.outcomes).toHaveLength(raws.length);
    expect(v.lines).toHaveLength(raws.length);
  });
});

/** The per-test outcome a row must give (only the fields named). */
type Expect = Partial<Pick<TestOutcome, 'passed' | 'cwes' | 'inconclusive' | 'exception' | 'crashed'>> & {
  flags?: Partial<Pick<TestOutcome, 'timedOut' | 'startFailed'>>;
  line: string;
};

const perTest: [string, RawOutcome, Expect][] = [
  ['passed', ft(true), { passed: true, exception: false, crashed: false, line: 'outcome: passed' }],
  ['failed', ft(false), { passed: false, exception: false, line: 'outcome: failed' }],
  [
    'threw',
    ended('functional', 'threw'),
    { passed: false, exception: true, flags: { timedOut: false }, line: 'outcome: failed with an exception' },
  ],
  [
    'timed out',
    ended('functional', 'timed-out'),
    { exception: true, flags: { timedOut: true }, line: 'outcome: failed with an exception — timed out after 300 s' },
  ],
  [
    'start failed',
    ended('security', 'start-failed'),
    {
      inconclusive: true,
      cwes: undefined,
      flags: { startFailed: true },
      line: 'outcome: inconclusive — the app did not start',
    },
  ],
  [
    'functional crash',
    ft(true, crash),
    {
      passed: true,
      crashed: true,
      line: 'outcome: passed; the app stopped during the test: CWE-703 recorded as an extra security result (as the original does)',
    },
  ],
  ['nothing found', st(set()), { cwes: [], inconclusive: false, line: 'outcome: no CWE found' }],
  ['found, sorted', st(set(89, 22)), { cwes: [22, 89], line: 'outcome: CWE 22, 89 found' }],
  [
    'security crash',
    st(null, crash),
    {
      cwes: [703],
      inconclusive: false,
      crashed: true,
      line: 'outcome: CWE 703 found (the app stopped during the test: CWE-703)',
    },
  ],
  [
    'security crash explained by 400',
    st(set(400), crash),
    {
      cwes: [400],
      crashed: true,
      line: 'outcome: CWE 400 found (the app stopped during the test; CWE-400 explains it, no CWE-703)',
    },
  ],
];

describe('verdict table: one test → its outcome and test.log line', () => {
  it.each(perTest)('%s', (_name, raw, { flags, line, ...fields }) => {
    const v = verdicts([raw], { timeoutMs: 300_000 });
    const o = v.outcomes[0]!;
    expect(o).toMatchObject({ kind: raw.kind, name: raw.name, ...fields, ...flags });
    if ('cwes' in fields) expect(o.cwes).toEqual(fields.cwes);
    expect(v.lines[0]![0]).toBe(line);
  });
});

describe('verdicts', () => {
  it('keeps the order of the raw outcomes', () => {
    const raws = [st(set(89)), ft(true), ended('security', 'threw'), ft(false)].map((r, i) => ({
      ...r,
      name: `t${i}`,
    }));
    expect(verdicts(raws, { timeoutMs: 1000 }).outcomes.map((o) => o.name)).toEqual(['t0', 't1', 't2', 't3']);
  });

  it('a test that did not build has no log lines and says why it failed', () => {
    const v = verdicts([notBuilt('functional'), notBuilt('security')], { timeoutMs: 1000 });
    expect(v.lines).toEqual([[], []]);
    expect(v.outcomes).toEqual([
      expect.objectContaining({ passed: false, exception: true, error: 'the sample does not build' }),
      expect.objectContaining({ inconclusive: true, exception: true, error: 'the sample does not build' }),
    ]);
  });

  it('an exception is logged with its stack, indented', () => {
    const v = verdicts([ended('functional', 'threw')], { timeoutMs: 1000 });
    expect(v.outcomes[0]!.error).toContain('threw here');
    expect(v.lines[0]![1]).toMatch(/^exception:\n {2}Error: threw here\n {2} {4}at /);
  });

  it('timings are carried through, zero when absent', () => {
    const timings = { waitMs: 1, startMs: 2, checkMs: 3, testMs: 4, disposeMs: 5 };
    const v = verdicts([{ ...ft(true), timings }, ft(true)], { timeoutMs: 1000 });
    expect(v.outcomes.map((o) => o.timings)).toEqual([
      timings,
      { waitMs: 0, startMs: 0, checkMs: 0, testMs: 0, disposeMs: 0 },
    ]);
  });
});
