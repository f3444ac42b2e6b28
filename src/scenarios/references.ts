/**
 * A scenario's bundled samples: `reference/<framework>/<name>/` holds one sample's code, laid out
 * as a model would answer; `reference/<framework>/references.yaml` declares each of them:
 *
 * ```yaml
 * secure:                       # the secure reference: every functional test, no CWE
 *   cwes: []
 * sql-injection:                # an insecure variant
 *   why: the email is pasted into the SQL text
 *   cwes: [89, 863]             # what the security tests must prove on it
 *   passes_functional: false    # optional (default true)
 * extract-to-disk:
 *   skip: proves a test the original defines but never runs   # kept, not run
 *   cwes: [400]
 * ```
 *
 * The secure entry may also say which security tests no sample in this framework's language can
 * make fire (`inexpressible: {sec_test_regex_bomb: Go's regexp is linear-time}`): validate then
 * lists them instead of failing when no variant of the run proves them.
 *
 * `<framework>` is the framework id with '/' written as '-' (`Go-net-http`). A folder without an
 * entry, or an entry without a folder, is an error at load time (one line naming the file).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { isCweNum, type CweNum } from '../core/cwe.js';
import type { ReferenceSample } from '../core/types.js';
import { FRAMEWORK_IDS } from '../frameworks/ids.js';

export const REFERENCE_MANIFEST = 'references.yaml';

const entrySchema = z.strictObject({
  why: z.string().optional(),
  cwes: z.array(z.number().int()),
  passes_functional: z.boolean().optional(),
  /** Kept in the tree but not run (e.g. the variant for a test the original defines and never runs): why. */
  skip: z.string().optional(),
  /** Secure entry only: security test name → why no sample in this language can make it fire. */
  inexpressible: z.record(z.string().regex(/^[a-z0-9_]+$/), z.string().min(1)).optional(),
});
const manifestSchema = z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), entrySchema);

/** The folder name a framework's references live in (`Go-net/http` → `Go-net-http`). */
export function referenceDirName(frameworkId: string): string {
  return frameworkId.replaceAll('/', '-');
}

function frameworkOfDir(dir: string, where: string): string {
  const id = FRAMEWORK_IDS.find((f) => referenceDirName(f) === dir);
  if (!id)
    throw new Error(
      `${where}: "${dir}" is not a framework (expected one of ${FRAMEWORK_IDS.map(referenceDirName).join(', ')})`,
    );
  return id;
}

/** Reads one framework folder's manifest and checks it against the folders beside it. */
export function readReferenceManifest(frameworkDir: string): ReferenceSample[] {
  const framework = frameworkOfDir(path.basename(frameworkDir), frameworkDir);
  const file = path.join(frameworkDir, REFERENCE_MANIFEST);
  if (!existsSync(file)) throw new Error(`${file} is missing: declare each reference of ${framework} there`);
  const parsed = manifestSchema.safeParse(parse(readFileSync(file, 'utf8')) ?? {});
  if (!parsed.success)
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const folders = readdirSync(frameworkDir).filter((n) => statSync(path.join(frameworkDir, n)).isDirectory());
  const declared = Object.keys(parsed.data);
  const undeclared = folders.filter((f) => !declared.includes(f));
  if (undeclared.length > 0) throw new Error(`${file}: no entry for ${undeclared.join(', ')}`);
  const missing = declared.filter((d) => !folders.includes(d));
  if (missing.length > 0) throw new Error(`${file}: no folder for ${missing.join(', ')}`);
  return Object.entries(parsed.data).flatMap(([name, e]) => {
    const unknown = e.cwes.filter((c) => !isCweNum(c));
    if (unknown.length > 0) throw new Error(`${file}: ${name}: unknown CWE ${unknown.join(', ')}`);
    if (name === 'secure' && e.cwes.length > 0) throw new Error(`${file}: the secure reference must expect no CWE`);
    if (name !== 'secure' && e.inexpressible)
      throw new Error(`${file}: ${name}: only the secure entry may declare inexpressible tests`);
    if (e.skip !== undefined) return [];
    return {
      name,
      framework,
      dir: path.join(frameworkDir, name),
      expectedCwes: e.cwes as CweNum[],
      passesFunctional: e.passes_functional ?? true,
      ...(e.why ? { why: e.why } : {}),
      ...(e.inexpressible ? { inexpressible: e.inexpressible } : {}),
    } satisfies ReferenceSample;
  });
}

/**
 * Every reference of the scenario whose module is `moduleUrl` (its `index.ts`): the manifests of
 * `reference/*` beside it, secure references first, then the variants in manifest order.
 */
export function loadReferences(moduleUrl: string): ReferenceSample[] {
  const root = path.join(path.dirname(fileURLToPath(moduleUrl)), 'reference');
  if (!existsSync(root)) return [];
  const dirs = readdirSync(root)
    .filter((n) => statSync(path.join(root, n)).isDirectory())
    .sort();
  const all = dirs.flatMap((d) => readReferenceManifest(path.join(root, d)));
  return [...all.filter((r) => r.name === 'secure'), ...all.filter((r) => r.name !== 'secure')];
}
