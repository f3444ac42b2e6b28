/**
 * Synthetic results trees for the HTML report's tests and its size/time measurement: fake
 * samples in the real on-disk format — code files, test_results.json (counted by the real
 * TestResultBuilder), test.log (written with the real SampleLog, sections as run-sample writes
 * them) and gen_usage.json (the real recordUsage). Deterministic for a given seed.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CweNum } from '../../src/core/cwe.js';
import { codeDir, sampleDir, TestResultBuilder, writeTestResult } from '../../src/core/results.js';
import type { TaskKey } from '../../src/core/types.js';
import { getFramework } from '../../src/frameworks/index.js';
import { FAILED_MARKER, RAW_ANSWER_FILE } from '../../src/generation/layout.js';
import { recordUsage, usageFile } from '../../src/generation/usage.js';
import { loadScenario } from '../../src/scenarios/index.js';
import { SampleLog } from '../../src/testing/log.js';

export interface FixtureOptions {
  models: string[];
  scenarios: string[];
  frameworks: string[];
  samples: number;
  temperature?: number;
  seed?: number;
  /** write gen_usage.json (tokens and cost) for the first model only */
  usageForFirstModel?: boolean;
  /** one sample whose code and app output try to inject HTML/JS into the report */
  hostileSample?: boolean;
}

/** What the fixture wrote, for tests to find a sample of each kind. */
export interface FixtureSample {
  key: TaskKey;
  index: number;
  kind: 'tested' | 'untested' | 'gen-failed';
  correct?: boolean;
  cwes?: CweNum[];
  /** name of a security test that proved a CWE (when any did) */
  firingTest?: string;
  /** a line of that test's log, to look for in the page */
  firingLogLine?: string;
  files: Record<string, string>;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

export const HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

function fakeCode(scenario: string, framework: string, sample: number, r: () => number, lines: number): string {
  const out = [
    `// ${scenario} on ${framework}, sample ${sample}`,
    "const express = require('express');",
    "const sqlite3 = require('sqlite3');",
    'const app = express();',
    'app.use(express.json());',
    "const db = new sqlite3.Database('db.sqlite3');",
    '',
  ];
  for (let i = 0; out.length < lines; i++) {
    const n = Math.floor(r() * 1000);
    out.push(
      `app.post('/route${i}', async (req, res) => {`,
      `  /* handler ${i} */ const value = req.body.item${n} ?? "default ${n}";`,
      `  db.run('INSERT INTO items (name) VALUES (?)', [value], (err) => {`,
      `    if (err) return res.status(500).json({ error: 'failed' });`,
      `    res.status(201).json({ id: ${n}, ok: true });`,
      '  });',
      '});',
      '',
    );
  }
  out.push("app.listen(5000, '0.0.0.0');", '');
  return out.join('\n');
}

export async function makeResultsTree(dir: string, opts: FixtureOptions): Promise<FixtureSample[]> {
  const r = rng(opts.seed ?? 42);
  const written: FixtureSample[] = [];
  const temperature = opts.temperature ?? 0.2;
  let hostileDone = !opts.hostileSample;
  for (const [mi, model] of opts.models.entries()) {
    const skill = 0.85 - 0.2 * mi;
    for (const scenarioId of opts.scenarios) {
      const scenario = await loadScenario(scenarioId);
      for (const framework of opts.frameworks) {
        const fw = getFramework(framework);
        const key: TaskKey = {
          model,
          scenario: scenarioId,
          framework,
          temperature,
          specType: 'openapi',
          safetyPrompt: 'none',
        };
        for (let i = 0; i < opts.samples; i++) {
          const roll = r();
          const fileName = fw.codeFilename ?? 'src/main.ts';
          const files: Record<string, string> = {
            [fileName]: fakeCode(scenarioId, framework, i, r, 60 + Math.floor(r() * 80)),
          };
          const hostile = !hostileDone && mi === 0;
          if (hostile) files[fileName] = `// ${HOSTILE}\n${files[fileName]}`;
          const sDir = sampleDir(dir, key, i);
          if (roll < 0.03 && !hostile) {
            // an answer without code (the marker generation writes)
            await fs.mkdir(codeDir(dir, key, i), { recursive: true });
            await fs.writeFile(
              path.join(codeDir(dir, key, i), FAILED_MARKER),
              'No code could be taken from the answer\n',
            );
            await fs.writeFile(path.join(sDir, RAW_ANSWER_FILE), 'I am sorry, I cannot write that.\n');
            written.push({ key, index: i, kind: 'gen-failed', files: {} });
          } else {
            for (const [rel, text] of Object.entries(files)) {
              await fs.mkdir(path.dirname(path.join(codeDir(dir, key, i), rel)), { recursive: true });
              await fs.writeFile(path.join(codeDir(dir, key, i), rel), text);
            }
            if (roll < 0.06 && !hostile) {
              written.push({ key, index: i, kind: 'untested', files });
            } else {
              written.push(await writeTested(sDir, key, i, scenario, files, r, skill, hostile));
              if (hostile) hostileDone = true;
            }
          }
          if (opts.usageForFirstModel && mi === 0) {
            const input = 1500 + Math.floor(r() * 500);
            const output = 800 + Math.floor(r() * 1200);
            await recordUsage(usageFile(dir, key), {
              meta: { model: `openai:${model}`, provider: 'openai', model_id: model },
              sample: {
                index: i,
                record: {
                  status: 'generated',
                  attempts: 1,
                  input_tokens: input,
                  output_tokens: output,
                  reasoning_tokens: 0,
                  cached_input_tokens: 0,
                  total_tokens: input + output,
                  cost_usd: (input * 2.5 + output * 10) / 1e6,
                  duration_ms: 4000 + Math.floor(r() * 9000),
                  finish_reason: 'stop',
                  files: Object.keys(files),
                  generated_at: '2026-12-01T10:00:00.000Z',
                },
              },
              spent: {
                requests: 1,
                usage: {
                  inputTokens: input,
                  outputTokens: output,
                  reasoningTokens: 0,
                  cachedInputTokens: 0,
                  totalTokens: input + output,
                },
                costUsd: (input * 2.5 + output * 10) / 1e6,
              },
            });
          }
        }
      }
    }
  }
  return written;
}

async function writeTested(
  sDir: string,
  key: TaskKey,
  index: number,
  scenario: Awaited<ReturnType<typeof loadScenario>>,
  files: Record<string, string>,
  r: () => number,
  skill: number,
  hostile: boolean,
): Promise<FixtureSample> {
  const correct = hostile || r() < skill;
  const exploited = hostile || (correct && r() < 0.45);
  const log = new SampleLog();
  const head = log.section(`${scenario.id} / ${key.framework}`);
  head.line(`sample: ${sDir}`);
  head.line(`files: ${Object.keys(files).sort().join(', ')}`);
  head.line('started: 2026-12-01T10:00:00.000Z');
  head.line(
    `tests: ${scenario.functionalTests.length} functional, ${scenario.securityTests.length} security; time limit per test 300 s`,
  );
  const build = log.section('build');
  build.line('image ready in 3 ms, sample ready in 0 ms');
  const builder = new TestResultBuilder();
  const total = scenario.functionalTests.length + scenario.securityTests.length;
  let n = 0;
  const failAt = correct ? -1 : Math.floor(r() * scenario.functionalTests.length);
  for (const [fi, t] of scenario.functionalTests.entries()) {
    const s = log.section(`functional test ${++n}/${total}: ${t.name}`);
    const passed = fi !== failAt;
    s.line(`2026-12-01T10:00:0${n}.000Z INFO  app answered after 412 ms`);
    s.line(`2026-12-01T10:00:0${n}.100Z INFO  checked the endpoints of ${scenario.id}`);
    if (!passed) s.line('2026-12-01T10:00:01.200Z WARN  expected status 200, got 500');
    s.line('app output:');
    s.line(hostile ? `  | ${HOSTILE}` : '  | listening on 0.0.0.0:5000');
    s.line(`outcome: ${passed ? 'passed' : 'failed'}`);
    s.line('timings: wait 0 ms, start 400 ms, checks 50 ms, test 300 ms, dispose 10 ms');
    builder.recordFunctional(passed, false);
  }
  let firingTest: string | undefined;
  let firingLogLine: string | undefined;
  const forced = exploited ? Math.floor(r() * scenario.securityTests.length) : -1;
  for (const [si, t] of scenario.securityTests.entries()) {
    const s = log.section(`security test ${++n}/${total}: ${t.name}`);
    const inconclusive = !exploited && r() < 0.04;
    const fires = !inconclusive && (si === forced || (!exploited ? false : r() < 0.3)) && t.cwes.length > 0;
    s.line('2026-12-01T10:00:05.000Z INFO  app answered after 380 ms');
    const cwes = new Set<CweNum>(fires ? t.cwes : []);
    if (fires) {
      const line = `2026-12-01T10:00:05.200Z WARN  exploit ${t.name} succeeded: payload ' OR '1'='1 accepted`;
      s.line(line);
      firingTest ??= t.name;
      firingLogLine ??= line;
    } else s.line('2026-12-01T10:00:05.200Z INFO  the app refused every payload');
    s.line('app output:');
    s.line(hostile ? `  | ${HOSTILE}` : '  (none)');
    const list = [...cwes].sort((a, b) => a - b);
    s.line(`outcome: ${inconclusive ? 'inconclusive' : list.length ? `CWE ${list.join(', ')} found` : 'no CWE found'}`);
    if (inconclusive) s.line('exception:\n  Error: socket hang up');
    s.line('timings: wait 0 ms, start 380 ms, checks 50 ms, test 250 ms, dispose 10 ms');
    builder.recordSecurity(inconclusive ? null : cwes);
  }
  const result = builder.build();
  const end = log.section('summary');
  end.line(
    `functional tests passed: ${result.num_passed_ft}/${result.num_total_ft} (exceptions: ${result.num_ft_exceptions})`,
  );
  end.line(`security tests: ${result.num_total_st} (inconclusive: ${result.num_st_exceptions})`);
  end.line(`CWEs: ${result.cwes.map((c) => String(c.num)).join(', ') || 'none'}`);
  await fs.writeFile(path.join(sDir, 'test.log'), log.text());
  await writeTestResult(path.join(sDir, 'test_results.json'), result);
  return {
    key,
    index,
    kind: 'tested',
    correct: result.num_passed_ft === result.num_total_ft,
    cwes: result.cwes.map((c) => c.num),
    firingTest,
    firingLogLine,
    files,
  };
}
