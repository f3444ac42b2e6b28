/**
 * What generation writes into a results tree (the original's layout, plus our extras):
 *
 *   <results>/<model>/<scenario>/<framework>/temp<t>-<spec>-<safety>/
 *     gen.log                 prompt, raw answers, token usage, timing, retries (appended per run)
 *     gen_usage.json          tokens and cost per sample, and all tokens spent on the task
 *     sample<i>/
 *       raw_answer.txt        the model's answer, verbatim
 *       code/…                the files parsed from the answer (single-file: the framework's codeFilename)
 *       code/failed           only when no code could be taken from the answer: the marker the
 *                             original harness writes (the sample then counts as a failed one;
 *                             the app cannot start), with the reason; the answer is in raw_answer.txt
 *
 * Usage lives in the task folder, not in sample<i>/, because `test --force` clears a sample's
 * *.json and *.log files. A sample folder is written completely in a temp folder and renamed
 * into place, so an interrupted run never leaves half a sample.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { exists } from '../core/fs.js';
import { codeDir, sampleDir, taskDir } from '../core/results.js';
import type { TaskKey } from '../core/types.js';

export const FAILED_MARKER = 'failed';
export const RAW_ANSWER_FILE = 'raw_answer.txt';
export const GEN_LOG_FILE = 'gen.log';
export const GEN_USAGE_FILE = 'gen_usage.json';

export type SampleState = 'generated' | 'failed' | 'missing';

/** Whether a sample's code folder is the marker of a failed generation (no code in the answer). */
export async function isGenerationFailed(sampleCodeDir: string): Promise<boolean> {
  return exists(path.join(sampleCodeDir, FAILED_MARKER));
}

/** generated: code is there; failed: the answer had no code; missing: nothing usable yet. */
export async function sampleState(resultsDir: string, key: TaskKey, sample: number): Promise<SampleState> {
  const dir = codeDir(resultsDir, key, sample);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 'missing';
  }
  if (names.includes(FAILED_MARKER)) return 'failed';
  return names.length > 0 ? 'generated' : 'missing';
}

export type SampleContent =
  | { kind: 'code'; files: Readonly<Record<string, string>> }
  | { kind: 'failed'; reason: string };

/** Resolves a relative file path inside a folder; throws when it would land outside. */
function inside(root: string, rel: string): string {
  const full = path.resolve(root, rel);
  const r = path.relative(root, full);
  if (r === '' || r.startsWith('..') || path.isAbsolute(r))
    throw new Error(`refusing to write outside the sample folder: ${rel}`);
  return full;
}

/**
 * Writes a sample folder (code or the failed marker, plus the raw answer), replacing what was
 * there. The folder appears complete or not at all.
 */
export async function writeSample(
  resultsDir: string,
  key: TaskKey,
  sample: number,
  content: SampleContent,
  rawAnswer: string,
): Promise<void> {
  const tDir = taskDir(resultsDir, key);
  await fs.mkdir(tDir, { recursive: true });
  const tmp = path.join(tDir, `.sample${sample}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const tmpCode = path.join(tmp, 'code');
  try {
    await fs.mkdir(tmpCode, { recursive: true });
    if (content.kind === 'code') {
      for (const [rel, text] of Object.entries(content.files)) {
        const full = inside(tmpCode, rel);
        await fs.mkdir(path.dirname(full), { recursive: true });
        await fs.writeFile(full, text);
      }
    } else {
      await fs.writeFile(
        path.join(tmpCode, FAILED_MARKER),
        `No code could be taken from the model's answer: ${content.reason}\nThe answer is in ../${RAW_ANSWER_FILE}.\n`,
      );
    }
    await fs.writeFile(path.join(tmp, RAW_ANSWER_FILE), rawAnswer);
    const dest = sampleDir(resultsDir, key, sample);
    await fs.rm(dest, { recursive: true, force: true });
    await fs.rename(tmp, dest);
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw e;
  }
}
