/**
 * The price table (prices.yaml beside this file, user-editable; `--price-table FILE` merges a
 * user's table over it) and the cost of a usage.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { TokenUsage } from './client.js';

/** US dollars per million tokens. */
export interface Price {
  input: number;
  output: number;
  cachedInput?: number;
}

export type PriceTable = ReadonlyMap<string, Price>;

export const DEFAULT_PRICE_FILE = new URL('./prices.yaml', import.meta.url);

export class PriceTableError extends Error {
  override name = 'PriceTableError';
}

function price(file: string, key: string, v: unknown): Price {
  const bad = (why: string): PriceTableError => new PriceTableError(`${file}: models.${key}: ${why}`);
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw bad('must be a mapping like { input: 2.5, output: 10 }');
  const o = v as Record<string, unknown>;
  const n = (name: string, required: boolean): number | undefined => {
    const x = o[name];
    if (x === undefined && !required) return undefined;
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw bad(`"${name}" must be a non-negative number`);
    return x;
  };
  for (const k of Object.keys(o))
    if (!['input', 'output', 'cached_input'].includes(k))
      throw bad(`unknown field "${k}" (fields: input, output, cached_input)`);
  const p: Price = { input: n('input', true)!, output: n('output', true)! };
  const cached = n('cached_input', false);
  if (cached !== undefined) p.cachedInput = cached;
  return p;
}

/** Parses a price table's text (YAML or JSON) into entries. */
export function parsePriceTable(text: string, file: string): Map<string, Price> {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new PriceTableError(`${file}: not valid YAML/JSON (${(e as Error).message.split('\n')[0]})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new PriceTableError(`${file}: expected a mapping with a "models" key`);
  const models = (doc as Record<string, unknown>).models;
  if (typeof models !== 'object' || models === null || Array.isArray(models))
    throw new PriceTableError(`${file}: expected a mapping with a "models" key`);
  const out = new Map<string, Price>();
  for (const [k, v] of Object.entries(models as Record<string, unknown>)) out.set(k, price(file, k, v));
  return out;
}

/** The bundled table, with a user's table (if any) merged over it. */
export function loadPriceTable(userFile?: string): PriceTable {
  const base = parsePriceTable(readFileSync(DEFAULT_PRICE_FILE, 'utf8'), 'prices.yaml');
  if (!userFile) return base;
  let text: string;
  try {
    text = readFileSync(userFile, 'utf8');
  } catch (e) {
    throw new PriceTableError(
      `cannot read price table ${userFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  for (const [k, v] of parsePriceTable(text, userFile)) base.set(k, v);
  return base;
}

/**
 * The price of a model: the longest key equal to `provider:model` or `model`, or of which the
 * id is an extension (`gpt-4o` for `gpt-4o-2024-08-06`). undefined when the table does not know it.
 */
export function priceFor(table: PriceTable, modelId: string, provider?: string): Price | undefined {
  const ids = provider ? [`${provider}:${modelId}`, modelId] : [modelId];
  for (const id of ids) {
    let best: [string, Price] | undefined;
    for (const [k, p] of table) {
      if ((id === k || id.startsWith(`${k}-`)) && (!best || k.length > best[0].length)) best = [k, p];
    }
    if (best) return best[1];
  }
  return undefined;
}

/** Cost in US dollars of a usage at a price. */
export function costOf(usage: TokenUsage, p: Price): number {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const fresh = usage.inputTokens - cached;
  return (fresh * p.input + cached * (p.cachedInput ?? p.input) + usage.outputTokens * p.output) / 1e6;
}
