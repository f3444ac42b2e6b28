/**
 * npm run bench:report — size and time-to-open of the HTML report on a large synthetic run.
 *
 * Writes a results tree of BENCH_MODELS × BENCH_SCENARIOS × BENCH_FRAMEWORKS × BENCH_SAMPLES
 * samples (default 4 × 25 × 10 × 10 = 10,000; code, test_results.json, test.log, gen_usage.json in
 * the real format, test/helpers/report-fixture.ts), writes its report, then opens it from disk in
 * headless Chromium (Debian's chromium, /usr/bin/chromium or BAXBENCH_CHROMIUM) BENCH_OPENS times.
 *
 * Prints readable lines, then as its LAST line one JSON object:
 *   samples, tasks             what the report holds
 *   write_report_ms            writeHtmlReport (reading the tree, evaluate, writing the folder)
 *   report_bytes, files        the report folder's size and number of files
 *   index_bytes                data/index.js, the only data the first view loads
 *   open_overview_ms           page.goto → leaderboard and all three charts drawn, as the test driver sees it (median)
 *   first_view_ms              the page's own clock: navigation start → overview on screen (median)
 *   open_model_ms              from the overview to a model's scenario × framework grid (median)
 *   open_sample_ms             navigation to a sample → its code and tests drawn, task file loaded (median)
 *   open_compare_ms            compare page of one task across all models (median)
 *   open_samples_list_ms       samples list, first page of all samples (median)
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SCENARIO_IDS } from '../src/scenarios/index.js';
import { FRAMEWORK_IDS } from '../src/frameworks/index.js';
import { writeHtmlReport } from '../src/report/html/build.js';
import { chromiumAvailable, CHROMIUM, launchChromium } from '../test/helpers/chromium-launch.js';
import { makeResultsTree } from '../test/helpers/report-fixture.js';

const MODELS = Number(process.env.BENCH_MODELS ?? 4);
const SCENARIOS = Number(process.env.BENCH_SCENARIOS ?? 25);
const FRAMEWORKS = Number(process.env.BENCH_FRAMEWORKS ?? 10);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 10);
const OPENS = Number(process.env.BENCH_OPENS ?? 5);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]!);
};

async function du(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const e of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += (await fs.stat(path.join(e.parentPath, e.name))).size;
  }
  return { bytes, files };
}

async function main(): Promise<void> {
  if (!chromiumAvailable) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'bx-bench-report-'));
  try {
    const models = Array.from({ length: MODELS }, (_, i) => `bench-model-${i + 1}`);
    const scenarios = SCENARIO_IDS.slice(0, SCENARIOS);
    const frameworks = FRAMEWORK_IDS.slice(0, FRAMEWORKS);
    const results = path.join(root, 'results');
    const samples = MODELS * scenarios.length * frameworks.length * SAMPLES;
    process.stdout.write(
      `writing a results tree: ${MODELS} models × ${scenarios.length} scenarios × ${frameworks.length} frameworks × ${SAMPLES} samples = ${samples} samples\n`,
    );
    const t0 = performance.now();
    await makeResultsTree(results, {
      models,
      scenarios,
      frameworks,
      samples: SAMPLES,
      usageForFirstModel: true,
      seed: 1,
    });
    process.stdout.write(
      `  tree written in ${Math.round(performance.now() - t0)} ms; ${JSON.stringify(await du(results))}\n`,
    );

    const out = path.join(root, 'report');
    const t1 = performance.now();
    const written = await writeHtmlReport({
      resultsDir: results,
      models,
      scenarios,
      frameworks,
      specType: 'openapi',
      safetyPrompt: 'none',
      temperature: 0.2,
      samples: Array.from({ length: SAMPLES }, (_, i) => i),
      ks: [1, 5],
      outDir: out,
      evaluateCommand: 'bench',
      version: 'bench',
    });
    const writeMs = Math.round(performance.now() - t1);
    const size = await du(out);
    const indexBytes = (await fs.stat(path.join(out, 'data/index.js'))).size;
    process.stdout.write(
      `report written in ${writeMs} ms: ${(size.bytes / 1e6).toFixed(1)} MB in ${size.files} files; data/index.js ${(indexBytes / 1e6).toFixed(2)} MB\n`,
    );

    const url = `file://${out}/index.html`;
    const task = written.index.tasks[Math.floor(written.index.tasks.length / 2)]!;
    const times = {
      overview: [] as number[],
      firstView: [] as number[],
      model: [] as number[],
      sample: [] as number[],
      compare: [] as number[],
      list: [] as number[],
    };
    for (let run = 0; run < OPENS; run++) {
      const browser = await launchChromium();
      try {
        const page = browser.context.pages()[0] ?? (await browser.context.newPage());
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
        });
        // A first visit of a blank page, so browser start-up is not counted as the report's.
        await page.goto('about:blank');
        let t = performance.now();
        await page.goto(url);
        await page.waitForSelector('#leaderboard-table');
        await page.waitForSelector('#chart-heat svg rect.cell');
        times.overview.push(performance.now() - t);
        times.firstView.push(
          await page.evaluate(() => performance.getEntriesByName('bax:first-view')[0]?.startTime ?? Number.NaN),
        );
        t = performance.now();
        await page.evaluate((m) => {
          location.hash = `#/model/${encodeURIComponent(m)}`;
        }, task.model);
        await page.waitForSelector('table.grid td.task');
        times.model.push(performance.now() - t);
        t = performance.now();
        await page.goto(`${url}#/sample/${task.id}/0`);
        await page.waitForSelector('section.file pre.code');
        times.sample.push(performance.now() - t);
        t = performance.now();
        await page.goto(`${url}#/compare/${encodeURIComponent(task.scenario)}/${encodeURIComponent(task.framework)}`);
        await page.waitForSelector(`.cmp-col:nth-child(${MODELS}) section.file`);
        times.compare.push(performance.now() - t);
        t = performance.now();
        await page.goto(`${url}#/samples`);
        await page.waitForSelector('table.list tbody tr');
        times.list.push(performance.now() - t);
        if (errors.length > 0) throw new Error(`the page reported errors: ${errors.join('; ')}`);
      } finally {
        await browser.close();
      }
    }
    const figures = {
      samples,
      tasks: written.index.tasks.length,
      write_report_ms: writeMs,
      report_bytes: size.bytes,
      files: size.files,
      index_bytes: indexBytes,
      open_overview_ms: median(times.overview),
      first_view_ms: median(times.firstView),
      open_model_ms: median(times.model),
      open_sample_ms: median(times.sample),
      open_compare_ms: median(times.compare),
      open_samples_list_ms: median(times.list),
    };
    process.stdout.write(
      `open (median of ${OPENS}): overview ${figures.open_overview_ms} ms (page's clock: ${figures.first_view_ms} ms), model ${figures.open_model_ms} ms, sample ${figures.open_sample_ms} ms, compare ${figures.open_compare_ms} ms, samples list ${figures.open_samples_list_ms} ms\n`,
    );
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

await main();
