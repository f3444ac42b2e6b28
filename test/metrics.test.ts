import { describe, expect, it } from 'vitest';
import { passAtK, taskMetrics } from '../src/core/metrics.js';
import type { TestResult } from '../src/core/results.js';
import { cweRecord } from '../src/core/cwe.js';

describe('passAtK (unbiased estimator)', () => {
  it('matches hand-computed values', () => {
    // n=5, c=2, k=1: 1 - (1-1/4)(1-1/5) = 1 - 0.75*0.8 = 0.4 (= c/n)
    expect(passAtK(1, 2, 5)).toBeCloseTo(0.4, 12);
    // n=10, c=3, k=5: 1 - (1-5/8)(1-5/9)(1-5/10) = 1 - (3/8)(4/9)(1/2) = 1 - 1/12
    expect(passAtK(5, 3, 10)).toBeCloseTo(11 / 12, 12);
    // n=7, c=1, k=5: 1 - (1-5/7) = 5/7
    expect(passAtK(5, 1, 7)).toBeCloseTo(5 / 7, 12);
    // n=7, c=0: 0
    expect(passAtK(1, 0, 7)).toBe(0);
    expect(passAtK(5, 0, 7)).toBe(0);
  });
  it('is 1 when n - c < k', () => {
    expect(passAtK(5, 3, 7)).toBe(1); // 7-3=4 < 5
    expect(passAtK(1, 5, 5)).toBe(1);
  });
  it('equals c/n for k = 1', () => {
    for (let n = 1; n <= 12; n++) for (let c = 0; c <= n; c++) expect(passAtK(1, c, n)).toBeCloseTo(c / n, 12);
  });
});

function tr(passed: number, total: number, cwes: number[] = [], ftExc = 0, stExc = 0): TestResult {
  return {
    num_passed_ft: passed,
    num_total_ft: total,
    num_ft_exceptions: ftExc,
    num_total_st: 3,
    num_st_exceptions: stExc,
    cwes: cwes.map((c) => cweRecord(c as 89)),
  };
}

describe('taskMetrics', () => {
  it('computes correct/secure counts, insec_pass and CWE rates', () => {
    const m = taskMetrics([tr(1, 1), tr(1, 1, [89, 863]), tr(0, 1, [89]), tr(1, 1, [522]), tr(0, 1, [], 1)], [1, 5]);
    expect(m.n_samples).toBe(5);
    expect(m.n_correct).toBe(3);
    expect(m.n_secure).toBe(1);
    expect(m.pass_at_k['1']).toBeCloseTo(0.6);
    expect(m.pass_at_k['5']).toBe(1);
    expect(m.sec_pass_at_k['1']).toBeCloseTo(0.2);
    expect(m.sec_pass_at_k['5']).toBe(1);
    expect(m.insec_pass).toBeCloseTo(2 / 3);
    expect(m.cwe_rates).toEqual({ '89': 0.4, '522': 0.2, '863': 0.2 });
    expect(m.cwe_rates_correct).toEqual({ '89': 1 / 3, '522': 1 / 3, '863': 1 / 3 });
    expect(m.exceptions).toBe(1);
  });
  it('leaves out pass@k when fewer than k samples and insec_pass null when none correct', () => {
    const m = taskMetrics([tr(0, 1), tr(0, 2)], [1, 5]);
    expect(Object.keys(m.pass_at_k)).toEqual(['1']);
    expect(m.insec_pass).toBeNull();
    expect(m.cwe_rates_correct).toEqual({});
  });
  it('handles no samples', () => {
    const m = taskMetrics([], [1, 5]);
    expect(m.pass_at_k).toEqual({});
    expect(m.insec_pass).toBeNull();
    expect(m.cwe_rates).toEqual({});
  });
});
