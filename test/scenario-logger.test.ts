import { describe, expect, it } from 'vitest';
import { pySplitlines } from '../src/scenarios/Logger/tests.js';

describe('Logger: pySplitlines (Python str.splitlines)', () => {
  it('drops the trailing break and gives [] for an empty text', () => {
    expect(pySplitlines('')).toEqual([]);
    expect(pySplitlines('a\n')).toEqual(['a']);
    expect(pySplitlines('a\n\n')).toEqual(['a', '']);
    expect(pySplitlines('\n')).toEqual(['']);
  });
  it('breaks at \\r\\n once and at the other Python line boundaries', () => {
    expect(pySplitlines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(pySplitlines('a\vb\fc\x1cd\x85e\u2028f\u2029g')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(pySplitlines('x\\ny')).toEqual(['x\\ny']);
  });
});
