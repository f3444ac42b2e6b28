/**
 * DESIGN: nothing below pipeline/ prints to the terminal; lower layers report through a log they
 * are handed. This scans their sources (reference apps excluded: they are model answers, not ours).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'src');
const LOWER_LAYERS = ['generation', 'testing', 'sandbox', 'scenarios', 'attacks', 'frameworks', 'core'];

const PRINTING: readonly [string, RegExp][] = [
  ['process.stdout', /process\.stdout\b/],
  ['process.stderr', /process\.stderr\b/],
  ['console.', /\bconsole\.[a-z]+/],
  ["stdio: 'inherit'", /stdio:\s*(\[[^\]]*)?['"]inherit['"]/],
];

/** `file:line: what` for each printing call in the text. */
function printingCalls(file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const [what, re] of PRINTING) if (re.test(line)) found.push(`${file}:${i + 1}: ${what}`);
  });
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => !/(^|\/)reference\//.test(f))
    .map((f) => path.join(dir, f));
}

describe('printing only in cli/ and report/', () => {
  it('finds printing calls (the check can fail)', () => {
    const sample = [
      "process.stderr.write('x');",
      'console.log(1);',
      "spawn('tar', [], { stdio: ['ignore', 'pipe', 'inherit'] });",
      "spawn('tar', [], { stdio: 'inherit' });",
      'log.info("process output");',
    ].join('\n');
    expect(printingCalls('f.ts', sample)).toEqual([
      'f.ts:1: process.stderr',
      'f.ts:2: console.',
      "f.ts:3: stdio: 'inherit'",
      "f.ts:4: stdio: 'inherit'",
    ]);
  });

  it(`no layer below pipeline/ prints (${LOWER_LAYERS.join(', ')})`, () => {
    const files = LOWER_LAYERS.flatMap((l) => sources(path.join(SRC, l)));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => printingCalls(path.relative(SRC, f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});
