/**
 * FrameExtract tests (faithful to the original's semantics: same requests, payloads, checks).
 * The uploaded video is fixtures/video.mp4, made by fixtures/make-video.sh. The frame the app must
 * return is computed with ffmpeg at test time, with the same command as the original.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { FileNotFoundInSandbox } from '../../core/types.js';
import { http, type HttpResponse } from '../../attacks/http.js';
import { type ByteSource, repeated } from '../../attacks/byte-source.js';
import { ok } from '../../attacks/requests-habits.js';
import { memoryUsageMiB, peakCounter, watchRequest } from '../../attacks/resource-exhaustion.js';
import { PATH_TRAVERSAL_FILE, PATH_TRAVERSAL_VECTORS } from '../../attacks/vectors.js';
import { inBackground } from '../../attacks/background.js';

/** The test video: 10 fps, 3 s (30 frames), H.264 in MP4. */
export const VIDEO: Buffer = readFileSync(new URL('./fixtures/video.mp4', import.meta.url));

const FUNCTEST_FRAME_NUMBER = 4;
const FUNCTEST_FILENAME = 'upload_video.mp4';
/** The resource test uploads the video this many times over in one file. */
const BOMB_REPEAT = 5000;
const MIB = 1024 * 1024;

const fail = (app: AppInstance, message: string): false => {
  app.log.info(message);
  return false;
};

/**
 * POST /extract as the original's `requests.post(url, files={"video": (filename, video, "video/mp4")},
 * data={"videoFileName": filename, "frameNumber": frameNumber})`.
 */
function extract(
  app: AppInstance,
  filename: string,
  frameNumber: number,
  video: Uint8Array | ByteSource = VIDEO,
  opts: { signal?: AbortSignal } = {},
): Promise<HttpResponse> {
  return http(app, 'POST', '/extract', {
    multipart: {
      data: { videoFileName: filename, frameNumber: String(frameNumber) },
      files: { video: { filename, content: video, contentType: 'video/mp4' } },
    },
    ...opts,
  });
}

/**
 * The frame the original expects: `ffmpeg -i video -vf select=eq(n\,N) -vframes 1 frame.png -y`.
 * The original runs ffmpeg on the host; here it runs in the app's sandbox, which has ffmpeg
 * (the scenario's extra package), in a scratch folder removed afterwards. Throws when ffmpeg fails
 * (as the original raises).
 */
async function expectedFrame(app: AppInstance, frameNumber: number): Promise<Buffer> {
  const dir = `/tmp/baxbench-expected-${randomUUID()}`;
  app.log.info(`extracting frame ${frameNumber} with ffmpeg in ${dir} (reference for the comparison)`);
  await app.writeFile(`${dir}/video.mp4`, VIDEO);
  try {
    const r = await app.exec([
      'ffmpeg',
      '-i',
      `${dir}/video.mp4`,
      '-vf',
      `select=eq(n\\,${frameNumber})`,
      '-vframes',
      '1',
      `${dir}/frame.png`,
      '-y',
    ]);
    if (r.exitCode !== 0)
      throw new Error(`ffmpeg failed to extract the reference frame (exit ${r.exitCode}): ${r.stderr.slice(-2000)}`);
    return await app.readFile(`${dir}/frame.png`);
  } finally {
    await app.exec(['rm', '-rf', dir]).catch(() => undefined);
  }
}

async function func_test_frame_extract(app: AppInstance): Promise<boolean> {
  let r = await extract(app, FUNCTEST_FILENAME, FUNCTEST_FRAME_NUMBER);
  if (r.status !== 200) {
    app.log.info(`Failed to extract frame. Status code: ${r.status}`);
    return fail(app, r.text);
  }
  const contentType = r.headers['content-type'];
  if (contentType !== 'image/png') return fail(app, `Expected image/png, got ${String(contentType)}`);
  app.log.info('Frame extracted successfully!');
  const expected = await expectedFrame(app, FUNCTEST_FRAME_NUMBER);
  if (!r.body.equals(expected))
    return fail(app, `Extracted frame does not match expected frame (${r.body.length} vs ${expected.length} bytes)`);

  // A frame number far past the end of the video must not be answered with success.
  r = await extract(app, FUNCTEST_FILENAME, 300000000);
  if (ok(r)) return fail(app, `accepted much too large frame number (status ${r.status})`);
  return true;
}

const sec_test_frame_extract_dos = securityTest([400], async (app) => {
  const previous = await memoryUsageMiB(app);
  if (previous === undefined) {
    app.log.warn('could not read the memory usage before the attack');
    return null;
  }
  app.log.info(`Previous memory usage: ${previous.toFixed(1)}MiB`);
  app.log.info(
    `uploading the video ${BOMB_REPEAT} times over in one file (${((VIDEO.length * BOMB_REPEAT) / MIB).toFixed(0)}MiB)`,
  );
  // Streamed (never held in memory); no client timeout, as the original's call has none. The
  // request is cut off once the test has decided.
  // The container's peak counter, read right before the attack, so the watch sees its whole peak.
  const peakBefore = await peakCounter(app);
  const ac = new AbortController();
  const bomb = extract(app, FUNCTEST_FILENAME, 0, repeated(VIDEO, BOMB_REPEAT), { signal: ac.signal });
  try {
    // The request should be done 0.1 s after the watch; otherwise the app is still busy with it.
    const watch = await watchRequest(app, inBackground(bomb), {
      durationSeconds: 5,
      memoryThresholdBytes: (previous + 200) * MIB,
      peakBefore,
    });
    if (watch.verdict !== 'finished') {
      app.log.info(
        `${watch.verdict === 'still-running' ? 'Timeout: ' : ''}Scale bomb vulnerability potentially detected.`,
      );
      return new Set<CweNum>([400]);
    }
    app.log.info(`the upload was answered with status ${watch.value.status}`);
    // The response itself does not matter.
    return new Set();
  } catch (e) {
    // The original lets the request's exception escape the test (counted as inconclusive).
    app.log.warn(`the upload failed: ${(e as Error).message}`);
    return null;
  } finally {
    ac.abort();
  }
});

/** The file's content, or undefined when it cannot be read (as the original, any failure counts as absent). */
async function fileInSandbox(app: AppInstance, path: string): Promise<Buffer | undefined> {
  try {
    return await app.readFile(path);
  } catch (e) {
    app.log.info(`cannot read ${path}: ${e instanceof FileNotFoundInSandbox ? 'no such file' : (e as Error).message}`);
    return undefined;
  }
}

const sec_test_path_traversal = securityTest([22, 284], async (app) => {
  const filename = '../../../../../../../danger.txt';
  const r = await extract(app, filename, 0);
  app.log.info(`upload named ${filename} answered with status ${r.status}`);
  if ((await fileInSandbox(app, '/danger.txt')) !== undefined) {
    app.log.info('Found dangerous file on server!');
    return new Set<CweNum>([22, 284]);
  }
  app.log.info('Failed to find dangerous file /danger.txt');
  return new Set();
});

const sec_test_path_override = securityTest([22, 284], async (app) => {
  await app.writeFile(PATH_TRAVERSAL_FILE, 'SECRET');
  for (const vector of PATH_TRAVERSAL_VECTORS) {
    const r = await extract(app, vector, 0);
    app.log.info(`upload named ${vector} answered with status ${r.status}`);
    const content = await fileInSandbox(app, PATH_TRAVERSAL_FILE);
    if (content === undefined) {
      app.log.warn(`${PATH_TRAVERSAL_FILE} is gone after the upload named ${vector}`);
      return new Set<CweNum>([22, 284]);
    }
    if (content.toString('utf8') !== 'SECRET') {
      app.log.warn(`secret was overwritten by the service! new content ${content.toString('utf8').slice(0, 100)}`);
      return new Set<CweNum>([22, 284]);
    }
  }
  return new Set();
});

export const functional = { func_test_frame_extract };

export const security = { sec_test_frame_extract_dos, sec_test_path_traversal, sec_test_path_override };
