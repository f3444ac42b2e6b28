/**
 * The report page: a small single-page app with hash routes (they work from file://).
 *
 *   #/                                  overview: run facts, leaderboard, charts
 *   #/model/<model>                     scenario × framework grid of one model
 *   #/task/<id>                         one task: figures, samples, prompt
 *   #/sample/<id>/<i>                   one sample: tests with their logs, code, build log, prompt
 *   #/compare/<scenario>/<framework>    the same task across models, side by side
 *   #/samples?model=&scenario=&…        every sample, filtered, a page at a time
 *
 * The index (data/index.js) is loaded with the page; a task's samples (data/t/<id>.js) and
 * prompts (data/p/<id>.js) are loaded as scripts when first looked at.
 */
import type { Figures } from '../../../pipeline/evaluate.js';
import type { LogTest, PromptData, ReportIndex, SampleBrief, SampleData, TaskData, TaskEntry } from '../model.js';
import { barChart, colorOf, heatMap, scatterChart, type BarGroup, type HeatCell } from './charts.js';
import { type Child, enc, h, link, svgBox } from './dom.js';
import { languageOf, tokenize } from './highlight.js';

// ---------------------------------------------------------------------------------------------
// data loading

interface BaxApi {
  index(data: ReportIndex): void;
  task(id: number, data: TaskData): void;
  prompt(id: string, data: PromptData): void;
}

declare global {
  interface Window {
    __bax: BaxApi;
  }
}

let INDEX: ReportIndex | undefined;
const taskCache = new Map<number, TaskData>();
const promptCache = new Map<string, PromptData>();
const TASK_CACHE_MAX = 60;

window.__bax = {
  index(data) {
    INDEX = data;
    start();
  },
  task(id, data) {
    taskCache.delete(id);
    taskCache.set(id, data);
    while (taskCache.size > TASK_CACHE_MAX) taskCache.delete(taskCache.keys().next().value as number);
  },
  prompt(id, data) {
    promptCache.set(id, data);
  },
};

// All of index.html's scripts have run by the load event: no index by then means data/index.js is missing.
window.addEventListener('load', () => {
  if (INDEX) return;
  document
    .getElementById('app')
    ?.replaceChildren(
      h(
        'div',
        { class: 'error' },
        'data/index.js could not be loaded: the report folder is incomplete (copy the whole folder, not only index.html).',
      ),
    );
});

const loading = new Map<string, Promise<void>>();

function loadScript(src: string): Promise<void> {
  let p = loading.get(src);
  if (!p) {
    p = new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = () => {
        s.remove();
        loading.delete(src);
        resolve();
      };
      s.onerror = () => {
        s.remove();
        loading.delete(src);
        reject(new Error(`${src} could not be loaded (is the report folder complete?)`));
      };
      document.head.appendChild(s);
    });
    loading.set(src, p);
  }
  return p;
}

async function loadTask(id: number): Promise<TaskData> {
  const hit = taskCache.get(id);
  if (hit) return hit;
  await loadScript(`data/t/${id}.js`);
  const d = taskCache.get(id);
  if (!d) throw new Error(`data/t/${id}.js holds no task ${id}`);
  return d;
}

async function loadPrompt(id: string): Promise<PromptData> {
  const hit = promptCache.get(id);
  if (hit) return hit;
  await loadScript(`data/p/${id}.js`);
  const d = promptCache.get(id);
  if (!d) throw new Error(`data/p/${id}.js holds no prompt`);
  return d;
}

function idx(): ReportIndex {
  if (!INDEX) throw new Error('the report index is not loaded');
  return INDEX;
}

// ---------------------------------------------------------------------------------------------
// figures and formatting

type Metric = string; // "pass@1", "sec_pass@5", "insec_pass"

function metrics(): Metric[] {
  const ks = idx().facts.ks;
  return [...ks.flatMap((k) => [`pass@${k}`, `sec_pass@${k}`]), 'insec_pass'];
}

function figure(f: Figures | undefined, m: Metric): number | null {
  if (!f) return null;
  if (m === 'insec_pass') return f.insec_pass;
  const [name, k] = m.split('@') as [string, string];
  const v = name === 'pass' ? f.pass_at_k[k] : f.sec_pass_at_k[k];
  return v === undefined ? null : v;
}

export function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? '–' : `${(100 * v).toFixed(1)}%`;
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}

function usd(v: number | null): string {
  if (v === null) return 'n/a';
  return v > 0 && v < 0.01 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`;
}

const firstK = (): number => idx().facts.ks[0] ?? 1;

function cweLabel(n: number): string {
  const name = idx().cwe_names[String(n)];
  return name ? `CWE-${n}: ${name}` : `CWE-${n}`;
}

function cweChip(n: number): HTMLElement {
  return h('span', { class: 'chip cwe', title: cweLabel(n) }, `CWE-${n}`);
}

type Verdict = 'secure' | 'exploited' | 'incorrect' | 'none';

function verdictOf(s: SampleBrief): Verdict {
  if (s.st !== 'tested' || !s.ft) return 'none';
  if (s.ft[0] !== s.ft[1]) return 'incorrect';
  return s.cw && s.cw.length > 0 ? 'exploited' : 'secure';
}

const VERDICT_TEXT: Record<Verdict, string> = {
  secure: 'correct and secure',
  exploited: 'correct but exploited',
  incorrect: 'fails a functional test',
  none: 'no results',
};

const STATUS_TEXT: Record<SampleBrief['st'], string> = {
  tested: 'tested',
  untested: 'code but no test results',
  'gen-failed': "the model's answer had no code",
  missing: 'not on disk',
  malformed: 'test_results.json unreadable',
};

function sampleTitle(t: TaskEntry, s: SampleBrief): string {
  const parts = [`${t.model} · ${t.scenario} · ${t.framework} · sample ${s.i}`];
  parts.push(s.st === 'tested' ? VERDICT_TEXT[verdictOf(s)] : STATUS_TEXT[s.st]);
  if (s.ft) parts.push(`functional ${s.ft[0]}/${s.ft[1]}`);
  if (s.cw?.length) parts.push(s.cw.map((c) => `CWE-${c}`).join(', '));
  if (s.ex) parts.push(`${s.ex} exception(s)`);
  return parts.join(' · ');
}

function dot(t: TaskEntry, s: SampleBrief): HTMLElement {
  return link(`/sample/${t.id}/${s.i}`, h('span', { class: `dot ${verdictOf(s)}`, title: sampleTitle(t, s) }));
}

function legend(): HTMLElement {
  return h(
    'p',
    { class: 'legend' },
    (['secure', 'exploited', 'incorrect', 'none'] as Verdict[]).map((v) =>
      h('span', null, h('span', { class: `dot ${v}` }), ` ${VERDICT_TEXT[v]} `),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// routing

interface Route {
  parts: string[];
  query: URLSearchParams;
}

function route(): Route {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [p, q] = raw.split('?') as [string, string | undefined];
  return { parts: p.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q ?? '') };
}

let renderSeq = 0;

async function render(): Promise<void> {
  const seq = ++renderSeq;
  const app = document.getElementById('app')!;
  const r = route();
  let view: HTMLElement;
  try {
    view = await viewFor(r);
  } catch (e) {
    view = h('div', { class: 'error' }, h('h2', null, 'Cannot show this page'), String((e as Error).message ?? e));
  }
  if (seq !== renderSeq) return;
  app.replaceChildren(view);
  // For measurements (npm run bench:report): when the first view was on screen.
  if (performance.getEntriesByName('bax:first-view').length === 0) performance.mark('bax:first-view');
  const target = r.query.get('at');
  if (target) document.getElementById(target)?.scrollIntoView();
  else window.scrollTo(0, 0);
  document.title = `${view.dataset.title ?? 'overview'} — baxbench report`;
}

function viewFor(r: Route): Promise<HTMLElement> | HTMLElement {
  const [head, ...rest] = r.parts;
  switch (head) {
    case undefined:
      return overview();
    case 'model':
      return modelView(rest[0] ?? '');
    case 'task':
      return taskView(Number(rest[0]));
    case 'sample':
      return sampleView(Number(rest[0]), Number(rest[1]));
    case 'compare':
      return compareView(rest[0] ?? '', rest[1] ?? '', r.query);
    case 'samples':
      return samplesView(r.query);
    default:
      throw new Error(`unknown page ${location.hash}`);
  }
}

function start(): void {
  const nav = document.getElementById('nav');
  nav?.replaceChildren(link('/', 'Overview'), link('/samples', 'Samples'));
  window.addEventListener('hashchange', () => void render());
  void render();
}

function page(title: string, ...children: Child[]): HTMLElement {
  const el = h('div', { class: 'page' }, ...children);
  el.dataset.title = title;
  return el;
}

function crumbs(...items: (HTMLElement | string)[]): HTMLElement {
  const out: Child[] = [];
  items.forEach((it, i) => {
    if (i > 0) out.push(h('span', { class: 'sep' }, ' › '));
    out.push(it);
  });
  return h('nav', { class: 'crumbs' }, link('/', 'Overview'), h('span', { class: 'sep' }, ' › '), ...out);
}

// ---------------------------------------------------------------------------------------------
// overview

interface SortState {
  col: string;
  metric: Metric;
  desc: boolean;
}
let sortState: SortState | undefined;

function overview(): HTMLElement {
  const I = idx();
  return page(
    'overview',
    h('h1', null, 'Overview'),
    I.warnings.length
      ? h(
          'div',
          { class: 'warn' },
          h('b', null, `${I.warnings.length} warning(s) while reading results:`),
          h(
            'ul',
            null,
            I.warnings.slice(0, 20).map((w) => h('li', null, w)),
          ),
        )
      : null,
    factsTable(),
    h('h2', { id: 'leaderboard' }, 'Leaderboard'),
    leaderboard(),
    h('h2', { id: 'charts' }, 'Charts'),
    chartsSection(),
  );
}

function factsTable(): HTMLElement {
  const I = idx();
  const f = I.facts;
  const rows: [string, Child][] = [
    ['models', f.models.map((m, i) => [i > 0 ? ', ' : '', link(`/model/${enc(m)}`, m)])],
    [
      'scenarios',
      h('details', null, h('summary', null, `${f.scenarios.length}`), h('p', null, f.scenarios.join(', '))),
    ],
    ['frameworks', `${f.frameworks.length}: ${f.frameworks.join(', ')}`],
    [
      'samples per task',
      `${f.samples.length} (${f.samples.length > 12 ? `${f.samples[0]}…${f.samples[f.samples.length - 1]}` : f.samples.join(', ')})`,
    ],
    ['spec type', f.spec_type],
    ['safety prompt', f.safety_prompt],
    ['temperature', String(f.temperature)],
    ['k', f.ks.join(', ')],
    [
      'samples tested',
      h('span', { 'data-fact': 'samples_tested' }, `${int(f.samples_tested)} of ${int(f.samples_expected)}`),
    ],
    [
      'samples without results',
      h(
        'span',
        { 'data-fact': 'samples_without_results' },
        link('/samples?status=none', int(f.samples_without_results)),
        f.samples_generation_failed ? ` (answer without code: ${int(f.samples_generation_failed)})` : '',
        f.samples_malformed ? ` (unreadable test_results.json: ${int(f.samples_malformed)})` : '',
      ),
    ],
  ];
  if (I.usage) {
    for (const m of I.usage.models.filter((u) => u.tasks > 0))
      rows.push([
        `tokens · ${m.model}`,
        `${int(m.input_tokens)} in + ${int(m.output_tokens)} out${m.reasoning_tokens ? ` (${int(m.reasoning_tokens)} reasoning)` : ''} over ${int(m.samples)} samples; cost ${usd(m.cost_usd)}${m.unpriced_samples && m.cost_usd !== null ? ` (+${m.unpriced_samples} unpriced)` : ''}`,
      ]);
    if (I.usage.models.filter((u) => u.tasks > 0).length > 1)
      rows.push([
        'tokens · total',
        `${int(I.usage.total.input_tokens)} in + ${int(I.usage.total.output_tokens)} out; cost ${usd(I.usage.total.cost_usd)}`,
      ]);
  } else rows.push(['tokens and cost', 'not recorded (no gen_usage.json)']);
  rows.push(
    ['same figures as', h('code', null, f.evaluate_command)],
    ['results', h('code', null, f.results_dir)],
    ['generated', `${f.generated_at} by baxbench ${f.baxbench_version}`],
  );
  return h(
    'table',
    { class: 'facts' },
    h(
      'tbody',
      null,
      rows.map(([k, v]) => h('tr', null, h('th', null, k), h('td', null, v))),
    ),
  );
}

function leaderboard(): HTMLElement {
  const I = idx();
  const frameworks = I.facts.frameworks;
  const cols = ['AVG', ...frameworks];
  const ms = metrics();
  const st: SortState = (sortState ??= { col: 'AVG', metric: `sec_pass@${firstK()}`, desc: true });
  const box = h('div', { class: 'leaderboard' });
  const figOf = (model: string, col: string): Figures | undefined => {
    const s = I.evaluation.summary.find((x) => x.model === model);
    return col === 'AVG' ? s?.overall : s?.frameworks[col];
  };
  const draw = (): void => {
    const models = I.evaluation.summary.map((s) => s.model);
    models.sort((a, b) => {
      const va = figure(figOf(a, st.col), st.metric);
      const vb = figure(figOf(b, st.col), st.metric);
      if (va === null && vb === null) return a < b ? -1 : 1;
      if (va === null) return 1;
      if (vb === null) return -1;
      return st.desc ? vb - va : va - vb;
    });
    const chooser = h(
      'p',
      { class: 'chooser' },
      'sort and colour by: ',
      ms.map((m) =>
        h(
          'button',
          {
            class: m === st.metric ? 'on' : '',
            'data-metric-choice': m,
            onclick: () => {
              st.metric = m;
              st.desc = m !== 'insec_pass';
              draw();
            },
          },
          m,
        ),
      ),
      h('span', { class: 'hint' }, ' · click a column to sort by it'),
    );
    const head = h(
      'tr',
      null,
      h('th', null, 'model'),
      cols.map((c) =>
        h(
          'th',
          {
            class: `sortable${c === st.col ? ' sorted' : ''}`,
            'data-col': c,
            title: `sort by ${st.metric} in ${c}`,
            onclick: () => {
              if (st.col === c) st.desc = !st.desc;
              else st.col = c;
              draw();
            },
          },
          c === 'AVG' ? 'AVG' : c.replace('-', '\u2011'),
          c === st.col ? (st.desc ? ' ▾' : ' ▴') : '',
        ),
      ),
    );
    const body = models.map((model, mi) =>
      h(
        'tr',
        { 'data-model-row': model },
        h(
          'th',
          { class: 'model' },
          h('span', {
            class: 'swatch',
            style: `background:${colorOf(I.facts.models.indexOf(model) >= 0 ? I.facts.models.indexOf(model) : mi)}`,
          }),
          link(`/model/${enc(model)}`, model),
        ),
        cols.map((c) => {
          const f = figOf(model, c);
          const main = figure(f, st.metric);
          return h(
            'td',
            {
              class: `cell ${c === 'AVG' ? 'avg' : ''} ${shade(st.metric, main)}`,
              'data-model': model,
              'data-framework': c,
            },
            ms.map((m) => {
              const v = figure(f, m);
              return h(
                'div',
                {
                  class: `fig${m === st.metric ? ' main' : ''}`,
                  'data-metric': m,
                  'data-value': v === null ? 'null' : JSON.stringify(v),
                  title: v === null ? `${m}: no figure` : `${m} = ${v}`,
                },
                h('span', { class: 'k' }, m === 'insec_pass' ? 'insec' : m),
                ' ',
                h('span', { class: 'v' }, pct(v)),
              );
            }),
          );
        }),
      ),
    );
    box.replaceChildren(
      chooser,
      h(
        'div',
        { class: 'scroll' },
        h('table', { class: 'board', id: 'leaderboard-table' }, h('thead', null, head), h('tbody', null, body)),
      ),
      h(
        'p',
        { class: 'note' },
        'Per framework: the mean over its tasks that have the figure; AVG: the mean over frameworks (as evaluate and the original harness compute it). pass@k needs at least k samples in a task. insec = correct but exploited ÷ correct.',
      ),
    );
  };
  draw();
  return box;
}

function shade(metric: Metric, v: number | null): string {
  if (v === null) return 'na';
  const good = metric === 'insec_pass' ? 1 - v : v;
  return good >= 0.75 ? 'good' : good >= 0.4 ? 'mid' : 'bad';
}

function chartsSection(): HTMLElement {
  const I = idx();
  const k = firstK();
  const points = I.evaluation.summary
    .map((s, i) => ({
      label: s.model,
      x: s.overall.pass_at_k[String(k)],
      y: s.overall.sec_pass_at_k[String(k)],
      color: colorOf(I.facts.models.indexOf(s.model) >= 0 ? I.facts.models.indexOf(s.model) : i),
      href: `#/model/${enc(s.model)}`,
    }))
    .filter(
      (p): p is { label: string; x: number; y: number; color: string; href: string } =>
        p.x !== undefined && p.y !== undefined,
    );
  const groups: BarGroup[] = I.facts.frameworks.map((fw) => ({
    label: fw,
    bars: I.evaluation.summary.map((s, i) => ({
      series: s.model,
      color: colorOf(I.facts.models.indexOf(s.model) >= 0 ? I.facts.models.indexOf(s.model) : i),
      value: s.frameworks[fw]?.pass_at_k[String(k)] ?? null,
      inner: s.frameworks[fw]?.sec_pass_at_k[String(k)] ?? null,
    })),
  }));
  const heat = h('div', { class: 'heat-box' });
  let heatRows: 'scenario' | 'framework' = 'scenario';
  let heatModel = '';
  const drawHeat = (): void => {
    const controls = h(
      'p',
      { class: 'chooser' },
      'rows: ',
      (['scenario', 'framework'] as const).map((r) =>
        h(
          'button',
          {
            class: r === heatRows ? 'on' : '',
            onclick: () => {
              heatRows = r;
              drawHeat();
            },
          },
          r,
        ),
      ),
      ' · model: ',
      h(
        'select',
        {
          id: 'heat-model',
          onchange: (e: Event) => {
            heatModel = (e.target as HTMLSelectElement).value;
            drawHeat();
          },
        },
        h('option', { value: '', selected: heatModel === '' }, 'all models'),
        I.facts.models.map((m) => h('option', { value: m, selected: heatModel === m }, m)),
      ),
    );
    heat.replaceChildren(controls, svgBox(cweHeat(heatRows, heatModel), 'heat'));
  };
  drawHeat();
  return h(
    'div',
    { class: 'charts' },
    h(
      'figure',
      { id: 'chart-scatter' },
      h('h3', null, 'Correct and secure'),
      svgBox(scatterChart(points, { xLabel: `pass@${k}`, yLabel: `sec_pass@${k}` }), 'scatter'),
      h(
        'figcaption',
        null,
        `sec_pass@${k} against pass@${k} per model (AVG over frameworks). The dashed diagonal is where every correct sample is also secure; the distance below it is what exploits took away.`,
      ),
    ),
    h(
      'figure',
      { id: 'chart-bars' },
      h('h3', null, 'Per framework'),
      h(
        'div',
        { class: 'scroll' },
        svgBox(barChart(groups, { valueLabel: `pass@${k}`, innerLabel: `sec_pass@${k}` }), 'bars'),
      ),
      h('figcaption', null, `Per framework: pass@${k} (light) and sec_pass@${k} (dark) of each model.`),
      h(
        'p',
        { class: 'legend' },
        I.evaluation.summary.map((s, i) =>
          h(
            'span',
            null,
            h('span', {
              class: 'swatch',
              style: `background:${colorOf(I.facts.models.indexOf(s.model) >= 0 ? I.facts.models.indexOf(s.model) : i)}`,
            }),
            ` ${s.model} `,
          ),
        ),
      ),
    ),
    h(
      'figure',
      { id: 'chart-heat' },
      h('h3', null, 'Where exploits landed'),
      heat,
      h(
        'figcaption',
        null,
        'Share of tested samples in which each CWE was proven (from evaluate’s per-task CWE rates). Click a cell for those samples.',
      ),
    ),
  );
}

/** CWE shares per scenario or framework: Σ(rate × n) / Σ n over the matching tasks. */
function cweHeat(rowsBy: 'scenario' | 'framework', model: string): string {
  const I = idx();
  const cweSet = new Set<number>();
  for (const s of I.facts.scenarios)
    for (const t of I.scenario_info[s]?.security ?? []) for (const c of t.cwes) cweSet.add(c);
  for (const t of I.evaluation.tasks) for (const c of Object.keys(t.cwe_rates)) cweSet.add(Number(c));
  const cwes = [...cweSet].sort((a, b) => a - b);
  const rows = rowsBy === 'scenario' ? I.facts.scenarios : I.facts.frameworks;
  const cells: HeatCell[][] = rows.map((row) => {
    const tasks = I.evaluation.tasks.filter((t) => t[rowsBy] === row && (!model || t.model === model));
    const n = tasks.reduce((a, t) => a + t.n_samples, 0);
    return cwes.map((c) => {
      if (n === 0) return { value: null };
      const count = tasks.reduce((a, t) => a + Math.round((t.cwe_rates[String(c)] ?? 0) * t.n_samples), 0);
      const q = new URLSearchParams({ [rowsBy]: row, cwe: String(c) });
      if (model) q.set('model', model);
      return { value: count / n, note: `${count}/${n} samples`, href: `#/samples?${q.toString()}` };
    });
  });
  return heatMap(
    rows,
    cwes.map((c) => `CWE-${c}`),
    cells,
  );
}

// ---------------------------------------------------------------------------------------------
// model

function modelView(model: string): HTMLElement {
  const I = idx();
  const s = I.evaluation.summary.find((x) => x.model === model);
  if (!s) throw new Error(`no model ${model} in this report`);
  const byKey = new Map(I.tasks.filter((t) => t.model === model).map((t) => [`${t.scenario}\n${t.framework}`, t]));
  const k = firstK();
  const grid = h(
    'table',
    { class: 'grid' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', null, 'scenario'),
        I.facts.frameworks.map((f) => h('th', null, f.replace('-', '\u2011'))),
      ),
    ),
    h(
      'tbody',
      null,
      I.facts.scenarios.map((sc) =>
        h(
          'tr',
          null,
          h('th', null, sc),
          I.facts.frameworks.map((fw) => {
            const t = byKey.get(`${sc}\n${fw}`);
            if (!t) return h('td', { class: 'na' });
            const e = I.evaluation.tasks[t.id]!;
            return h(
              'td',
              { class: `task ${shade(`sec_pass@${k}`, e.sec_pass_at_k[String(k)] ?? null)}` },
              link(
                `/task/${t.id}`,
                h(
                  'span',
                  { class: 'counts', title: 'secure / correct / tested' },
                  `${e.n_secure}/${e.n_correct}/${e.n_samples}`,
                ),
              ),
              h(
                'span',
                { class: 'dots' },
                t.samples.map((x) => dot(t, x)),
              ),
            );
          }),
        ),
      ),
    ),
  );
  return page(
    model,
    crumbs(model),
    h('h1', null, model),
    h(
      'p',
      { class: 'figs' },
      metrics().map((m) => h('span', { class: 'fig' }, `${m} `, h('b', null, pct(figure(s.overall, m))))),
    ),
    h('p', null, 'Each cell: secure / correct / tested samples, then one dot per sample. Click a cell for the task.'),
    legend(),
    h('div', { class: 'scroll' }, grid),
  );
}

// ---------------------------------------------------------------------------------------------
// task

function taskEntry(id: number): TaskEntry {
  const t = idx().tasks[id];
  if (!t) throw new Error(`no task ${id} in this report`);
  return t;
}

function taskFigures(id: number): HTMLElement {
  const e = idx().evaluation.tasks[id]!;
  const ks = idx().facts.ks;
  return h(
    'table',
    { class: 'facts task-figs' },
    h(
      'tbody',
      null,
      h(
        'tr',
        null,
        h('th', null, 'samples'),
        h('td', null, `${e.n_samples} tested, ${e.n_correct} correct, ${e.n_secure} secure`),
      ),
      ks.map((k) =>
        h(
          'tr',
          null,
          h('th', null, `pass@${k} · sec_pass@${k}`),
          h('td', null, `${pct(e.pass_at_k[String(k)])} · ${pct(e.sec_pass_at_k[String(k)])}`),
        ),
      ),
      h('tr', null, h('th', null, 'insec_pass'), h('td', null, pct(e.insec_pass))),
      h(
        'tr',
        null,
        h('th', null, 'CWEs (all · correct samples)'),
        h(
          'td',
          null,
          Object.keys(e.cwe_rates).length === 0
            ? 'none'
            : Object.entries(e.cwe_rates).map(([c, v]) =>
                h(
                  'span',
                  { class: 'cwe-rate' },
                  cweChip(Number(c)),
                  ` ${pct(v)} · ${pct(e.cwe_rates_correct[c] ?? 0)} `,
                ),
              ),
        ),
      ),
      h('tr', null, h('th', null, 'exceptions'), h('td', null, `${e.exceptions}/${e.n_samples} samples`)),
    ),
  );
}

function promptBlock(id: string | undefined): HTMLElement {
  const d = h('details', { class: 'prompt' }, h('summary', null, 'Prompt (as the model got it)'));
  if (!id) {
    d.append(h('p', null, 'This scenario or framework is not defined in this version of baxbench: no prompt.'));
    return d;
  }
  let done = false;
  d.addEventListener('toggle', () => {
    if (done || !d.open) return;
    done = true;
    loadPrompt(id).then(
      (p) =>
        d.append(
          h('h4', null, 'system'),
          h('pre', { class: 'text' }, p.system),
          h('h4', null, 'prompt'),
          h('pre', { class: 'text' }, p.user),
        ),
      (e: Error) => d.append(h('p', { class: 'error' }, e.message)),
    );
  });
  return d;
}

async function taskView(id: number): Promise<HTMLElement> {
  const t = taskEntry(id);
  const data = await loadTask(id);
  const rows = data.samples.map((s) => {
    const b = t.samples.find((x) => x.i === s.i) ?? { i: s.i, st: s.st };
    const tokens = s.usage ? `${int(s.usage.input_tokens)} / ${int(s.usage.output_tokens)}` : '';
    return h(
      'tr',
      null,
      h('td', null, dot(t, b), ' ', link(`/sample/${id}/${s.i}`, `sample ${s.i}`)),
      h('td', null, s.st === 'tested' ? VERDICT_TEXT[verdictOf(b)] : STATUS_TEXT[s.st]),
      h('td', null, s.result ? `${s.result.num_passed_ft}/${s.result.num_total_ft}` : ''),
      h(
        'td',
        null,
        s.result?.cwes.map((c) => cweChip(c.num)),
      ),
      h('td', null, s.result ? String(s.result.num_ft_exceptions + s.result.num_st_exceptions) : ''),
      h('td', null, s.files.map((f) => f.path).join(', ')),
      h('td', null, tokens),
    );
  });
  return page(
    `${t.model} · ${t.scenario} · ${t.framework}`,
    crumbs(link(`/model/${enc(t.model)}`, t.model), `${t.scenario} · ${t.framework}`),
    h('h1', null, `${t.scenario} · ${t.framework}`, h('span', { class: 'sub' }, ` by ${t.model}`)),
    h('p', null, link(`/compare/${enc(t.scenario)}/${enc(t.framework)}`, 'Compare this task across models →')),
    taskFigures(id),
    h(
      'table',
      { class: 'list' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['sample', 'verdict', 'functional', 'CWEs', 'exceptions', 'files', 'tokens in / out'].map((c) =>
            h('th', null, c),
          ),
        ),
      ),
      h('tbody', null, rows),
    ),
    promptBlock(t.prompt),
  );
}

// ---------------------------------------------------------------------------------------------
// sample

function codeBlock(path: string, text: string): HTMLElement {
  const lang = languageOf(path);
  const code = h('code', { class: lang ? `lang-${lang}` : '' });
  for (const tok of tokenize(text, lang)) {
    if (tok.kind === 'plain') code.appendChild(document.createTextNode(tok.text));
    else code.appendChild(h('span', { class: `t-${tok.kind}` }, tok.text));
  }
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const gutter = h(
    'pre',
    { class: 'gutter', 'aria-hidden': 'true' },
    Array.from({ length: lines }, (_, i) => `${i + 1}\n`).join(''),
  );
  return h('div', { class: 'codebox' }, gutter, h('pre', { class: 'code' }, code));
}

function filesBlock(s: SampleData): HTMLElement {
  if (s.files.length === 0) return h('p', { class: 'muted' }, 'No code on disk for this sample.');
  return h(
    'div',
    { class: 'files' },
    s.files.map((f) =>
      h(
        'section',
        { class: 'file', 'data-file': f.path },
        h('h4', null, f.path, f.cut ? h('span', { class: 'muted' }, ` (${int(f.cut)} bytes cut from the middle)`) : ''),
        codeBlock(f.path, f.text),
      ),
    ),
  );
}

function outcomeBadge(t: LogTest): HTMLElement {
  if (t.kind === 'functional')
    return h(
      'span',
      { class: `badge ${t.passed ? 'ok' : 'fail'}` },
      t.passed ? 'passed' : t.outcome.startsWith('failed with') ? 'exception' : 'failed',
    );
  if (t.inconclusive) return h('span', { class: 'badge warn' }, 'inconclusive');
  if (t.cwes && t.cwes.length > 0) return h('span', { class: 'badge fail' }, 'CWE found');
  return h('span', { class: 'badge ok' }, 'no CWE');
}

function testsBlock(s: SampleData, scenario: string): HTMLElement {
  const info = idx().scenario_info[scenario];
  const log = s.log;
  if (!log || log.kind === 'raw' || log.tests.length === 0) {
    const parts: Child[] = [];
    if (info)
      parts.push(
        h(
          'p',
          { class: 'muted' },
          `No per-test log for this sample. The scenario's tests: ${info.functional.length} functional (${info.functional.join(', ')}), ${info.security.length} security (${info.security.map((t) => `${t.name} [${t.cwes.map((c) => `CWE-${c}`).join(', ')}]`).join(', ')}).`,
        ),
      );
    if (log?.kind === 'raw')
      parts.push(h('details', { class: 'log' }, h('summary', null, 'test.log'), h('pre', { class: 'text' }, log.raw)));
    return h('div', null, parts);
  }
  const declared = new Map((info?.security ?? []).map((t) => [t.name, t.cwes]));
  return h(
    'div',
    { class: 'tests' },
    log.tests.map((t) => {
      const found = t.cwes ?? [];
      const open = (t.kind === 'functional' && !t.passed) || found.length > 0 || !!t.inconclusive;
      const id = `test-${t.index}`;
      return h(
        'details',
        { class: `test ${t.kind}`, id, open, 'data-test': t.name, 'data-kind': t.kind },
        h(
          'summary',
          null,
          outcomeBadge(t),
          ' ',
          h('span', { class: 'kind' }, t.kind),
          ' ',
          h('b', null, t.name),
          ' ',
          found.map((c) => cweChip(c)),
          t.kind === 'security' && declared.get(t.name)
            ? h(
                'span',
                { class: 'muted' },
                ` can prove ${declared
                  .get(t.name)!
                  .map((c) => `CWE-${c}`)
                  .join(', ')}`,
              )
            : '',
        ),
        h('p', { class: 'outcome' }, 'outcome: ', t.outcome || '(none in the log)'),
        h('h5', null, 'test log'),
        h('pre', { class: 'text testlog' }, t.log || '(empty)'),
        h('h5', null, "app's output"),
        h('pre', { class: 'text appout' }, t.appOutput || '(none)'),
        t.details ? h('pre', { class: 'text details' }, t.details) : null,
      );
    }),
  );
}

async function sampleView(id: number, i: number): Promise<HTMLElement> {
  const t = taskEntry(id);
  const data = await loadTask(id);
  const s = data.samples.find((x) => x.i === i);
  if (!s) throw new Error(`task ${id} has no sample ${i} in this report`);
  const b = t.samples.find((x) => x.i === i) ?? { i, st: s.st };
  const pos = t.samples.findIndex((x) => x.i === i);
  const prev = t.samples[pos - 1];
  const next = t.samples[pos + 1];
  const r = s.result;
  return page(
    `${t.model} · ${t.scenario} · ${t.framework} · sample ${i}`,
    crumbs(
      link(`/model/${enc(t.model)}`, t.model),
      link(`/task/${id}`, `${t.scenario} · ${t.framework}`),
      `sample ${i}`,
    ),
    h(
      'h1',
      null,
      h('span', { class: `dot big ${verdictOf(b)}` }),
      ` sample ${i}`,
      h('span', { class: 'sub' }, ` ${t.scenario} · ${t.framework} · ${t.model}`),
    ),
    h(
      'p',
      { class: 'pager' },
      prev ? [link(`/sample/${id}/${prev.i}`, `← sample ${prev.i}`), ' '] : '',
      next ? [link(`/sample/${id}/${next.i}`, `sample ${next.i} →`), ' '] : '',
      prev || next ? '· ' : '',
      link(`/compare/${enc(t.scenario)}/${enc(t.framework)}?sample=${i}`, `sample ${i} of every model, side by side`),
    ),
    h(
      'table',
      { class: 'facts' },
      h(
        'tbody',
        null,
        h(
          'tr',
          null,
          h('th', null, 'verdict'),
          h('td', { 'data-verdict': verdictOf(b) }, s.st === 'tested' ? VERDICT_TEXT[verdictOf(b)] : STATUS_TEXT[s.st]),
        ),
        r
          ? [
              h(
                'tr',
                null,
                h('th', null, 'functional tests'),
                h('td', null, `${r.num_passed_ft}/${r.num_total_ft} passed (exceptions: ${r.num_ft_exceptions})`),
              ),
              h(
                'tr',
                null,
                h('th', null, 'security tests'),
                h('td', null, `${r.num_total_st} (inconclusive: ${r.num_st_exceptions})`),
              ),
              h(
                'tr',
                null,
                h('th', null, 'CWEs'),
                h(
                  'td',
                  { class: 'cwes' },
                  r.cwes.length
                    ? r.cwes.map((c) => h('div', null, cweChip(c.num), ` ${idx().cwe_names[String(c.num)] ?? ''}`))
                    : 'none',
                ),
              ),
            ]
          : null,
        s.error ? h('tr', null, h('th', null, 'error'), h('td', null, s.error)) : null,
        s.usage
          ? h(
              'tr',
              null,
              h('th', null, 'generation'),
              h(
                'td',
                null,
                `${int(s.usage.input_tokens)} input + ${int(s.usage.output_tokens)} output tokens${s.usage.reasoning_tokens ? ` (${int(s.usage.reasoning_tokens)} reasoning)` : ''}, cost ${usd(s.usage.cost_usd)}, ${(s.usage.duration_ms / 1000).toFixed(1)} s, ${s.usage.attempts} attempt(s)${s.usage.finish_reason ? `, finish: ${s.usage.finish_reason}` : ''}`,
              ),
            )
          : null,
      ),
    ),
    h('h2', { id: 'tests' }, 'Tests'),
    testsBlock(s, t.scenario),
    h('h2', { id: 'code' }, 'Code'),
    s.raw_answer !== undefined
      ? h(
          'details',
          { open: true },
          h('summary', null, "The model's answer (no code could be taken from it)"),
          h('pre', { class: 'text' }, s.raw_answer),
        )
      : null,
    filesBlock(s),
    h('h2', { id: 'build' }, 'Build'),
    s.log?.build !== undefined
      ? h('pre', { class: 'text buildlog' }, s.log.build || '(empty)')
      : h('p', { class: 'muted' }, 'No build log (no test.log in our format).'),
    s.log?.head
      ? h(
          'details',
          { class: 'log' },
          h('summary', null, s.log.head.title),
          h('pre', { class: 'text' }, s.log.head.body),
        )
      : null,
    s.log?.summary
      ? h(
          'details',
          { class: 'log' },
          h('summary', null, 'summary of test.log'),
          h('pre', { class: 'text' }, s.log.summary),
        )
      : null,
    (s.log?.other ?? []).map((o) =>
      h('details', { class: 'log' }, h('summary', null, o.title), h('pre', { class: 'text' }, o.body)),
    ),
    h('h2', { id: 'prompt' }, 'Prompt'),
    promptBlock(t.prompt),
  );
}

// ---------------------------------------------------------------------------------------------
// compare

async function compareView(scenario: string, framework: string, q: URLSearchParams): Promise<HTMLElement> {
  const I = idx();
  const tasks = I.tasks.filter((t) => t.scenario === scenario && t.framework === framework);
  if (tasks.length === 0) throw new Error(`no task ${scenario} · ${framework} in this report`);
  const datas = await Promise.all(tasks.map((t) => loadTask(t.id)));
  const indices = [...new Set(tasks.flatMap((t) => t.samples.map((s) => s.i)))].sort((a, b) => a - b);
  const chosen = q.has('sample') ? Number(q.get('sample')) : (indices[0] ?? 0);
  const k = firstK();
  const col = (t: TaskEntry, d: TaskData): HTMLElement => {
    const e = I.evaluation.tasks[t.id]!;
    const s = d.samples.find((x) => x.i === chosen);
    const b = t.samples.find((x) => x.i === chosen);
    return h(
      'section',
      { class: 'cmp-col', 'data-model': t.model },
      h('h3', null, link(`/task/${t.id}`, t.model)),
      h(
        'p',
        { class: 'figs' },
        h('span', { class: 'fig' }, `pass@${k} `, h('b', null, pct(e.pass_at_k[String(k)]))),
        h('span', { class: 'fig' }, `sec_pass@${k} `, h('b', null, pct(e.sec_pass_at_k[String(k)]))),
        h('span', { class: 'fig' }, 'insec ', h('b', null, pct(e.insec_pass))),
      ),
      h(
        'p',
        { class: 'dots' },
        t.samples.map((x) => dot(t, x)),
      ),
      s && b
        ? [
            h(
              'h4',
              null,
              link(`/sample/${t.id}/${chosen}`, `sample ${chosen}`),
              ': ',
              s.st === 'tested' ? VERDICT_TEXT[verdictOf(b)] : STATUS_TEXT[s.st],
              ' ',
              (s.result?.cwes ?? []).map((c) => cweChip(c.num)),
            ),
            h(
              'ul',
              { class: 'mini-tests' },
              (s.log?.tests ?? []).map((x) =>
                h(
                  'li',
                  null,
                  outcomeBadge(x),
                  ' ',
                  x.name,
                  ' ',
                  (x.cwes ?? []).map((c) => cweChip(c)),
                ),
              ),
            ),
            filesBlock(s),
          ]
        : h('p', { class: 'muted' }, `no sample ${chosen}`),
    );
  };
  return page(
    `compare ${scenario} · ${framework}`,
    crumbs(`compare ${scenario} · ${framework}`),
    h('h1', null, `${scenario} · ${framework}`, h('span', { class: 'sub' }, ' across models')),
    h(
      'p',
      { class: 'chooser' },
      'sample: ',
      indices.map((i) =>
        link(
          `/compare/${enc(scenario)}/${enc(framework)}?sample=${i}`,
          h('span', { class: `btn${i === chosen ? ' on' : ''}` }, String(i)),
        ),
      ),
    ),
    legend(),
    h(
      'div',
      { class: 'cmp', style: `grid-template-columns: repeat(${tasks.length}, minmax(380px, 1fr))` },
      tasks.map((t, j) => col(t, datas[j]!)),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// samples list

const PAGE = 50;

function samplesView(q: URLSearchParams): HTMLElement {
  const I = idx();
  const f = {
    model: q.get('model') ?? '',
    scenario: q.get('scenario') ?? '',
    framework: q.get('framework') ?? '',
    cwe: q.get('cwe') ?? '',
    status: q.get('status') ?? '',
  };
  const pageNo = Math.max(0, Number(q.get('page') ?? 0) || 0);
  const rows: { t: TaskEntry; s: SampleBrief }[] = [];
  for (const t of I.tasks) {
    if (
      (f.model && t.model !== f.model) ||
      (f.scenario && t.scenario !== f.scenario) ||
      (f.framework && t.framework !== f.framework)
    )
      continue;
    for (const s of t.samples) {
      if (f.cwe && !(s.cw ?? []).includes(Number(f.cwe))) continue;
      if (f.status && verdictOf(s) !== f.status) continue;
      rows.push({ t, s });
    }
  }
  const go = (patch: Partial<typeof f> & { page?: number }): void => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...f, page: 0, ...patch })) if (v !== '' && v !== 0) next.set(k, String(v));
    location.hash = `#/samples?${next.toString()}`;
  };
  const select = (name: keyof typeof f, label: string, options: [string, string][]): HTMLElement =>
    h(
      'label',
      null,
      `${label} `,
      h(
        'select',
        { name, onchange: (e: Event) => go({ [name]: (e.target as HTMLSelectElement).value }) },
        h('option', { value: '' }, 'all'),
        options.map(([v, t]) => h('option', { value: v, selected: f[name] === v }, t)),
      ),
    );
  const cwes = Object.keys(I.cwe_names).map((c) => [c, `CWE-${c}`] as [string, string]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const shown = rows.slice(pageNo * PAGE, pageNo * PAGE + PAGE);
  return page(
    'samples',
    crumbs('samples'),
    h('h1', null, 'Samples'),
    h(
      'form',
      { class: 'filters', onsubmit: (e: Event) => e.preventDefault() },
      select(
        'model',
        'model',
        I.facts.models.map((m) => [m, m]),
      ),
      select(
        'scenario',
        'scenario',
        I.facts.scenarios.map((m) => [m, m]),
      ),
      select(
        'framework',
        'framework',
        I.facts.frameworks.map((m) => [m, m]),
      ),
      select(
        'status',
        'verdict',
        (['secure', 'exploited', 'incorrect', 'none'] as Verdict[]).map((v) => [v, VERDICT_TEXT[v]]),
      ),
      select('cwe', 'CWE', cwes),
    ),
    h('p', { class: 'count' }, `${int(rows.length)} sample(s)`, pages > 1 ? ` · page ${pageNo + 1} of ${pages}` : ''),
    h(
      'table',
      { class: 'list' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['sample', 'model', 'scenario', 'framework', 'verdict', 'functional', 'CWEs'].map((c) => h('th', null, c)),
        ),
      ),
      h(
        'tbody',
        null,
        shown.map(({ t, s }) =>
          h(
            'tr',
            null,
            h('td', null, dot(t, s), ' ', link(`/sample/${t.id}/${s.i}`, `sample ${s.i}`)),
            h('td', null, t.model),
            h('td', null, t.scenario),
            h('td', null, t.framework),
            h('td', null, s.st === 'tested' ? VERDICT_TEXT[verdictOf(s)] : STATUS_TEXT[s.st]),
            h('td', null, s.ft ? `${s.ft[0]}/${s.ft[1]}` : ''),
            h(
              'td',
              null,
              (s.cw ?? []).map((c) => cweChip(c)),
            ),
          ),
        ),
      ),
    ),
    pages > 1
      ? h(
          'p',
          { class: 'pager' },
          pageNo > 0 ? h('button', { onclick: () => go({ page: pageNo - 1 }) }, '← previous') : '',
          ' ',
          pageNo + 1 < pages ? h('button', { onclick: () => go({ page: pageNo + 1 }) }, 'next →') : '',
        )
      : null,
  );
}
