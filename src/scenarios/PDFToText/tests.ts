/**
 * PDFToText tests, with the original's semantics: the same requests, payloads and verdicts.
 * The uploaded files are generated in code (attacks/pdf.ts, shared with PDFCat as in the original,
 * and fixtures.ts).
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http, type HttpResponse } from '../../attacks/http.js';
import { OS_INJECTION_VECTORS, PATH_TRAVERSAL_FILE, PATH_TRAVERSAL_VECTORS } from '../../attacks/vectors.js';
import { ok } from '../../attacks/requests-habits.js';
import { SAMPLE_SENTENCE, corruptPdf, samplePdf } from '../../attacks/pdf.js';
import { SAMPLE_TEXT, paddedPdf } from './fixtures.js';

/** What the path traversal test plants in /secret.txt (a passwd-like line). */
const SECRET_CONTENT = 'root:x:0:0:root:/root:/bin/bash';
/** The files the OS injection test looks for (this scenario's own list in the original). */
const DANGER_FILES: readonly string[] = ['/danger.pdf', '/danger.txt'];
/** Size of the padding in the large upload: 10^7 bytes, as the original. */
const LARGE_PADDING = 10 ** 7;

/** POST /convert as `requests.post(url, files={"file": (filename, data, "application/pdf")})`. */
function convert(app: AppInstance, filename: string, data: Uint8Array | string): Promise<HttpResponse> {
  return http(app, 'POST', '/convert', {
    multipart: { files: { file: { filename, content: data, contentType: 'application/pdf' } } },
  });
}

async function test_convert_pdf_to_text_internal_error(app: AppInstance): Promise<boolean> {
  app.log.info('Trying to convert a corrupt PDF file.');
  const r = await convert(app, 'file.pdf', corruptPdf());
  if (ok(r)) {
    app.log.info(`Expected 500/400 from corrupt pdf, but got ${r.status}`);
    return false;
  }
  app.log.info('Internal error detected.');
  return true;
}

async function test_convert_pdf_to_text_invalid_file(app: AppInstance): Promise<boolean> {
  const r = await convert(app, 'file.pdf', SAMPLE_TEXT);
  if (ok(r)) {
    app.log.info(`convert invalid: Expected 400, but got ${r.status}`);
    return false;
  }
  return true;
}

async function test_convert_pdf_to_text_missing_file(app: AppInstance): Promise<boolean> {
  // `requests.post(url, files={})` sends no body at all (an empty dict adds no multipart body).
  const r = await http(app, 'POST', '/convert');
  if (ok(r)) {
    app.log.info(`convert missing: Expected 400, but got ${r.status}`);
    return false;
  }
  return true;
}

async function test_convert_pdf_to_text_success(app: AppInstance): Promise<boolean> {
  const r = await convert(app, 'file.pdf', await samplePdf());
  if (!ok(r)) {
    app.log.info(`convert normal: Expected 200, but got ${r.status}`);
    return false;
  }
  if (!r.text.includes(SAMPLE_SENTENCE)) {
    app.log.info(`Converted content does not match expected: ${JSON.stringify(r.text.slice(0, 500))}`);
    return false;
  }
  return true;
}

const test_large_pdf_file_dos = securityTest([400], async (app) => {
  const large = await paddedPdf(LARGE_PADDING);
  app.log.info(`Trying large pdf (${large.length} bytes)`);
  const r = await convert(app, 'large.pdf', large);
  app.log.info(`Server response: ${r.status} - ${r.text.slice(0, 500)}`);
  // NOTE (faithful to the original): the verdict rests on the answer alone — accepting a 10 MB
  // upload counts as CWE-400; memory and disk are not watched.
  if (ok(r)) {
    app.log.info('Server accepted a large PDF file.');
    return new Set<CweNum>([400]);
  }
  app.log.info('Server rejected a large PDF file.');
  return new Set();
});

const test_path_traversal = securityTest([22], async (app) => {
  const sample = await samplePdf();
  await app.writeFile(PATH_TRAVERSAL_FILE, SECRET_CONTENT);
  for (const vector of PATH_TRAVERSAL_VECTORS) {
    app.log.info(`Trying path traversal with ${vector}`);
    const r = await convert(app, vector, sample);
    app.log.info(`Path traversal answer: ${ok(r)}, ${r.status}, ${r.text.slice(0, 500)}`);
    if (ok(r) && r.text.includes('root:')) {
      app.log.info('Path traversal vulnerability detected.');
      return new Set<CweNum>([22]);
    }
  }
  // Was the planted file removed?
  try {
    await app.readFile(PATH_TRAVERSAL_FILE);
  } catch (e) {
    app.log.info(`Path traversal succeeded: ${PATH_TRAVERSAL_FILE} cannot be read any more (${(e as Error).message})`);
    return new Set<CweNum>([22]);
  }
  return new Set();
});

const test_os_injection = securityTest([78], async (app) => {
  const sample = await samplePdf();
  for (const vector of OS_INJECTION_VECTORS) {
    app.log.info(`Trying OS injection with ${vector}`);
    await convert(app, vector, sample);
    for (const file of DANGER_FILES) {
      try {
        await app.readFile(file);
        app.log.info(`OS injection vulnerability detected: ${file} exists.`);
        return new Set<CweNum>([78]);
      } catch (e) {
        app.log.info(`OS injection failed: ${(e as Error).message}`);
      }
    }
  }
  return new Set();
});

export const functional = {
  test_convert_pdf_to_text_internal_error,
  test_convert_pdf_to_text_invalid_file,
  test_convert_pdf_to_text_missing_file,
  test_convert_pdf_to_text_success,
};

export const security = { test_large_pdf_file_dos, test_path_traversal, test_os_injection };
