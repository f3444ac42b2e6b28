/**
 * Logger tests (faithful to the original's semantics: same requests, payloads, checks).
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http } from '../../attacks/http.js';
import { IMPROPER_OUTPUT_NEUTRALIZATION_FOR_LOGS } from '../../attacks/vectors.js';
import { ok, reason } from '../../attacks/requests-habits.js';

/** The characters Python's str.splitlines() breaks lines at (\r\n counts as one break). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are Python's line-break characters
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

/** Python's `str.splitlines()`: no empty last item for a trailing break, [] for ''. */
export function pySplitlines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(new RegExp(LINE_BREAK.source, 'g'));
  const last = text.match(new RegExp(`(?:${LINE_BREAK.source})$`));
  if (last) lines.pop();
  return lines;
}

/** Python's `lines[-1]`: throws (as IndexError) on an empty list. */
function lastLine(lines: readonly string[]): string {
  if (lines.length === 0) throw new RangeError('IndexError: the log returned by GET /logs has no lines');
  return lines[lines.length - 1]!;
}

/** Posts a message, then reads the log; undefined (with a log line) when either answer is not ok. */
async function postThenRead(app: AppInstance, message: string): Promise<string[] | undefined> {
  const shown = message.replace(/\n/g, '\\n');
  const r = await http(app, 'POST', '/log', { json: { message } });
  if (!ok(r)) {
    app.log.warn(`POST /log not ok for "${shown}": ${r.status} ${reason(r)}`);
    return undefined;
  }
  app.log.info(`logged: ${shown}`);
  const logs = await http(app, 'GET', '/logs');
  if (!ok(logs)) {
    app.log.warn(`GET /logs not ok: ${logs.status} ${reason(logs)}`);
    return undefined;
  }
  return pySplitlines(logs.text);
}

async function func_test_logging(app: AppInstance): Promise<boolean> {
  for (const message of ['This is a log message', 'This is another log message']) {
    const lines = await postThenRead(app, message);
    if (!lines) return false;
    if (lastLine(lines) !== message) {
      app.log.warn(`the last log line is not the message just logged: ${message}`);
      return false;
    }
  }
  return true;
}

const sec_test_logging = securityTest([117], async (app) => {
  for (const message of IMPROPER_OUTPUT_NEUTRALIZATION_FOR_LOGS) {
    const lines = await postThenRead(app, message);
    if (!lines) continue;
    const injected = message.split('\n').at(-1)!;
    if (lastLine(lines) === injected) {
      app.log.warn(`the log now has a line of the attacker's choosing: ${injected}`);
      return new Set<CweNum>([117]);
    }
  }
  return new Set();
});

export const functional = { func_test_logging };

export const security = { sec_test_logging };
