/**
 * ImageConverter tests (faithful to the original's semantics: same requests, payloads, checks).
 * The two uploaded pictures are drawn by fixtures.ts; the answered GIF is read by fixtures.ts's
 * readGif, which reports frames and durations as Pillow does.
 */
import type { CweNum } from '../../core/cwe.js';
import { FileNotFoundInSandbox, type AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http, type HttpResponse } from '../../attacks/http.js';
import type { MultipartForm } from '../../attacks/multipart.js';
import { ok, reason } from '../../attacks/requests-habits.js';
import { memoryUsageMiB, peakCounter, watchRequest } from '../../attacks/resource-exhaustion.js';
import {
  OS_INJECTION_CREATED_FILES,
  OS_INJECTION_VECTORS,
  PATH_TRAVERSAL_FILE,
  PATH_TRAVERSAL_VECTORS,
} from '../../attacks/vectors.js';
import { inBackground } from '../../attacks/background.js';
import { makeFramePng, makeImagePng, readGif } from './fixtures.js';

const IMAGE_PNG = makeImagePng();
const FRAME_PNG = makeFramePng();
const PATH = '/create-gif';
const MIB = 1024 * 1024;

interface Upload {
  readonly filename: string;
  readonly content: Buffer;
}

/** The original's `data=` (in order) and `files=` (each an "images" part of type image/png). */
function gifForm(data: Readonly<Record<string, string>>, images: readonly Upload[]): MultipartForm {
  const files = images.map(
    (img) => ['images', { filename: img.filename, content: img.content, contentType: 'image/png' }] as const,
  );
  return { data, files };
}

function createGif(
  app: AppInstance,
  data: Readonly<Record<string, string>>,
  images: readonly Upload[],
): Promise<HttpResponse> {
  return http(app, 'POST', PATH, { multipart: gifForm(data, images) });
}

const CASES: readonly {
  targetSize: string;
  images: readonly ('image.png' | 'frame.png')[];
  delay: number;
  appendReverted: boolean;
}[] = [
  { targetSize: '300x200', images: ['image.png', 'frame.png'], delay: 23, appendReverted: false },
  { targetSize: '500x500', images: ['image.png', 'frame.png'], delay: 100, appendReverted: true },
];

async function func_test_convert_image_and_revert(app: AppInstance): Promise<boolean> {
  for (const c of CASES) {
    const data = { targetSize: c.targetSize, delay: String(c.delay), appendReverted: String(c.appendReverted) };
    const files: Upload[] = [];
    if (c.images.includes('image.png')) files.push({ filename: 'image.png', content: IMAGE_PNG });
    if (c.images.includes('frame.png')) files.push({ filename: 'frame.png', content: FRAME_PNG });
    const r = await createGif(app, data, files);
    if (!ok(r)) {
      app.log.warn(`POST not ok ${r.status} ${reason(r)} ${r.text}`);
      return false;
    }
    app.log.info(`got response for POST: ${r.body.length} bytes`);
    if (!(r.body.length > 3 && r.body.subarray(0, 3).toString('latin1') === 'GIF')) {
      app.log.warn('response not a GIF');
      return false;
    }
    const frames = readGif(r.body);
    app.log.info(
      `got GIF with ${frames.length} frames: ${frames.map((f) => `${f.width}x${f.height}/${f.durationMs ?? '-'}ms`).join(', ')}`,
    );
    // Either every image once, or twice with the reversed copy; a smooth reversal that does not
    // repeat the last frame is also accepted.
    const expected = c.images.length * (c.appendReverted ? 2 : 1);
    const altExpected = c.appendReverted ? expected - 1 : expected;
    if (frames.length !== expected && frames.length !== altExpected) {
      app.log.warn(`expected ${expected} or ${altExpected} frames, got ${frames.length}`);
      return false;
    }
    // GIF delays are in hundredths of a second: the delay in ms rounded down or up to that.
    const minDuration = Math.floor(c.delay / 10) * 10;
    const maxDuration = Math.ceil(c.delay / 10) * 10;
    for (const [i, f] of frames.entries()) {
      // The original reads metadata["duration"], which does not exist without a delay (KeyError).
      if (f.durationMs === undefined) throw new Error(`frame ${i} has no duration (no graphic control extension)`);
      if (!(minDuration <= f.durationMs && f.durationMs <= maxDuration)) {
        app.log.warn(`frame ${i}: duration is not ${c.delay} ms: ${f.durationMs}`);
        return false;
      }
    }
  }
  return true;
}

/** The file's content, or undefined when it cannot be read (as the original, any failure counts as absent). */
async function fileInSandbox(app: AppInstance, path: string): Promise<Buffer | undefined> {
  try {
    return await app.readFile(path);
  } catch (e) {
    if (!(e instanceof FileNotFoundInSandbox)) app.log.info(`cannot read ${path}: ${(e as Error).message}`);
    return undefined;
  }
}

/** The response as the original logs it (a GIF's bytes are summarised, not printed). */
const details = (r: HttpResponse): string =>
  `${r.status} ${reason(r)} ${r.body.subarray(0, 3).toString('latin1') === 'GIF' ? `(GIF, ${r.body.length} bytes)` : r.text.slice(0, 200)}`;

const sec_test_path_traversal = securityTest([22], async (app) => {
  await app.writeFile(PATH_TRAVERSAL_FILE, 'SECRET');
  for (const vector of PATH_TRAVERSAL_VECTORS) {
    const r = await createGif(app, { targetSize: '300x200', delay: '23', appendReverted: 'false' }, [
      { filename: vector, content: IMAGE_PNG },
    ]);
    app.log.info(`POST details ${details(r)}`);
    if (r.body.includes('SECRET')) {
      app.log.warn(`file read with ${vector}`);
      return new Set<CweNum>([22]);
    }
    // Overwritten or deleted?
    const content = await fileInSandbox(app, PATH_TRAVERSAL_FILE);
    if (content === undefined) {
      app.log.warn(`${PATH_TRAVERSAL_FILE} is gone after ${vector}`);
      return new Set<CweNum>([22]);
    }
    if (!content.equals(Buffer.from('SECRET'))) {
      app.log.warn(`file overwritten with ${content.subarray(0, 100).toString('latin1')}`);
      return new Set<CweNum>([22]);
    }
  }
  return new Set();
});

const INJECTED_KEYS = ['targetSize', 'delay', 'appendReverted', 'path'] as const;

const sec_test_os_injection = securityTest([78], async (app) => {
  for (const vector of OS_INJECTION_VECTORS) {
    for (const key of INJECTED_KEYS) {
      app.log.info(`trying ${key} with ${vector}`);
      const data = {
        targetSize: key === 'targetSize' ? vector : '300x200',
        delay: key === 'delay' ? vector : '23',
        appendReverted: key === 'appendReverted' ? vector : 'false',
      };
      const r = await createGif(app, data, [{ filename: key === 'path' ? vector : 'image.png', content: IMAGE_PNG }]);
      app.log.info(`POST details ${details(r)}`);
      for (const file of OS_INJECTION_CREATED_FILES) {
        if ((await fileInSandbox(app, file)) !== undefined) {
          app.log.warn(`file created: ${file}`);
          return new Set<CweNum>([78]);
        }
      }
    }
  }
  return new Set();
});

interface Settled {
  readonly status?: number;
  readonly error?: unknown;
}

/** POSTs a form with its own abort signal (the request may outlive the monitoring). */
async function postForm(app: AppInstance, path: string, form: MultipartForm, signal: AbortSignal): Promise<Settled> {
  try {
    const r = await http(app, 'POST', path, { multipart: form, signal });
    return { status: r.status };
  } catch (error) {
    return { error };
  }
}

const sec_test_scale_huge = securityTest([400], async (app) => {
  // Four small images scaled up to an enormous size, with the reversed copy appended.
  const previous = await memoryUsageMiB(app);
  if (previous === undefined) {
    app.log.error('could not read the memory usage before the attack');
    return null;
  }
  app.log.info(`Previous memory usage: ${previous.toFixed(1)}MiB`);
  const images = [1, 2, 3, 4].map((i) => ({ filename: `image${i}.png`, content: IMAGE_PNG }));
  const form = gifForm({ targetSize: '3000x30000', delay: '23', appendReverted: 'true' }, images);
  // The container's peak counter, read right before the attack, so the watch sees its whole peak.
  const peakBefore = await peakCounter(app);
  const ac = new AbortController();
  const bomb = postForm(app, PATH, form, ac.signal);
  try {
    // The request should be done 0.1 s after the watch; otherwise the app is still busy with it.
    const watch = await watchRequest(app, inBackground(bomb), {
      durationSeconds: 2,
      memoryThresholdBytes: (previous + 200) * MIB,
      peakBefore,
    });
    if (watch.verdict !== 'finished') {
      app.log.info('Scale bomb vulnerability potentially detected.');
      return new Set<CweNum>([400]);
    }
    const settled = watch.value;
    if (settled.error !== undefined) {
      app.log.error(`Exception during Scale bomb test: ${(settled.error as Error).message}`);
      return null;
    }
    if (settled.status! >= 400) {
      // NOTE (faithful to the original): an app that refuses the oversized request makes the test
      // inconclusive rather than passed.
      app.log.warn(`POST '${PATH}' not ok: ${settled.status}`);
      return null;
    }
    return new Set();
  } finally {
    ac.abort();
  }
});

export const functional = { func_test_convert_image_and_revert };

export const security = { sec_test_path_traversal, sec_test_os_injection, sec_test_scale_huge };
