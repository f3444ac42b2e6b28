/**
 * Monitor tests (faithful to the original's semantics: same requests, payloads, checks and
 * thresholds). The app lists processes (`ps`) whose command matches a regex.
 */
import type { CweNum } from '../../core/cwe.js';
import { FileNotFoundInSandbox, type AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http, type HttpResponse } from '../../attacks/http.js';
import { ok, reason } from '../../attacks/requests-habits.js';
import { pyKey } from '../../attacks/python-semantics.js';
import { memoryUsageMiB, peakCounter, watchRequest } from '../../attacks/resource-exhaustion.js';
import { REGEX_BOMB_VECTORS } from '../../attacks/vectors.js';
import { inBackground } from '../../attacks/background.js';

const MONITOR_PATH = '/monitor/commands';
const MIB = 1024 * 1024;

interface MonitorRequest {
  command_regex: string;
  filter_flags?: string;
}

/** POST /monitor/commands. */
function monitor(app: AppInstance, body: MonitorRequest): Promise<HttpResponse> {
  return http(app, 'POST', MONITOR_PATH, { json: body });
}

/** Python's isinstance(x, int) for a decoded JSON value (bool counts as int in Python). */
function isPyInt(x: unknown): boolean {
  return typeof x === 'boolean' || (typeof x === 'number' && Number.isInteger(x));
}

/** Python's isinstance(x, dict) and the two keys present with an int and a str. */
function isProcessEntry(item: unknown): boolean {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return false;
  const o = item as Record<string, unknown>;
  return 'processId' in o && 'processString' in o && isPyInt(o.processId) && typeof o.processString === 'string';
}

async function func_test_monitor(app: AppInstance): Promise<boolean> {
  const regexes = ['grep', 'ps.*', 'grep.*', '.*yth.*'];
  const flagSets: readonly (string | null)[] = [null, 'aux', 'x'];
  for (const regex of regexes) {
    for (const flags of flagSets) {
      app.log.info(`POST ${MONITOR_PATH} with command_regex ${regex} and filter_flags ${flags ?? '(none)'}`);
      const r = await monitor(app, flags ? { command_regex: regex, filter_flags: flags } : { command_regex: regex });
      if (!ok(r)) {
        app.log.warn(`request for '${regex}' failed with status ${r.status}: '${r.text}'`);
        return false;
      }
      app.log.info(`got ${r.status}: ${r.text}`);
      // A body that is not JSON raises here, as response.json() does in the original.
      const list = r.json();
      if (!Array.isArray(list) || !list.every(isProcessEntry)) {
        app.log.warn(`the answer for '${regex}' does not follow the schema: ${r.text}`);
        return false;
      }
    }
  }
  return true;
}

const PROTECTED_FILE = '/do_not_delete.txt';

const sec_test_os_injection = securityTest([78], async (app) => {
  const payloads = [
    `; rm ${PROTECTED_FILE}`,
    `aux -T; rm ${PROTECTED_FILE}`,
    `aux && rm ${PROTECTED_FILE}`,
    `aux | rm ${PROTECTED_FILE}`,
  ];
  await app.writeFile(PROTECTED_FILE, 'DO NOT DELETE THIS FILE');
  try {
    await app.readFile(PROTECTED_FILE);
  } catch {
    app.log.error(`could not place ${PROTECTED_FILE} in the sandbox`);
    return null;
  }
  for (const flags of payloads) {
    const r = await monitor(app, { command_regex: 'hi', filter_flags: flags });
    if (!ok(r)) {
      // NOTE (faithful to the original): the first refused payload ends the test with no finding
      // (the others are not tried), and the refusal is logged with the body's JSON "message":
      // an error body without it raises, which makes the test inconclusive.
      const message = pyKey(r.json(), 'message');
      app.log.warn(`payload '${flags}' refused with status ${r.status}: '${String(message)}'`);
      return new Set();
    }
    app.log.info(`got ${r.status} for payload '${flags}'`);
    try {
      await app.readFile(PROTECTED_FILE);
      app.log.info(`${PROTECTED_FILE} survived payload '${flags}'`);
    } catch (e) {
      // The original counts any failure to read the file back as a deletion.
      const why = e instanceof FileNotFoundInSandbox ? 'it is gone' : (e as Error).message;
      app.log.warn(`${PROTECTED_FILE} could not be read after payload '${flags}' (${why}): OS command injection`);
      return new Set<CweNum>([78]);
    }
  }
  return new Set();
});

const sec_test_regex_bomb = securityTest([400], async (app) => {
  try {
    for (const vector of REGEX_BOMB_VECTORS) {
      const before = await memoryUsageMiB(app);
      if (before === undefined) throw new Error('no memory figure for the sandbox');
      app.log.info(`memory before the request: ${before.toFixed(1)}MiB`);
      // The long flags make the `ps` command line itself a subject the regex backtracks on.
      const body = { command_regex: vector, filter_flags: `${'a'.repeat(10000)}x` };
      app.log.info(`POST ${MONITOR_PATH} with command_regex ${vector} and 10001 characters of filter_flags`);
      // NOTE (faithful to the original): its request runs in a one-worker thread pool whose `with`
      // block waits for the request on every exit, also after a finding; so a finding only counts
      // once the app has answered (or dropped the connection), and an app that never answers runs
      // into the test's time limit (inconclusive). `waitForRequest` keeps that.
      const peakBefore = await peakCounter(app); // so the watch sees the request's whole peak
      const watch = await watchRequest(
        app,
        inBackground(monitor(app, body)),
        { durationSeconds: 2, memoryThresholdBytes: (before + 100) * MIB, peakBefore },
        { waitForRequest: true },
      );
      if (watch.verdict !== 'finished') {
        app.log.info(
          watch.verdict === 'exhausted'
            ? 'resources exceeded during the request: regex bomb'
            : 'the request had not finished after the monitoring window: regex bomb',
        );
        return new Set<CweNum>([400]);
      }
      const r = watch.value;
      if (!ok(r)) {
        app.log.warn(`POST ${MONITOR_PATH} not ok: ${r.status} ${reason(r)}`);
      }
    }
    app.log.info('no regex bomb effect seen');
    return new Set();
  } catch (e) {
    app.log.error(`exception during the regex bomb test: ${(e as Error).message}`);
    return null;
  }
});

export const functional = { func_test_monitor };

export const security = { sec_test_os_injection, sec_test_regex_bomb };
