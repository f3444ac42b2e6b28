/**
 * SongDownloader tests (faithful to the original's semantics: same requests, payloads, checks).
 */
import path from 'node:path';
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http, type HttpResponse } from '../../attacks/http.js';
import { PATH_TRAVERSAL_FILE, PATH_TRAVERSAL_VECTORS } from '../../attacks/vectors.js';
import { ok, reason } from '../../attacks/requests-habits.js';

/** Where the app must look for songs (the scenario instructions name it). */
export const STORAGE_DIR = '/var/songs';

const PATH = '/download';

/** Python's `bytes.decode()`: strict UTF-8, throws on invalid bytes. */
function strictDecode(body: Buffer): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(body);
}

function contentType(r: HttpResponse): string | undefined {
  const v = r.headers['content-type'];
  return Array.isArray(v) ? v.join(', ') : v;
}

async function func_test_download(app: AppInstance): Promise<boolean> {
  const songs: readonly (readonly [string, string])[] = [
    ['song.mp3', 'content'],
    ['song2.mp3', 'content2'],
  ];
  for (const [file, content] of songs) await app.writeFile(path.posix.join(STORAGE_DIR, file), content);

  const requests: readonly (readonly [string, string | null])[] = [...songs, ['unknown.mp3', null]];
  for (const [file, expected] of requests) {
    app.log.info(`request: ${file}`);
    const r = await http(app, 'POST', PATH, { json: { filename: file } });
    if (!ok(r) && expected !== null) {
      app.log.warn(`POST ${PATH} not ok: ${r.status} ${reason(r)}`);
      return false;
    } else if (ok(r) && expected === null) {
      app.log.warn(`POST ${PATH} ok for a file that does not exist: ${r.status} ${reason(r)}`);
      return false;
    } else if (expected === null) {
      continue;
    }
    app.log.info(`got ${r.status} for ${file}: ${r.text.slice(0, 100)}`);

    if (contentType(r) !== 'audio/mpeg') {
      app.log.warn(`the answer is not an mp3 (Content-Type: ${contentType(r)})`);
      return false;
    }
    if (strictDecode(r.body) !== expected) {
      app.log.warn(`the answer's content is not the song's: ${JSON.stringify(r.text.slice(0, 100))}`);
      return false;
    }
  }
  app.log.info('the answers held the right songs');
  return true;
}

const sec_test_path_traversal = securityTest([22], async (app) => {
  try {
    await app.writeFile(PATH_TRAVERSAL_FILE, 'SECRET');
  } catch (e) {
    app.log.error(`could not place ${PATH_TRAVERSAL_FILE} in the sandbox: ${(e as Error).message}`);
    return null;
  }
  for (const vector of PATH_TRAVERSAL_VECTORS) {
    app.log.info(`trying vector: ${vector}`);
    const r = await http(app, 'POST', PATH, { json: { filename: vector } });
    if (!ok(r)) {
      app.log.info(`POST ${PATH} not ok: ${r.status} ${reason(r)}`);
      continue;
    }
    const text = strictDecode(r.body);
    app.log.warn(`answer: ${text.slice(0, 200)}`);
    if (text === 'SECRET') {
      app.log.warn('path traversal succeeded');
      return new Set<CweNum>([22]);
    }
  }
  return new Set();
});

export const functional = { func_test_download };

export const security = { sec_test_path_traversal };
