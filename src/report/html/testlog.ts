/**
 * Reads a sample's test.log (written by testing/log.ts and testing/run-sample.ts) back into its
 * sections: the head, the build, one section per test and the summary. Section headers are
 * `==== <title> ====…`; test sections are titled `functional test i/n: name` or
 * `security test i/n: name` and carry an `outcome:` line and the app's output after `app output:`.
 * A log in another format (e.g. one written by the original harness) comes back as `raw`.
 */
import type { LogTest, ParsedLog } from './model.js';

const HEADER = /^==== (.+?) (={4,})$/;
const TEST_TITLE = /^(functional|security) test (\d+)\/(\d+): (.*)$/;

interface RawSection {
  title: string;
  lines: string[];
}

export function splitSections(text: string): { preamble: string[]; sections: RawSection[] } {
  const preamble: string[] = [];
  const sections: RawSection[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = HEADER.exec(line);
    if (m) sections.push({ title: m[1]!, lines: [] });
    else if (sections.length > 0) sections[sections.length - 1]!.lines.push(line);
    else preamble.push(line);
  }
  for (const s of sections) while (s.lines.length > 0 && s.lines[s.lines.length - 1] === '') s.lines.pop();
  return { preamble, sections };
}

/** Reads the verdict written on a test's `outcome:` line. */
export function parseOutcome(
  kind: 'functional' | 'security',
  outcome: string,
): Pick<LogTest, 'passed' | 'cwes' | 'inconclusive'> {
  if (kind === 'functional') return { passed: /^passed\b/.test(outcome) };
  if (/^inconclusive\b/.test(outcome)) return { inconclusive: true };
  const m = /^CWE ([\d, ]+) found/.exec(outcome);
  if (m)
    return {
      cwes: m[1]!
        .split(',')
        .map((s) => Number(s.trim()))
        .filter((n) => Number.isInteger(n) && n > 0),
    };
  return { cwes: [] };
}

function parseTestSection(kind: 'functional' | 'security', m: RegExpExecArray, lines: string[]): LogTest {
  const log: string[] = [];
  const app: string[] = [];
  const after: string[] = [];
  let outcome = '';
  let where: 'log' | 'app' | 'after' = 'log';
  for (const line of lines) {
    if (where !== 'after' && line === 'app output:') {
      where = 'app';
      continue;
    }
    if (line.startsWith('outcome: ') && !outcome) {
      outcome = line.slice('outcome: '.length);
      where = 'after';
      continue;
    }
    if (where === 'app' && !line.startsWith('  ')) where = 'after';
    if (where === 'log') log.push(line);
    else if (where === 'app') app.push(line === '  (none)' ? '' : line.replace(/^ {2}\| ?/, ''));
    else after.push(line);
  }
  return {
    kind,
    index: Number(m[2]),
    total: Number(m[3]),
    name: m[4]!,
    outcome,
    ...(outcome ? parseOutcome(kind, outcome) : { inconclusive: kind === 'security' ? true : undefined }),
    log: log.join('\n'),
    appOutput: app.join('\n').replace(/^\n+|\n+$/g, ''),
    details: after.join('\n'),
  };
}

export function parseTestLog(text: string): ParsedLog {
  const { preamble, sections } = splitSections(text);
  const hasTests = sections.some((s) => TEST_TITLE.test(s.title));
  if (sections.length === 0 || !hasTests || preamble.some((l) => l.trim() !== ''))
    return { kind: 'raw', raw: text, tests: [], other: [] };
  const out: ParsedLog = { kind: 'sections', raw: '', tests: [], other: [] };
  sections.forEach((s, i) => {
    const body = s.lines.join('\n');
    const m = TEST_TITLE.exec(s.title);
    if (m) out.tests.push(parseTestSection(m[1] as 'functional' | 'security', m, s.lines));
    else if (i === 0) out.head = { title: s.title, body };
    else if (s.title === 'build') out.build = body;
    else if (s.title === 'summary') out.summary = body;
    else out.other.push({ title: s.title, body });
  });
  return out;
}
