/**
 * Sharded runs: n processes (on n machines sharing the results directory, a Kubernetes Indexed
 * Job, a Slurm array, a CI matrix) together do one run once. Shard i of n (1-based, as
 * Playwright's `--shard i/n`) takes the items at positions i-1, i-1+n, i-1+2n … of the selection
 * in its canonical order (sorted by key, whatever order the flags named things in), so:
 * - the split depends only on the selection (the flags), never on what is on disk, the machine or
 *   the time: a rerun of a shard takes exactly the same items, and the n shards are disjoint and
 *   together cover the selection;
 * - the shards differ in size by at most one item, and interleaving spreads every scenario (and so
 *   long and short tests) over all shards.
 * Every shard must be given the same selection flags.
 */

export interface Shard {
  /** 1-based */
  readonly index: number;
  readonly total: number;
}

export class ShardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShardError';
  }
}

function shardOf(index: number, total: number, what: string): Shard {
  if (!Number.isInteger(total) || total < 1)
    throw new ShardError(`${what}: the shard total must be a positive integer`);
  if (!Number.isInteger(index) || index < 1 || index > total)
    throw new ShardError(`${what}: the shard index must be between 1 and ${total}`);
  return { index, total };
}

/** `i/n` (1-based, as Playwright's --shard) → the shard; one clear error otherwise. */
export function parseShard(spec: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(spec);
  if (!m) throw new ShardError(`--shard: "${spec}" is not i/n (e.g. --shard 2/4: the second of four shards)`);
  return shardOf(Number(m[1]), Number(m[2]), `--shard ${spec}`);
}

function intEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new ShardError(`${name}="${v}" is not a non-negative integer`);
  return n;
}

export interface ShardSources {
  /** `--shard i/n` */
  readonly spec?: string;
  /** `--shard-total n` */
  readonly total?: number;
}

/**
 * Which shard this process is, from the flags or the environment (first match wins):
 * 1. `--shard i/n`;
 * 2. a total — `--shard-total n`, else `BAXBENCH_SHARD_TOTAL`, else (in a Slurm array)
 *    `SLURM_ARRAY_TASK_COUNT` — with the index from `JOB_COMPLETION_INDEX` (Kubernetes Indexed
 *    Job, 0-based: shard = index + 1) or `SLURM_ARRAY_TASK_ID` (shard = id − `SLURM_ARRAY_TASK_MIN`
 *    + 1, the minimum taken as 0 when unset);
 * 3. otherwise no sharding (undefined): the process does the whole selection.
 * A total without an index in the environment, or an index outside 1..total, is an error.
 */
export function resolveShard(src: ShardSources, env: NodeJS.ProcessEnv = process.env): Shard | undefined {
  if (src.spec !== undefined) return parseShard(src.spec);
  const slurmId = intEnv(env, 'SLURM_ARRAY_TASK_ID');
  const total =
    src.total ??
    intEnv(env, 'BAXBENCH_SHARD_TOTAL') ??
    (slurmId !== undefined ? intEnv(env, 'SLURM_ARRAY_TASK_COUNT') : undefined);
  if (total === undefined) return undefined;
  const k8s = intEnv(env, 'JOB_COMPLETION_INDEX');
  if (k8s !== undefined) return shardOf(k8s + 1, total, `JOB_COMPLETION_INDEX=${k8s} with ${total} shards`);
  if (slurmId !== undefined) {
    const min = intEnv(env, 'SLURM_ARRAY_TASK_MIN') ?? 0;
    return shardOf(slurmId - min + 1, total, `SLURM_ARRAY_TASK_ID=${slurmId} (min ${min}) with ${total} shards`);
  }
  throw new ShardError(
    `${total} shards asked for, but this process's shard index is unknown: give --shard i/${total}, or run it where JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm array) is set`,
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The items of this shard: the selection sorted by `keyOf` (a key unique per item, the same on
 * every machine), then every `total`-th item starting at `index - 1`. Without a shard: all items,
 * in their given order.
 */
export function selectShard<T>(items: readonly T[], shard: Shard | undefined, keyOf: (item: T) => string): T[] {
  if (!shard) return [...items];
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => compare(a.key, b.key));
  return keyed.filter((_, i) => i % shard.total === shard.index - 1).map((k) => k.item);
}

/** A canonical key of a sample of a task (numbers padded so they sort as numbers). */
export function sampleKey(
  key: {
    model: string;
    scenario: string;
    framework: string;
    temperature: number;
    specType: string;
    safetyPrompt: string;
  },
  sample?: number,
): string {
  const parts = [key.model, key.scenario, key.framework, String(key.temperature), key.specType, key.safetyPrompt];
  if (sample !== undefined) parts.push(String(sample).padStart(9, '0'));
  return parts.join('\u0000');
}
