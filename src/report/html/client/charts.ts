/**
 * Hand-drawn SVG charts for the report: pure functions from figures to SVG text (no DOM), so
 * they run in the page and in unit tests alike. Every label is escaped: model ids and scenario
 * names come from folder names.
 */

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Distinct colours for models (Tableau 10). */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

export function colorOf(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
const r1 = (n: number): string => String(Math.round(n * 10) / 10);

export interface ScatterPoint {
  label: string;
  x: number;
  y: number;
  color: string;
  href?: string;
}

/** sec_pass@k against pass@k per model: the paper's headline picture (both axes 0–100 %). */
export function scatterChart(points: readonly ScatterPoint[], opts: { xLabel: string; yLabel: string }): string {
  const W = 560;
  const H = 440;
  const m = { l: 60, r: 24, t: 16, b: 52 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const X = (v: number): number => m.l + v * pw;
  const Y = (v: number): number => m.t + (1 - v) * ph;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart scatter" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(`${opts.yLabel} against ${opts.xLabel} per model`)}">`,
  );
  for (let i = 0; i <= 5; i++) {
    const v = i / 5;
    parts.push(
      `<line class="grid" x1="${X(0)}" x2="${X(1)}" y1="${r1(Y(v))}" y2="${r1(Y(v))}"/>`,
      `<line class="grid" y1="${Y(0)}" y2="${Y(1)}" x1="${r1(X(v))}" x2="${r1(X(v))}"/>`,
      `<text class="tick" x="${m.l - 8}" y="${r1(Y(v) + 4)}" text-anchor="end">${100 * v}%</text>`,
      `<text class="tick" x="${r1(X(v))}" y="${H - m.b + 18}" text-anchor="middle">${100 * v}%</text>`,
    );
  }
  parts.push(
    `<line class="diagonal" x1="${X(0)}" y1="${Y(0)}" x2="${X(1)}" y2="${Y(1)}"><title>sec_pass = pass: every correct sample is secure</title></line>`,
    `<rect class="frame" x="${m.l}" y="${m.t}" width="${pw}" height="${ph}"/>`,
    `<text class="axis" x="${m.l + pw / 2}" y="${H - 10}" text-anchor="middle">${escapeXml(opts.xLabel)}</text>`,
    `<text class="axis" transform="translate(16 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle">${escapeXml(opts.yLabel)}</text>`,
  );
  for (const p of points) {
    const cx = r1(X(p.x));
    const cy = r1(Y(p.y));
    const right = p.x < 0.7;
    const title = `${p.label}: ${opts.xLabel} ${pct(p.x)}, ${opts.yLabel} ${pct(p.y)}`;
    const dot =
      `<circle class="point" cx="${cx}" cy="${cy}" r="6" fill="${p.color}"><title>${escapeXml(title)}</title></circle>` +
      `<text class="label" x="${r1(X(p.x) + (right ? 9 : -9))}" y="${r1(Y(p.y) - 8)}" text-anchor="${right ? 'start' : 'end'}">${escapeXml(p.label)}</text>`;
    parts.push(p.href ? `<a href="${escapeXml(p.href)}">${dot}</a>` : dot);
  }
  if (points.length === 0)
    parts.push(
      `<text class="empty" x="${m.l + pw / 2}" y="${m.t + ph / 2}" text-anchor="middle">no model has the figure</text>`,
    );
  parts.push('</svg>');
  return parts.join('');
}

export interface Bar {
  series: string;
  color: string;
  /** the outer (lighter) bar, e.g. pass@1 */
  value: number | null;
  /** the inner (darker) bar drawn over it, e.g. sec_pass@1 */
  inner: number | null;
}

export interface BarGroup {
  label: string;
  bars: readonly Bar[];
}

/** Grouped bars, one group per framework, one bar per model: pass@k light, sec_pass@k dark on top. */
export function barChart(groups: readonly BarGroup[], opts: { valueLabel: string; innerLabel: string }): string {
  const series = groups[0]?.bars.length ?? 0;
  const barW = series > 6 ? 10 : 16;
  const groupW = Math.max(1, series) * (barW + 2) + 18;
  const m = { l: 56, r: 16, t: 34, b: 110 };
  const W = Math.max(420, m.l + m.r + groups.length * groupW);
  const H = 360;
  const ph = H - m.t - m.b;
  const Y = (v: number): number => m.t + (1 - v) * ph;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart bars" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(`${opts.valueLabel} and ${opts.innerLabel} per framework`)}">`,
  );
  for (let i = 0; i <= 4; i++) {
    const v = i / 4;
    parts.push(
      `<line class="grid" x1="${m.l}" x2="${W - m.r}" y1="${r1(Y(v))}" y2="${r1(Y(v))}"/>`,
      `<text class="tick" x="${m.l - 8}" y="${r1(Y(v) + 4)}" text-anchor="end">${100 * v}%</text>`,
    );
  }
  parts.push(
    `<rect class="legend-box outer" x="${m.l}" y="8" width="12" height="12"/><text class="legend" x="${m.l + 16}" y="18">${escapeXml(opts.valueLabel)} (light)</text>`,
    `<rect class="legend-box inner" x="${m.l + 150}" y="8" width="12" height="12"/><text class="legend" x="${m.l + 166}" y="18">${escapeXml(opts.innerLabel)} (dark)</text>`,
  );
  groups.forEach((g, gi) => {
    const x0 = m.l + gi * groupW + 9;
    g.bars.forEach((b, bi) => {
      const x = x0 + bi * (barW + 2);
      const tip = `${g.label} · ${b.series}: ${opts.valueLabel} ${b.value === null ? 'n/a' : pct(b.value)}, ${opts.innerLabel} ${b.inner === null ? 'n/a' : pct(b.inner)}`;
      if (b.value !== null)
        parts.push(
          `<rect class="bar outer" x="${x}" y="${r1(Y(b.value))}" width="${barW}" height="${r1(ph * b.value)}" fill="${b.color}"><title>${escapeXml(tip)}</title></rect>`,
        );
      if (b.inner !== null)
        parts.push(
          `<rect class="bar inner" x="${x + 2}" y="${r1(Y(b.inner))}" width="${barW - 4}" height="${r1(ph * b.inner)}" fill="${b.color}"><title>${escapeXml(tip)}</title></rect>`,
        );
      if (b.value === null && b.inner === null)
        parts.push(
          `<text class="na" x="${x + barW / 2}" y="${Y(0) - 4}" text-anchor="middle"><title>${escapeXml(tip)}</title>·</text>`,
        );
    });
    const cx = x0 + (series * (barW + 2)) / 2;
    parts.push(
      `<text class="group" transform="translate(${r1(cx)} ${Y(0) + 12}) rotate(-40)" text-anchor="end">${escapeXml(g.label)}</text>`,
    );
  });
  parts.push(`<line class="axis-line" x1="${m.l}" x2="${W - m.r}" y1="${Y(0)}" y2="${Y(0)}"/>`, '</svg>');
  return parts.join('');
}

export interface HeatCell {
  /** share of samples, 0..1; null when there is no sample */
  value: number | null;
  /** e.g. "12/40" */
  note?: string;
  href?: string;
}

/** Rows × columns of shares (e.g. scenario × CWE: share of samples in which the CWE was proven). */
export function heatMap(
  rows: readonly string[],
  cols: readonly string[],
  cells: readonly (readonly HeatCell[])[],
): string {
  const cw = 58;
  const ch = 22;
  const labelW = Math.min(260, 16 + 7 * Math.max(6, ...rows.map((r) => r.length)));
  const top = 40;
  const W = labelW + cols.length * cw + 8;
  const H = top + rows.length * ch + 8;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart heat" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="CWE heat map">`,
  ];
  cols.forEach((c, ci) => {
    parts.push(
      `<text class="col" x="${labelW + ci * cw + cw / 2}" y="${top - 10}" text-anchor="middle">${escapeXml(c)}</text>`,
    );
  });
  rows.forEach((r, ri) => {
    const y = top + ri * ch;
    parts.push(`<text class="row" x="${labelW - 8}" y="${y + ch / 2 + 4}" text-anchor="end">${escapeXml(r)}</text>`);
    cols.forEach((c, ci) => {
      const cell = cells[ri]?.[ci] ?? { value: null };
      const x = labelW + ci * cw;
      const v = cell.value;
      const fill = v === null ? '#f3f3f3' : heatColor(v);
      const tip = `${r} · ${c}: ${v === null ? 'no samples' : `${pct(v)}${cell.note ? ` (${cell.note})` : ''}`}`;
      const text = v === null || v === 0 ? '' : pct(v);
      const body =
        `<rect class="cell" x="${x}" y="${y}" width="${cw - 2}" height="${ch - 2}" fill="${fill}"><title>${escapeXml(tip)}</title></rect>` +
        (text
          ? `<text class="val${v !== null && v > 0.5 ? ' dark' : ''}" x="${x + cw / 2 - 1}" y="${y + ch / 2 + 3}" text-anchor="middle">${text}</text>`
          : '');
      parts.push(cell.href && v ? `<a href="${escapeXml(cell.href)}">${body}</a>` : body);
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

/** White (0) to deep red (1). */
export function heatColor(v: number): string {
  const t = Math.max(0, Math.min(1, v));
  const mix = (a: number, b: number): number => Math.round(a + (b - a) * Math.sqrt(t));
  const [r, g, b] = [mix(255, 165), mix(247, 15), mix(243, 21)];
  return `rgb(${r},${g},${b})`;
}
