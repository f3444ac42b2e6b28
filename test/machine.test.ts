import { describe, expect, it } from 'vitest';
import {
  appsMemoryHolds,
  machineConcurrency,
  MIN_RESTING_PLACES,
  restingPlaceCount,
  type MachineFacts,
} from '../src/core/machine.js';

const GiB = 2 ** 30;
const machine = (cpus: number, gib: number): MachineFacts => ({ cpus, availableMemoryBytes: gib * GiB });

describe('machine sizing', () => {
  it('apps the memory holds at 1 GiB each after the 2 GiB reserve, never negative', () => {
    expect(appsMemoryHolds(machine(2, 22.8))).toBe(20);
    expect(appsMemoryHolds(machine(2, 8))).toBe(6);
    expect(appsMemoryHolds(machine(2, 1))).toBe(0);
  });

  it('default concurrency: 4 per core, within half of what memory holds (resting instances need the other half), at least 1', () => {
    // the development machine: 2 cores, ~23 GiB available → by cores
    expect(machineConcurrency(machine(2, 22.8))).toBe(8);
    // 16 cores, 24 GiB: memory holds 22 instances, 11 running + 11 resting
    expect(machineConcurrency(machine(16, 24))).toBe(11);
    // 4 cores, 8 GiB: 6 instances, 3 running
    expect(machineConcurrency(machine(4, 8))).toBe(3);
    expect(machineConcurrency(machine(4, 1))).toBe(1);
  });

  it('running and resting instances of the default fit in memory together', () => {
    for (const cpus of [1, 2, 4, 8, 32])
      for (const gib of [4, 6, 8, 12, 24, 64, 256]) {
        const m = machine(cpus, gib);
        const n = machineConcurrency(m);
        if (appsMemoryHolds(m) >= 2)
          expect(n + restingPlaceCount(n, appsMemoryHolds(m))).toBeLessThanOrEqual(appsMemoryHolds(m));
      }
  });

  it('resting places: as many as running, at least 4, within what memory leaves', () => {
    expect(restingPlaceCount(1)).toBe(MIN_RESTING_PLACES);
    expect(restingPlaceCount(8)).toBe(8);
    expect(restingPlaceCount(8, 20)).toBe(8);
    expect(restingPlaceCount(16, 20)).toBe(4);
    expect(restingPlaceCount(3, 6)).toBe(3);
    expect(restingPlaceCount(30, 20)).toBe(0);
  });
});
