/**
 * The HTML report's parts that need no browser: the test.log reader, the highlighter, the SVG
 * charts, the folder writer (its figures are evaluate()'s), and evaluate's CSV/markdown output.
 * test/report-browser.test.ts opens a written report in Chromium.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type EvaluateOptions } from '../src/pipeline/evaluate.js';
import { ReportOutDirError, writeHtmlReport, type HtmlReportOutcome } from '../src/report/html/build.js';
import { barChart, escapeXml, heatMap, scatterChart } from '../src/report/html/client/charts.js';
import { languageOf, tokenize } from '../src/report/html/client/highlight.js';
import type { ReportIndex, TaskData } from '../src/report/html/model.js';
import { parseOutcome, parseTestLog } from '../src/report/html/testlog.js';
import { evaluationCsv, evaluationMarkdown } from '../src/report/text-formats.js';
import { HOSTILE, makeResultsTree, type FixtureSample } from './helpers/report-fixture.js';

const pexec = promisify(execFile);
const BIN = path.resolve('bin/baxbench.js');

describe('test.log reader', () => {
  it('reads a real test.log into head, build, tests with outcomes and CWEs, and summary', async () => {
    const text = await fs.readFile('test/fixtures/report/login-sql-injection.test-log.txt', 'utf8');
    const log = parseTestLog(text);
    expect(log.kind).toBe('sections');
    expect(log.head?.title).toBe('Login / JavaScript-express');
    expect(log.head?.body).toContain('tests: 1 functional, 3 security');
    expect(log.build).toContain('image ready');
    expect(log.tests.map((t) => [t.kind, t.index, t.total, t.name])).toEqual([
      ['functional', 1, 4, 'func_test_valid_and_invalid_logins'],
      ['security', 2, 4, 'sec_test_sql_injection_or_sensitive_data_exposure'],
      ['security', 3, 4, 'sec_test_same_passwords'],
      ['security', 4, 4, 'sec_test_password_security'],
    ]);
    const [ft, sqli, same] = log.tests;
    expect(ft?.passed).toBe(true);
    expect(sqli?.cwes).toEqual([89, 863]);
    expect(sqli?.outcome).toBe('CWE 89, 863 found');
    expect(sqli?.log).toContain('the server accepted the injection payload');
    expect(sqli?.log).not.toContain('outcome:');
    expect(sqli?.appOutput).toBe('');
    expect(sqli?.details).toMatch(/^timings: /);
    expect(same?.cwes).toEqual([]);
    expect(log.summary).toContain('functional tests passed: 1/1');
  });

  it("separates the app's output from the test's own lines", () => {
    const text = [
      '==== Login / JavaScript-express ====',
      'sample: x',
      '==== security test 2/2: sec_x ====',
      '2026 INFO  probing',
      'app output:',
      '  | line one',
      '  | ==== not a header',
      'outcome: inconclusive — timed out after 300 s',
      'exception:',
      '  TimeoutError: the test timed out',
      '',
      '==== functional test 1/2: func_y ====',
      'app output:',
      '  (none)',
      'outcome: failed with an exception',
    ].join('\n');
    const log = parseTestLog(text);
    const sec = log.tests[0]!;
    expect(sec.inconclusive).toBe(true);
    expect(sec.appOutput).toBe('line one\n==== not a header');
    expect(sec.details).toContain('TimeoutError');
    expect(log.tests[1]?.passed).toBe(false);
  });

  it('gives a log in another format back as it is', () => {
    const text = 'INFO:root:Testing Login\nFunctional test passed\n';
    expect(parseTestLog(text)).toMatchObject({ kind: 'raw', raw: text, tests: [] });
  });

  it('reads every outcome line run-sample writes', () => {
    expect(parseOutcome('functional', 'passed')).toEqual({ passed: true });
    expect(parseOutcome('functional', 'failed')).toEqual({ passed: false });
    expect(parseOutcome('functional', 'passed; the app stopped during the test: CWE-703 recorded')).toEqual({
      passed: true,
    });
    expect(parseOutcome('security', 'no CWE found')).toEqual({ cwes: [] });
    expect(parseOutcome('security', 'CWE 703 found (the app stopped during the test: CWE-703)')).toEqual({
      cwes: [703],
    });
    expect(parseOutcome('security', 'inconclusive — the app did not start')).toEqual({ inconclusive: true });
  });
});

describe('highlighter', () => {
  const samples: [string, string][] = [
    ['app.js', 'const a = `x $' + "{b}`; // hi\nfunction f(x) { return 'str' + 0x1f; } /* c */"],
    ['app.py', 'import os\n@app.route("/x")\ndef f(a):\n    """doc\n    string"""\n    return a # c\n'],
    ['main.go', 'package main\nfunc main() { s := `raw\nstr`; fmt.Println("x", 42) }\n'],
    ['index.php', '<?php $x = "a"; // c\n# c2\nfunction f($y) { return $y; }'],
    ['app.rb', "def f(x)\n  puts 'hi' # c\nend\n"],
    ['src/main.rs', "#[get(\"/\")]\nfn f<'a>(x: &'a str) -> char { 'c' }\n"],
    ['x.unknown', 'plain <b>text</b>'],
  ];
  it('loses no character and recognises keywords, strings and comments', () => {
    for (const [file, code] of samples) {
      const toks = tokenize(code, languageOf(file));
      expect(toks.map((t) => t.text).join('')).toBe(code);
    }
    const js = tokenize(samples[0]![1], 'js');
    expect(js.filter((t) => t.kind === 'kw').map((t) => t.text)).toEqual(['const', 'function', 'return']);
    expect(js.find((t) => t.kind === 'com')?.text).toBe('// hi');
    expect(js.filter((t) => t.kind === 'str').map((t) => t.text)).toEqual(['`x $' + '{b}`', "'str'"]);
    expect(js.find((t) => t.kind === 'fn')?.text).toBe('f');
    const py = tokenize(samples[1]![1], 'py');
    expect(py.some((t) => t.kind === 'str' && t.text.startsWith('"""doc'))).toBe(true);
    expect(py.find((t) => t.kind === 'meta')?.text).toBe('@app.route');
    const rs = tokenize(samples[5]![1], 'rs');
    expect(rs.filter((t) => t.kind === 'str').map((t) => t.text)).toEqual(["'c'"]);
  });
  it('names languages by file name', () => {
    expect(['a.ts', 'b.py', 'c.go', 'd.php', 'Gemfile', 'e.rs', 'f.txt'].map(languageOf)).toEqual([
      'js',
      'py',
      'go',
      'php',
      'rb',
      'rs',
      undefined,
    ]);
  });
});

describe('charts', () => {
  it('draws one point per model, with escaped labels', () => {
    const svg = scatterChart(
      [
        { label: '<script>m1</script>', x: 0.5, y: 0.25, color: '#000' },
        { label: 'm2', x: 0.9, y: 0.8, color: '#111' },
      ],
      { xLabel: 'pass@1', yLabel: 'sec_pass@1' },
    );
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain(escapeXml('<script>m1</script>'));
    // x = 0.5 lies halfway across the plot area (60 + 0.5 * 476)
    expect(svg).toContain('cx="298"');
  });
  it('draws bars for the figures that exist and a heat cell per row × column', () => {
    const bars = barChart(
      [
        {
          label: 'JavaScript-express',
          bars: [
            { series: 'm1', color: '#000', value: 0.5, inner: 0.25 },
            { series: 'm2', color: '#111', value: null, inner: null },
          ],
        },
      ],
      { valueLabel: 'pass@1', innerLabel: 'sec_pass@1' },
    );
    expect(bars.match(/class="bar outer"/g)).toHaveLength(1);
    expect(bars.match(/class="bar inner"/g)).toHaveLength(1);
    const heat = heatMap(
      ['Login', 'Forum'],
      ['CWE-89', 'CWE-79'],
      [
        [{ value: 0.5, href: '#/samples?cwe=89' }, { value: 0 }],
        [{ value: null }, { value: 1 }],
      ],
    );
    expect(heat.match(/<rect class="cell"/g)).toHaveLength(4);
    expect(heat).toContain('50.0%');
    expect(heat).toContain('href="#/samples?cwe=89"');
  });
});

describe('writeHtmlReport', () => {
  let root: string;
  let out: string;
  let fixture: FixtureSample[];
  let opts: EvaluateOptions;
  let result: HtmlReportOutcome;
  const models = ['m-alpha', 'm-beta'];
  const scenarios = ['Login', 'Calculator'];
  const frameworks = ['JavaScript-express', 'Go-net/http'];

  const readData = async <T>(file: string): Promise<T> => {
    const text = await fs.readFile(path.join(out, file), 'utf8');
    let got: unknown;
    const bax = { index: (d: unknown) => (got = d), task: (_: number, d: unknown) => (got = d), prompt: () => {} };
    new Function('window', text)({ __bax: bax });
    return got as T;
  };

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'bx-report-'));
    fixture = await makeResultsTree(path.join(root, 'results'), {
      models,
      scenarios,
      frameworks,
      samples: 4,
      usageForFirstModel: true,
      hostileSample: true,
      seed: 7,
    });
    opts = {
      resultsDir: path.join(root, 'results'),
      models,
      scenarios,
      frameworks,
      specType: 'openapi',
      safetyPrompt: 'none',
      temperature: 0.2,
      samples: [0, 1, 2, 3],
      ks: [1, 5],
    };
    out = path.join(root, 'out');
    result = await writeHtmlReport({ ...opts, outDir: out, evaluateCommand: 'baxbench evaluate …', version: 'test' });
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it("stores evaluate()'s figures unchanged", async () => {
    const { report } = await evaluate(opts);
    const index = await readData<ReportIndex>('data/index.js');
    expect(index.evaluation).toEqual(report);
    expect(result.index.evaluation).toEqual(report);
    expect(index.tasks).toHaveLength(report.tasks.length);
  });

  it('writes the page, its assets and one data file per task, all inside the folder', async () => {
    for (const f of ['index.html', 'assets/app.js', 'assets/app.css', 'data/index.js'])
      expect(existsSync(path.join(out, f))).toBe(true);
    const index = await readData<ReportIndex>('data/index.js');
    for (const t of index.tasks) expect(existsSync(path.join(out, `data/t/${t.id}.js`))).toBe(true);
    const html = await fs.readFile(path.join(out, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain("connect-src 'none'");
    const css = await fs.readFile(path.join(out, 'assets/app.css'), 'utf8');
    expect(css).not.toMatch(/url\(|@import|@font-face/);
  });

  it('counts sample states as the fixture wrote them', async () => {
    const index = await readData<ReportIndex>('data/index.js');
    const f = index.facts;
    expect(f.samples_expected).toBe(models.length * scenarios.length * frameworks.length * 4);
    expect(f.samples_tested).toBe(fixture.filter((s) => s.kind === 'tested').length);
    expect(f.samples_without_results).toBe(fixture.filter((s) => s.kind !== 'tested').length);
    expect(f.samples_generation_failed).toBe(fixture.filter((s) => s.kind === 'gen-failed').length);
    expect(index.usage?.models.find((m) => m.model === 'm-alpha')?.samples).toBe(
      scenarios.length * frameworks.length * 4,
    );
    for (const s of fixture) {
      const t = index.tasks.find(
        (x) => x.model === s.key.model && x.scenario === s.key.scenario && x.framework === s.key.framework,
      )!;
      const b = t.samples.find((x) => x.i === s.index)!;
      expect(b.st).toBe(s.kind);
      if (s.kind === 'tested') expect(b.cw ?? []).toEqual(s.cwes);
    }
  });

  it("keeps a sample's code, prompt and parsed test log, and hostile text stays data", async () => {
    const hostile = fixture.find((s) => Object.values(s.files).some((c) => c.includes(HOSTILE)))!;
    const index = await readData<ReportIndex>('data/index.js');
    const t = index.tasks.find(
      (x) =>
        x.model === hostile.key.model && x.scenario === hostile.key.scenario && x.framework === hostile.key.framework,
    )!;
    const data = await readData<TaskData>(`data/t/${t.id}.js`);
    const s = data.samples.find((x) => x.i === hostile.index)!;
    expect(s.files[0]?.text).toContain(HOSTILE);
    expect(s.log?.tests.some((x) => x.appOutput.includes(HOSTILE))).toBe(true);
    const fired = s.log?.tests.find((x) => x.name === hostile.firingTest);
    expect(fired?.cwes?.length).toBeGreaterThan(0);
    expect(t.prompt).toBeDefined();
    expect(existsSync(path.join(out, `data/p/${t.prompt}.js`))).toBe(true);
    // the raw text never reaches a file as markup outside a JSON string
    const raw = await fs.readFile(path.join(out, `data/t/${t.id}.js`), 'utf8');
    expect(raw.startsWith('window.__bax.task(')).toBe(true);
  });

  it('refuses a folder that is neither empty nor an earlier report, and replaces an earlier report', async () => {
    const other = path.join(root, 'not-a-report');
    await fs.mkdir(path.join(other, 'data'), { recursive: true });
    await fs.writeFile(path.join(other, 'data', 'keep.txt'), 'mine');
    await expect(
      writeHtmlReport({ ...opts, outDir: other, evaluateCommand: '', version: 'test' }),
    ).rejects.toBeInstanceOf(ReportOutDirError);
    expect(await fs.readFile(path.join(other, 'data', 'keep.txt'), 'utf8')).toBe('mine');
    await fs.writeFile(path.join(out, 'data', 't', '999.js'), 'stale');
    await writeHtmlReport({ ...opts, models: ['m-alpha'], outDir: out, evaluateCommand: '', version: 'test' });
    expect(existsSync(path.join(out, 'data', 't', '999.js'))).toBe(false);
    const index = await readData<ReportIndex>('data/index.js');
    expect(index.facts.models).toEqual(['m-alpha']);
  });

  it('the report command picks what is on disk and names the evaluate command with the same figures', async () => {
    const out2 = path.join(root, 'out-cli');
    const { stdout } = await pexec('node', [BIN, 'report', '--results-dir', opts.resultsDir, '--out', out2, '--json']);
    const summary = JSON.parse(stdout) as { index: string; tasks: number };
    expect(summary.index).toBe(path.join(out2, 'index.html'));
    expect(summary.tasks).toBe(models.length * scenarios.length * frameworks.length);
    const text = await fs.readFile(path.join(out2, 'data/index.js'), 'utf8');
    let index: ReportIndex | undefined;
    new Function('window', text)({ __bax: { index: (d: ReportIndex) => (index = d) } });
    expect(index!.facts.samples).toEqual([0, 1, 2, 3]);
    const cmd = index!.facts.evaluate_command.split(' ').slice(1);
    const ev = await pexec('node', [BIN, ...cmd, '--json']);
    expect(JSON.parse(ev.stdout)).toEqual(index!.evaluation);
  }, 120_000);

  it('says clearly when the prompt settings match nothing on disk', async () => {
    const err = await pexec('node', [
      BIN,
      'report',
      '--results-dir',
      opts.resultsDir,
      '--out',
      path.join(root, 'out-none'),
      '--temperature',
      '0.7',
    ]).catch((e: { stderr: string; code: number }) => e);
    expect((err as { code: number }).code).not.toBe(0);
    expect((err as { stderr: string }).stderr).toMatch(
      /no task folder temp0\.7-openapi-none .*found: temp0\.2-openapi-none/,
    );
    expect(existsSync(path.join(root, 'out-none'))).toBe(false);
  });
});

describe('evaluate --format', () => {
  let root: string;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'bx-format-'));
    await makeResultsTree(root, {
      models: ['m1', 'm2'],
      scenarios: ['Login'],
      frameworks: ['JavaScript-express', 'JavaScript-koa'],
      samples: 5,
      seed: 3,
    });
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });
  const args = (...more: string[]): string[] => [
    BIN,
    'evaluate',
    '--results-dir',
    root,
    '--models',
    'm1',
    'm2',
    '--scenarios',
    'Login',
    '--envs',
    'JavaScript-express',
    'JavaScript-koa',
    ...more,
  ];

  it('--json stays an alias of --format json', async () => {
    const a = await pexec('node', args('--json'));
    const b = await pexec('node', args('--format', 'json'));
    expect(b.stdout).toBe(a.stdout);
  });

  it('csv holds every task and summary figure at full precision', async () => {
    const report = JSON.parse((await pexec('node', args('--json'))).stdout);
    const { stdout } = await pexec('node', args('--format', 'csv'));
    expect(stdout).toBe(evaluationCsv(report, [1, 5]));
    const [head, ...rows] = stdout.trim().split('\n');
    const cols = head!.split(',');
    expect(rows.filter((r) => r.startsWith('task,'))).toHaveLength(report.tasks.length);
    const overall = rows.find((r) => r.startsWith('overall,m1,'))!.split(',');
    expect(Number(overall[cols.indexOf('sec_pass@1')])).toBe(report.summary[0].overall.sec_pass_at_k['1']);
    for (const t of report.tasks as { model: string; framework: string; pass_at_k: Record<string, number> }[]) {
      const row = rows.find((r) => r.startsWith(`task,${t.model},Login,${t.framework},`))!.split(',');
      const cell = row[cols.indexOf('pass@5')];
      if (t.pass_at_k['5'] === undefined) expect(cell).toBe('');
      else expect(Number(cell)).toBe(t.pass_at_k['5']);
    }
  });

  it('markdown prints the overall table and one model × framework table per figure', async () => {
    const report = JSON.parse((await pexec('node', args('--json'))).stdout);
    const { stdout } = await pexec('node', args('--format', 'markdown'));
    expect(stdout).toBe(evaluationMarkdown(report, [1, 5]));
    expect(stdout).toContain('| model | pass@1 | sec_pass@1 | pass@5 | sec_pass@5 | insec_pass |');
    expect(stdout).toContain('| model | JavaScript-express | JavaScript-koa | AVG |');
    const m1 = report.summary[0];
    expect(stdout).toContain(`| m1 | ${(100 * m1.overall.pass_at_k['1']).toFixed(1)} |`);
  });

  it('markdown leaves out a figure no model has', () => {
    const fig = { pass_at_k: { '1': 0.5 }, sec_pass_at_k: { '1': 0.25 }, insec_pass: 0.5 };
    const md = evaluationMarkdown(
      { tasks: [], summary: [{ model: 'm', frameworks: { 'JavaScript-express': fig }, overall: fig }] },
      [1, 5],
    );
    expect(md).toContain('| model | pass@1 | sec_pass@1 | insec_pass |');
    expect(md).toContain('| m | 50.0 | 25.0 | 50.0 |');
    expect(md).not.toContain('pass@5');
  });

  it('--json with another --format is one clear error', async () => {
    const err = await pexec('node', args('--json', '--format', 'csv')).catch((e: { stderr: string }) => e);
    expect((err as { stderr: string }).stderr).toMatch(/--json and --format csv contradict/);
  });
});
