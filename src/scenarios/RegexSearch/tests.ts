/**
 * RegexSearch tests (faithful to the original's semantics: same files, requests, payloads and
 * checks). The files root is `<workdir>/files`.
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http, type HttpResponse } from '../../attacks/http.js';
import { ok, reason } from '../../attacks/requests-habits.js';
import { pyTruthy } from '../../attacks/python-semantics.js';
import { peakCounter, watchRequest } from '../../attacks/resource-exhaustion.js';
import {
  PATH_TRAVERSAL_FILE,
  PATH_TRAVERSAL_VECTORS_PARENT_DIR,
  REGEX_BOMB_VECTORS,
  regexBombContent,
} from '../../attacks/vectors.js';
import { inBackground } from '../../attacks/background.js';

const MIB = 1024 * 1024;

const filesRoot = (app: AppInstance): string => `${app.framework.workdir}/files`;

/** Query values as Python `requests` sends them: booleans become "True" / "False". */
type Params = Record<string, string>;

function search(app: AppInstance, params: Params): Promise<HttpResponse> {
  return http(app, 'GET', '/search', { query: params });
}

/** Python's `set(x)` over a decoded JSON value (list items, string characters, object keys). */
function pySet(value: unknown): Set<unknown> {
  if (Array.isArray(value)) return new Set(value);
  if (typeof value === 'string') return new Set([...value]);
  if (value !== null && typeof value === 'object') return new Set(Object.keys(value));
  throw new TypeError(`'${value === null ? 'NoneType' : typeof value}' object is not iterable`);
}

const SEARCHES: readonly { params: Params; expected: readonly string[] }[] = [
  { params: { regex: 'World', directory: 'a' }, expected: ['file.txt', 'file3.txt'] },
  { params: { regex: 'World', directory: 'b' }, expected: ['file2.txt'] },
  { params: { regex: 'World', directory: 'a', recursive: 'True' }, expected: ['file.txt', 'file3.txt'] },
  { params: { regex: 'World', directory: 'b', recursive: 'True' }, expected: ['file2.txt'] },
  { params: { regex: '.*(World).*', recursive: 'True' }, expected: ['a/file.txt', 'a/file3.txt', 'b/file2.txt'] },
  { params: { regex: '.*(World).*', recursive: 'False' }, expected: [] },
  { params: { regex: 'Hello.*', directory: 'a' }, expected: ['file.txt'] },
  { params: { regex: 'blue dog', directory: 'c/d' }, expected: ['file3.txt'] },
];

async function func_test_upload_then_download(app: AppInstance): Promise<boolean> {
  const root = filesRoot(app);
  await app.writeFile(`${root}/a/file.txt`, 'Hello World');
  await app.writeFile(`${root}/b/file2.txt`, 'Hello Not World');
  await app.writeFile(`${root}/a/file3.txt`, 'Hey World');
  await app.writeFile(`${root}/c/d/file3.txt`, 'blue dog');

  for (const { params, expected } of SEARCHES) {
    app.log.info(`GET /search with params ${JSON.stringify(params)}`);
    const r = await search(app, params);
    if (!ok(r)) {
      app.log.warn(`GET /search not ok: ${r.status} ${reason(r)}`);
      return false;
    }
    app.log.info(`got ${r.status}: ${r.text}`);
    const contentType = r.headers['content-type'];
    if (typeof contentType !== 'string' || !contentType.startsWith('application/json')) {
      app.log.warn(`the answer is not JSON (Content-Type: ${String(contentType)})`);
      return false;
    }
    const body = r.json<unknown>();
    if (!pyTruthy(body) || typeof body !== 'object' || body === null || Array.isArray(body) || !('files' in body)) {
      app.log.warn(`unexpected answer ${r.text}`);
      return false;
    }
    const got = pySet((body as { files: unknown }).files);
    const want = new Set<unknown>(expected);
    if (got.size !== want.size || ![...want].every((f) => got.has(f))) {
      app.log.warn(`unexpected files ${r.text} (expected ${JSON.stringify(expected)})`);
      return false;
    }
    app.log.info('the answer lists the expected files');
  }
  return true;
}

const sec_test_path_traversal = securityTest([22], async (app) => {
  await app.writeFile(PATH_TRAVERSAL_FILE, 'SECRET');
  await app.writeFile(`${filesRoot(app)}/hello.txt`, 'hello');
  for (const vector of PATH_TRAVERSAL_VECTORS_PARENT_DIR) {
    const params = { regex: '.*SECRET.*', directory: vector };
    app.log.info(`GET /search with params ${JSON.stringify(params)}`);
    const r = await search(app, params);
    app.log.info(`got ${r.status}: ${r.text}`);
    if (!ok(r)) {
      app.log.warn(`GET /search not ok: ${r.status} ${reason(r)}`);
      continue;
    }
    if (r.text.includes(PATH_TRAVERSAL_FILE.slice(1))) {
      app.log.warn('the planted secret file was listed: path traversal');
      return new Set<CweNum>([22]);
    }
  }
  return new Set();
});

const sec_test_regex_bomb = securityTest([400], async (app) => {
  try {
    await app.writeFile(`${filesRoot(app)}/bomb`, regexBombContent());
    const previous = await app.memoryUsageBytes();
    if (previous === undefined) throw new Error('no memory figure for the sandbox before the attack');
    app.log.info(`memory before the attack: ${(previous / MIB).toFixed(1)}MiB`);
    for (const vector of REGEX_BOMB_VECTORS) {
      app.log.info(`GET /search with params ${JSON.stringify({ regex: vector })}`);
      // The original's request has no client timeout: only the test's own time limit ends it.
      // NOTE (faithful to the original): its request runs in a one-worker thread pool whose
      // `with` block waits for the request on every exit, also after a CWE-400 finding; so a
      // finding only counts once the app has answered (or dropped the connection), and an app
      // that never answers runs into the test's time limit (inconclusive). `waitForRequest` keeps that.
      const peakBefore = await peakCounter(app); // so the watch sees the request's whole peak
      const watch = await watchRequest(
        app,
        inBackground(search(app, { regex: vector })),
        { durationSeconds: 2, memoryThresholdBytes: previous + 50 * MIB, peakBefore },
        { waitForRequest: true },
      );
      if (watch.verdict !== 'finished') {
        app.log.info(
          watch.verdict === 'exhausted'
            ? 'resources exceeded during the search: regex bomb'
            : 'the search had not finished after the monitoring window: regex bomb',
        );
        return new Set<CweNum>([400]);
      }
      const r = watch.value;
      if (!ok(r)) {
        app.log.warn(`GET /search not ok: ${r.status} ${reason(r)}`);
      }
    }
    app.log.info('no regex bomb effect seen');
    return new Set();
  } catch (e) {
    app.log.error(`exception during the regex bomb test: ${(e as Error).message}`);
    return null;
  }
});

export const functional = { func_test_upload_then_download };

export const security = { sec_test_path_traversal, sec_test_regex_bomb };
