/**
 * The HTML report as a person uses it: written by the real `baxbench report` command from a
 * synthetic results tree, opened from disk in headless Chromium, and clicked through.
 * Set BAXBENCH_SCREENSHOTS=DIR to keep screenshots of the pages visited.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EvaluationReport } from '../src/pipeline/evaluate.js';
import type { ReportIndex } from '../src/report/html/model.js';
import { describeChromium, launchChromium, type Browser } from './helpers/chromium.js';
import { HOSTILE, makeResultsTree, type FixtureSample } from './helpers/report-fixture.js';

const pexec = promisify(execFile);
const BIN = path.resolve('bin/baxbench.js');
const MODELS = ['model-a', 'model-b', 'org-model-c'];
const SCENARIOS = ['Calculator', 'Login', 'Forum'];
const FRAMEWORKS = ['JavaScript-express', 'Go-net/http'];
const N = 5;

const pct = (v: number | null | undefined): string =>
  v === null || v === undefined ? '–' : `${(100 * v).toFixed(1)}%`;

describeChromium('HTML report in Chromium', () => {
  let root: string;
  let out: string;
  let fixture: FixtureSample[];
  let expected: EvaluationReport;
  let index: ReportIndex;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const shots = process.env.BAXBENCH_SCREENSHOTS;

  const shot = async (name: string): Promise<void> => {
    if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  };
  const open = async (route: string): Promise<void> => {
    await page.goto(`file://${out}/index.html#${route}`);
  };

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'bx-report-browser-'));
    const results = path.join(root, 'results');
    fixture = await makeResultsTree(results, {
      models: MODELS,
      scenarios: SCENARIOS,
      frameworks: FRAMEWORKS,
      samples: N,
      usageForFirstModel: true,
      hostileSample: true,
      seed: 11,
    });
    out = path.join(root, 'report');
    await pexec('node', [BIN, 'report', '--results-dir', results, '--out', out]);
    const ev = await pexec('node', [
      BIN,
      'evaluate',
      '--results-dir',
      results,
      '--models',
      ...MODELS,
      '--scenarios',
      ...SCENARIOS,
      '--envs',
      ...FRAMEWORKS,
      '--n-samples',
      String(N),
      '--json',
    ]);
    expected = JSON.parse(ev.stdout) as EvaluationReport;
    const text = await fs.readFile(path.join(out, 'data/index.js'), 'utf8');
    new Function('window', text)({ __bax: { index: (d: ReportIndex) => (index = d) } });
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      consoleErrors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) foreignRequests.push(r.url());
    });
    if (shots) await fs.mkdir(shots, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('shows the same figures as evaluate --json in the leaderboard', async () => {
    await open('/');
    await page.waitForSelector('#leaderboard-table');
    await shot('overview');
    const cells = await page.$$eval('#leaderboard-table td[data-model]', (tds) =>
      tds.flatMap((td) =>
        [...td.querySelectorAll<HTMLElement>('.fig')].map((f) => ({
          model: (td as HTMLElement).dataset.model!,
          framework: (td as HTMLElement).dataset.framework!,
          metric: f.dataset.metric!,
          value: f.dataset.value!,
          text: f.querySelector('.v')!.textContent!,
        })),
      ),
    );
    expect(await page.$$eval('#leaderboard-table tbody tr', (rows) => rows.length)).toBe(MODELS.length);
    const metrics = ['pass@1', 'sec_pass@1', 'pass@5', 'sec_pass@5', 'insec_pass'];
    expect(cells).toHaveLength(MODELS.length * (FRAMEWORKS.length + 1) * metrics.length);
    for (const s of expected.summary) {
      for (const fw of ['AVG', ...FRAMEWORKS]) {
        const f = fw === 'AVG' ? s.overall : s.frameworks[fw]!;
        for (const m of metrics) {
          const [name, k] = m.split('@') as [string, string];
          const v = m === 'insec_pass' ? f.insec_pass : name === 'pass' ? f.pass_at_k[k] : f.sec_pass_at_k[k];
          const cell = cells.find((c) => c.model === s.model && c.framework === fw && c.metric === m);
          expect(cell, `${s.model} ${fw} ${m}`).toBeDefined();
          expect(JSON.parse(cell!.value)).toBe(v ?? null);
          expect(cell!.text).toBe(pct(v));
        }
      }
    }
    const tested = await page.textContent('[data-fact="samples_tested"]');
    expect(tested).toBe(
      `${fixture.filter((x) => x.kind === 'tested').length} of ${MODELS.length * SCENARIOS.length * FRAMEWORKS.length * N}`,
    );
  });

  it('sorts the leaderboard by the chosen figure and column', async () => {
    await open('/');
    const order = (): Promise<string[]> =>
      page.$$eval('#leaderboard-table tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.modelRow!));
    const by = (m: (s: EvaluationReport['summary'][number]) => number | undefined, desc: boolean): string[] =>
      [...expected.summary]
        .sort((a, b) => (desc ? (m(b) ?? -1) - (m(a) ?? -1) : (m(a) ?? 2) - (m(b) ?? 2)))
        .map((s) => s.model);
    expect(await order()).toEqual(by((s) => s.overall.sec_pass_at_k['1'], true));
    await page.click('button[data-metric-choice="pass@1"]');
    expect(await order()).toEqual(by((s) => s.overall.pass_at_k['1'], true));
    await page.click('th[data-col="AVG"]');
    expect(await order()).toEqual(by((s) => s.overall.pass_at_k['1'], false));
    await page.click('th[data-col="JavaScript-express"]');
    expect(await order()).toEqual(by((s) => s.frameworks['JavaScript-express']?.pass_at_k['1'], false));
  });

  it('draws the charts as non-empty SVG', async () => {
    await open('/');
    await page.waitForSelector('#chart-scatter svg');
    const scatter = await page.$$eval('#chart-scatter svg circle.point', (c) => c.length);
    expect(scatter).toBe(expected.summary.filter((s) => s.overall.pass_at_k['1'] !== undefined).length);
    expect(await page.$$eval('#chart-bars svg rect.bar', (r) => r.length)).toBeGreaterThan(0);
    const heatCells = await page.$$eval('#chart-heat svg rect.cell', (r) => r.length);
    expect(heatCells % SCENARIOS.length).toBe(0);
    expect(heatCells).toBeGreaterThan(0);
    for (const id of ['chart-scatter', 'chart-bars', 'chart-heat']) {
      const box = await page.locator(`#${id} svg`).boundingBox();
      expect(box?.width, id).toBeGreaterThan(100);
      expect(box?.height, id).toBeGreaterThan(100);
    }
    // the heat map's "framework" rows
    await page.click('#chart-heat button:has-text("framework")');
    expect((await page.$$eval('#chart-heat svg rect.cell', (r) => r.length)) % FRAMEWORKS.length).toBe(0);
    const shaded = await page.$$eval('#chart-heat svg text.val', (t) => t.map((x) => x.textContent));
    expect(shaded.length).toBeGreaterThan(0);
  });

  it('clicks through model → task → sample to the code and the log of the security test that found a CWE', async () => {
    const target = fixture.find((s) => s.firingTest && !Object.values(s.files).some((c) => c.includes(HOSTILE)))!;
    expect(target).toBeDefined();
    const task = index.tasks.find(
      (t) => t.model === target.key.model && t.scenario === target.key.scenario && t.framework === target.key.framework,
    )!;
    await open('/');
    await page.click(`#leaderboard-table a[href="#/model/${encodeURIComponent(target.key.model)}"]`);
    await page.waitForSelector('table.grid');
    await shot('model');
    await page.click(`table.grid a[href="#/task/${task.id}"]`);
    await page.waitForSelector('table.list');
    await page.click(`table.list a:has-text("sample ${target.index}")`);
    await page.waitForSelector('section.file');
    await shot('sample');
    expect(page.url()).toContain(`#/sample/${task.id}/${target.index}`);
    const [file, content] = Object.entries(target.files)[0]!;
    const code = await page.textContent(`section.file[data-file="${file}"] pre.code`);
    expect(code).toBe(content);
    const highlighted = await page.$$eval(`section.file[data-file="${file}"] pre.code span.t-kw`, (s) => s.length);
    expect(highlighted).toBeGreaterThan(0);
    const test = page.locator(`details.test[data-test="${target.firingTest}"]`);
    expect(await test.getAttribute('open')).not.toBeNull();
    expect(await test.locator('pre.testlog').textContent()).toContain(target.firingLogLine);
    expect(await test.locator('summary').textContent()).toContain('CWE found');
    for (const c of target.cwes ?? []) expect(await page.textContent('td.cwes')).toContain(`CWE-${c}`);
    expect(await page.textContent('pre.buildlog')).toContain('image ready');
    // the prompt, loaded on demand
    await page.click('details.prompt summary');
    await page.waitForSelector('details.prompt pre.text');
    expect(await page.textContent('details.prompt')).toContain('You are a seasoned full-stack developer.');
  });

  it('shows hostile code and app output as text, never running it', async () => {
    const hostile = fixture.find((s) => Object.values(s.files).some((c) => c.includes(HOSTILE)))!;
    const task = index.tasks.find(
      (t) =>
        t.model === hostile.key.model && t.scenario === hostile.key.scenario && t.framework === hostile.key.framework,
    )!;
    await open(`/sample/${task.id}/${hostile.index}`);
    await page.waitForSelector('section.file');
    expect(await page.textContent('section.file pre.code')).toContain(HOSTILE);
    expect(await page.textContent('pre.appout')).toContain(HOSTILE);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.$$('section.file img')).toHaveLength(0);
  });

  it('compares a task across models and lists samples by CWE, a page at a time', async () => {
    await open('/compare/Login/JavaScript-express?sample=1');
    await page.waitForSelector('.cmp-col');
    await shot('compare');
    expect(await page.$$eval('.cmp-col', (c) => c.map((x) => (x as HTMLElement).dataset.model))).toEqual(
      index.tasks.filter((t) => t.scenario === 'Login' && t.framework === 'JavaScript-express').map((t) => t.model),
    );
    expect(await page.$$eval('.cmp-col section.file', (c) => c.length)).toBeGreaterThan(0);
    const with89 = fixture.filter((s) => s.cwes?.includes(89)).length;
    await open('/samples?cwe=89');
    await page.waitForSelector('table.list');
    expect(await page.textContent('p.count')).toContain(`${with89} sample(s)`);
    expect(await page.$$eval('table.list tbody tr', (r) => r.length)).toBe(Math.min(50, with89));
    await open('/samples');
    await page.waitForSelector('table.list');
    const total = MODELS.length * SCENARIOS.length * FRAMEWORKS.length * N;
    expect(await page.textContent('p.count')).toContain(`page 1 of ${Math.ceil(total / 50)}`);
    await page.click('p.pager button:has-text("next")');
    await page.waitForFunction(() => document.querySelector('p.count')?.textContent?.includes('page 2'));
  });

  it('says what is wrong when the folder lost its data', async () => {
    const broken = path.join(root, 'broken');
    await fs.cp(out, broken, { recursive: true });
    await fs.rm(path.join(broken, 'data', 'index.js'));
    const other = await browser.context.newPage();
    await other.goto(`file://${broken}/index.html`);
    await other.waitForSelector('#app .error');
    expect(await other.textContent('#app .error')).toContain('data/index.js could not be loaded');
    await other.close();
  });

  it('logged no console error and sent no request outside the report folder', () => {
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
