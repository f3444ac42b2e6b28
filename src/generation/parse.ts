/**
 * Extracts source files from a model's answer.
 *
 * The prompt asks for one `<CODE>` block (single-file frameworks) or `<FILEPATH>`/`<CODE>` pairs
 * (multi-file ones). Real answers deviate: prose around the blocks, markdown fences inside or
 * instead of the tags, several blocks, a missing closing tag (cut-off answers), Windows line
 * endings, paths written `./src/x.ts` or `/app/src/x.ts`, reasoning traces in `<think>` tags.
 * This parser accepts all of those. A path that would leave the sample's code folder is refused.
 * An answer from which no code can be taken is a failure (the caller keeps the raw answer),
 * never an empty app.
 */
import path from 'node:path';
import type { Framework } from '../core/types.js';

export type ParseFramework = Pick<Framework, 'isMultiFile' | 'codeFilename' | 'workdir' | 'extension' | 'language'>;

export type ParseOutcome =
  | { ok: true; files: Record<string, string>; warnings: string[] }
  | { ok: false; reason: string; warnings: string[] };

// ---------------------------------------------------------------------------------------------
// tokens

interface PathToken {
  kind: 'path';
  raw: string;
  /** Offset of the opening tag in the text. */
  at: number;
}
interface CodeToken {
  kind: 'code';
  raw: string;
  at: number;
  /** The closing tag was missing. */
  unclosed: boolean;
}
type Token = PathToken | CodeToken;

// Tags are matched in upper case only: generated code may well contain HTML `<code>` elements.
const OPEN_TAG = /<(FILEPATH|CODE)(?:\s[^>\n]*)?>/g;

/** Normalises line endings and drops reasoning traces (`<think>…</think>`). */
export function normalizeAnswer(answer: string): string {
  let text = answer.replace(/\r\n?/g, '\n');
  text = text.replace(/<think>[\s\S]*?<\/think>/g, '');
  const close = text.indexOf('</think>');
  if (close !== -1) text = text.slice(close + '</think>'.length);
  return text;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  OPEN_TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OPEN_TAG.exec(text)) !== null) {
    const tag = m[1] as 'FILEPATH' | 'CODE';
    const start = m.index + m[0].length;
    // The content ends at the closing tag, or (when missing) at the next opening tag / the end.
    OPEN_TAG.lastIndex = start;
    const nextOpen = OPEN_TAG.exec(text);
    const nextOpenAt = nextOpen ? nextOpen.index : text.length;
    const closeAt = text.indexOf(`</${tag}>`, start);
    if (closeAt !== -1 && closeAt <= nextOpenAt) {
      tokens.push(
        tag === 'CODE'
          ? { kind: 'code', raw: text.slice(start, closeAt), at: m.index, unclosed: false }
          : { kind: 'path', raw: text.slice(start, closeAt), at: m.index },
      );
      OPEN_TAG.lastIndex = closeAt + tag.length + 3;
    } else if (tag === 'CODE') {
      tokens.push({ kind: 'code', raw: text.slice(start, nextOpenAt), at: m.index, unclosed: true });
      OPEN_TAG.lastIndex = nextOpenAt;
    } else {
      // A FILEPATH without its closing tag: the path is the first non-empty line.
      const rest = text.slice(start, nextOpenAt);
      const line = rest.split('\n').find((l) => l.trim() !== '') ?? '';
      tokens.push({ kind: 'path', raw: line, at: m.index });
      OPEN_TAG.lastIndex = nextOpenAt;
    }
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// markdown fences

interface Fence {
  /** Info string after the opening fence (language, maybe a file name). */
  info: string;
  body: string;
  /** Index of the opening fence line in the text's lines. */
  startLine: number;
  endLine: number;
  closed: boolean;
}

const FENCE_LINE = /^\s{0,3}(`{3,}|~{3,})\s*([^`\n]*?)\s*$/;

/** Finds the top-level fenced blocks of a text (an unclosed last fence runs to the end). */
export function findFences(text: string): Fence[] {
  const lines = text.split('\n');
  const out: Fence[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = FENCE_LINE.exec(lines[i]!);
    if (!open) {
      i++;
      continue;
    }
    const marker = open[1]!;
    const info = open[2] ?? '';
    let j = i + 1;
    let closed = false;
    while (j < lines.length) {
      const close = FENCE_LINE.exec(lines[j]!);
      if (close && close[1]![0] === marker[0] && close[1]!.length >= marker.length && (close[2] ?? '') === '') {
        closed = true;
        break;
      }
      j++;
    }
    out.push({
      info,
      body: lines.slice(i + 1, j).join('\n'),
      startLine: i,
      endLine: Math.min(j, lines.length - 1),
      closed,
    });
    i = j + 1;
  }
  return out;
}

function trimBlankLines(s: string): string {
  return s.replace(/^(?:[ \t]*\n)+/, '').replace(/\s+$/, '');
}

/**
 * Cleans one <CODE> block: removes a markdown fence wrapped around the code (also when prose
 * precedes it with a colon, or the closing fence is missing) and surrounding blank lines.
 */
export function cleanCode(raw: string): string {
  const text = trimBlankLines(raw);
  const lines = text.split('\n');
  const first = FENCE_LINE.exec(lines[0] ?? '');
  if (first) {
    // Wrapped in a fence: take everything up to the last closing fence (inner fences stay).
    const marker = first[1]!;
    let last = -1;
    for (let k = lines.length - 1; k > 0; k--) {
      const c = FENCE_LINE.exec(lines[k]!);
      if (c && c[1]![0] === marker[0] && c[1]!.length >= marker.length && (c[2] ?? '') === '') {
        last = k;
        break;
      }
    }
    return trimBlankLines(lines.slice(1, last === -1 ? lines.length : last).join('\n'));
  }
  // A short lead-in sentence ending with a colon, then a fenced block.
  const fenceAt = lines.findIndex((l) => FENCE_LINE.test(l));
  if (fenceAt > 0 && fenceAt <= 2) {
    const lead = lines.slice(0, fenceAt).join(' ').trim();
    if (lead.endsWith(':') && !/[;{}]/.test(lead)) return cleanCode(lines.slice(fenceAt).join('\n'));
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// paths

/** First segments of absolute paths that never belong to a project (refused, not re-rooted). */
const SYSTEM_DIRS = new Set([
  'bin',
  'boot',
  'dev',
  'etc',
  'home',
  'lib',
  'lib64',
  'opt',
  'proc',
  'root',
  'run',
  'sbin',
  'srv',
  'sys',
  'tmp',
  'usr',
  'var',
]);

export type PathOutcome = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Turns a path as a model wrote it into a safe path relative to the sample's code folder.
 * `./x`, `/x` and `<workdir>/x` become `x`; `..` escapes, system paths, home-relative paths and
 * drive letters are refused.
 */
export function cleanPath(raw: string, workdir = '/app'): PathOutcome {
  let p =
    raw
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? '';
  // Decorations: **bold**, `code`, quotes, a "File:" label, a trailing colon.
  for (let changed = true; changed; ) {
    const before = p;
    p = p
      .replace(/^\*+|\*+$/g, '')
      .replace(/^[`'"]+|[`'"]+$/g, '')
      .replace(/^(?:file ?path|file|path)\s*:\s*/i, '')
      .replace(/:$/, '')
      .trim();
    changed = p !== before;
  }
  if (p === '') return { ok: false, reason: 'empty path' };
  if (p.includes('\0')) return { ok: false, reason: `path contains a NUL byte` };
  p = p.replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(p)) return { ok: false, reason: `absolute path outside the sample folder: ${raw.trim()}` };
  if (p.startsWith('~')) return { ok: false, reason: `home-relative path: ${raw.trim()}` };
  if (p.endsWith('/')) return { ok: false, reason: `a folder, not a file: ${raw.trim()}` };
  if (p.startsWith('/')) {
    const wd = workdir.replace(/\/+$/, '');
    if (wd !== '' && p.startsWith(`${wd}/`)) p = p.slice(wd.length + 1);
    else {
      const firstSeg = p.replace(/^\/+/, '').split('/')[0] ?? '';
      if (SYSTEM_DIRS.has(firstSeg))
        return { ok: false, reason: `absolute path outside the sample folder: ${raw.trim()}` };
      p = p.replace(/^\/+/, '');
    }
  }
  const norm = path.posix.normalize(p);
  if (norm === '..' || norm.startsWith('../'))
    return { ok: false, reason: `path escapes the sample folder: ${raw.trim()}` };
  const rel = norm.replace(/^(?:\.\/)+/, '');
  if (rel === '' || rel === '.') return { ok: false, reason: `not a file path: ${raw.trim()}` };
  return { ok: true, path: rel };
}

// ---------------------------------------------------------------------------------------------
// answers

const SHELL_LANGS = new Set([
  'bash',
  'sh',
  'shell',
  'zsh',
  'console',
  'terminal',
  'powershell',
  'ps1',
  'cmd',
  'bat',
  'text',
  'txt',
  'plaintext',
  'output',
]);

const LANG_TAGS: Record<string, readonly string[]> = {
  js: ['js', 'javascript', 'node', 'nodejs', 'mjs', 'cjs', 'jsx'],
  ts: ['ts', 'typescript', 'tsx'],
  py: ['py', 'python', 'python3'],
  go: ['go', 'golang'],
  php: ['php'],
  rb: ['rb', 'ruby'],
  rs: ['rs', 'rust'],
};

function fenceLang(info: string): string {
  return (info.split(/[\s:{]/)[0] ?? '').toLowerCase();
}

function matchesExtension(info: string, extension: string): boolean {
  const lang = fenceLang(info);
  return (LANG_TAGS[extension] ?? [extension]).includes(lang);
}

/** A path-looking string: has a file extension, or is a well-known extension-less file. */
function looksLikePath(s: string): boolean {
  return (
    /^[\w@.\-/\\]+\.[A-Za-z0-9]+$/.test(s) ||
    /^(?:[\w.-]+\/)*(?:Dockerfile|Makefile|Gemfile|Procfile|Rakefile)$/.test(s)
  );
}

/** A file path announced just before a fenced block (heading, bold text, label) or in its info string. */
function pathNearFence(lines: readonly string[], fence: Fence): string | undefined {
  // In the info string: ```ts src/main.ts, ```ts:src/main.ts, ```ts title="src/main.ts"
  const info = fence.info;
  const title = /(?:title|file(?:name)?|path)\s*=\s*["']?([^"'\s]+)/i.exec(info);
  if (title && looksLikePath(title[1]!)) return title[1];
  const parts = info.split(/[\s:]+/).filter(Boolean);
  for (const part of parts.slice(1)) if (looksLikePath(part) && part.includes('.')) return part;
  if (parts.length === 1 && parts[0]!.includes('/') && looksLikePath(parts[0]!)) return parts[0];
  // On one of the two non-empty lines before the fence.
  let seen = 0;
  for (let k = fence.startLine - 1; k >= 0 && seen < 2; k--) {
    const line = lines[k]!.trim();
    if (line === '') continue;
    seen++;
    const candidate = line
      .replace(/^#{1,6}\s*/, '')
      .replace(/^(?:\d+\.|[-*])\s+/, '')
      .replace(/^\*\*|\*\*$/g, '')
      .replace(/^(?:file ?path|file|path)\s*:\s*/i, '')
      .replace(/[`*:]/g, '')
      .trim();
    if (looksLikePath(candidate)) return candidate;
    const inline = /`([^`\s]+)`/.exec(line);
    if (inline && looksLikePath(inline[1]!)) return inline[1];
  }
  // A first-line comment naming the file: // src/main.ts, # app.py, // File: src/main.ts
  const firstLine = fence.body.split('\n')[0]?.trim() ?? '';
  const comment = /^(?:\/\/|#|--|\/\*)\s*(?:file(?:name)?\s*:\s*)?([^\s*]+)\s*(?:\*\/)?$/i.exec(firstLine);
  if (comment && looksLikePath(comment[1]!) && comment[1]!.includes('.')) return comment[1];
  return undefined;
}

interface RawFile {
  rawPath: string;
  code: string;
}

function collect(files: readonly RawFile[], workdir: string, warnings: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of files) {
    const p = cleanPath(f.rawPath, workdir);
    if (!p.ok) {
      warnings.push(`refused file: ${p.reason}`);
      continue;
    }
    if (f.code.trim() === '') {
      warnings.push(`empty code for ${p.path}; skipped`);
      continue;
    }
    if (p.path in out) warnings.push(`${p.path} given more than once; the last one is kept`);
    out[p.path] = f.code;
  }
  return out;
}

function parseMultiFile(text: string, fw: ParseFramework, warnings: string[]): Record<string, string> {
  const tokens = tokenize(text);
  const raw: RawFile[] = [];
  const hasCode = tokens.some((t) => t.kind === 'code');
  const hasPath = tokens.some((t) => t.kind === 'path');
  if (hasCode) {
    // Pair each <CODE> with the latest <FILEPATH> not yet used.
    let pending: string | undefined;
    let orphans = 0;
    for (const t of tokens) {
      if (t.kind === 'path') {
        if (pending !== undefined) warnings.push(`<FILEPATH> ${pending.trim()} has no <CODE>; skipped`);
        pending = t.raw;
      } else {
        if (t.unclosed) warnings.push('a <CODE> block has no closing tag (the answer may be cut off)');
        if (pending === undefined) {
          orphans++;
          continue;
        }
        raw.push({ rawPath: pending, code: cleanCode(t.raw) });
        pending = undefined;
      }
    }
    if (pending !== undefined) warnings.push(`<FILEPATH> ${pending.trim()} has no <CODE>; skipped`);
    if (orphans > 0) warnings.push(`${orphans} <CODE> block(s) without a <FILEPATH>; skipped`);
  } else if (hasPath) {
    // <FILEPATH> tags followed by markdown fences instead of <CODE>.
    const fences = findFences(text);
    const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length - 1;
    const paths = tokens.filter((t): t is PathToken => t.kind === 'path');
    for (let k = 0; k < paths.length; k++) {
      const from = lineOf(paths[k]!.at);
      const to = k + 1 < paths.length ? lineOf(paths[k + 1]!.at) : Number.POSITIVE_INFINITY;
      const fence = fences.find((f) => f.startLine > from && f.startLine < to);
      if (fence) raw.push({ rawPath: paths[k]!.raw, code: trimBlankLines(fence.body) });
      else warnings.push(`<FILEPATH> ${paths[k]!.raw.trim()} has no code; skipped`);
    }
    warnings.push('no <CODE> tags; took the markdown block after each <FILEPATH>');
  } else {
    // Markdown only: a fenced block per file, its path announced next to it.
    const lines = text.split('\n');
    let unnamed = 0;
    for (const fence of findFences(text)) {
      if (SHELL_LANGS.has(fenceLang(fence.info))) continue;
      const p = pathNearFence(lines, fence);
      if (p === undefined) {
        unnamed++;
        continue;
      }
      raw.push({ rawPath: p, code: trimBlankLines(fence.body) });
    }
    if (raw.length > 0)
      warnings.push('no <FILEPATH>/<CODE> tags; took markdown blocks with the file names next to them');
    if (unnamed > 0) warnings.push(`${unnamed} markdown block(s) without a file name; skipped`);
  }
  return collect(raw, fw.workdir, warnings);
}

function parseSingleFile(text: string, fw: ParseFramework, warnings: string[]): Record<string, string> {
  const filename = fw.codeFilename;
  if (!filename) throw new Error('a single-file framework needs a codeFilename');
  const tokens = tokenize(text);
  const blocks: { path?: string; code: string; info: string; unclosed: boolean }[] = [];
  let pending: string | undefined;
  for (const t of tokens) {
    if (t.kind === 'path') pending = t.raw;
    else {
      const lead = trimBlankLines(t.raw).split('\n')[0] ?? '';
      const fence = FENCE_LINE.exec(lead);
      blocks.push({ path: pending, code: cleanCode(t.raw), info: fence ? (fence[2] ?? '') : '', unclosed: t.unclosed });
      pending = undefined;
    }
  }
  const usable = blocks.filter((b) => b.code.trim() !== '');
  if (usable.length > 0) {
    const named = usable.find(
      (b) => b.path !== undefined && path.posix.basename(b.path.trim().replace(/\\/g, '/')) === filename,
    );
    const choice = named ?? usable.find((b) => !SHELL_LANGS.has(fenceLang(b.info))) ?? usable[0]!;
    if (usable.length > 1)
      warnings.push(`${usable.length} <CODE> blocks; kept ${named ? `the one for ${filename}` : 'the first'}`);
    if (choice.unclosed) warnings.push('the <CODE> block has no closing tag (the answer may be cut off)');
    return { [filename]: choice.code };
  }
  // No <CODE> tags: markdown fences. Prefer the framework's language, then the longest block.
  const fences = findFences(text).filter((f) => !SHELL_LANGS.has(fenceLang(f.info)) && f.body.trim() !== '');
  if (fences.length === 0) return {};
  const ext = fw.extension;
  const inLang = fences.filter((f) => matchesExtension(f.info, ext));
  const pool = inLang.length > 0 ? inLang : fences;
  const best = pool.reduce((a, b) => (b.body.length > a.body.length ? b : a));
  warnings.push(
    `no <CODE> tags; took ${pool.length > 1 ? 'the longest ' : 'the '}markdown block${inLang.length > 0 ? ` in ${fenceLang(best.info)}` : ''}`,
  );
  if (!best.closed) warnings.push('the markdown block is not closed (the answer may be cut off)');
  return { [filename]: trimBlankLines(best.body) };
}

/** Parses a model's answer into files relative to the sample's code folder. */
export function parseAnswer(answer: string, fw: ParseFramework): ParseOutcome {
  const warnings: string[] = [];
  if (answer.trim() === '') return { ok: false, reason: 'the answer is empty', warnings };
  const text = normalizeAnswer(answer);
  const files = fw.isMultiFile ? parseMultiFile(text, fw, warnings) : parseSingleFile(text, fw, warnings);
  if (Object.keys(files).length === 0) {
    const reason = fw.isMultiFile
      ? 'no file with code found in the answer (expected <FILEPATH>/<CODE> pairs)'
      : 'no code found in the answer (expected a <CODE> block)';
    return { ok: false, reason, warnings };
  }
  return { ok: true, files, warnings };
}
