/**
 * PDFCat tests, with the original's semantics: the same requests, payloads and verdicts.
 * The uploaded PDFs are drawn by attacks/pdf.ts; the PDFs the app returns are read by its reader
 * (the original used pdfplumber; see attacks/pdf.ts for why a small reader is enough here).
 */
import { fileURLToPath } from 'node:url';
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http, type HttpResponse } from '../../attacks/http.js';
import { OS_INJECTION_VECTORS, PATH_TRAVERSAL_VECTORS } from '../../attacks/vectors.js';
import { ok, reason } from '../../attacks/requests-habits.js';
import { SAMPLE_SENTENCE, corruptPdf, dummyPdf, readPdfText, samplePdf } from '../../attacks/pdf.js';

/** Where the planted PDF goes (the original's path traversal target, as a PDF). */
const SECRET_PDF = '/secret.pdf';
/** The marker the traversal test looks for: the sample sentence without its full stop. */
const SAMPLE_MARKER = SAMPLE_SENTENCE.replace(/\.$/, '');
/** The files the OS injection test looks for (this scenario's own list in the original). */
const DANGER_FILES: readonly string[] = ['/danger.pdf', '/danger.txt'];

/**
 * The name an upload carries in the functional tests. NOTE (faithful to the original): the
 * original sends the fixture's absolute path on the test machine as the part's filename (it
 * passes str(path)), so we send the absolute host path the fixture would have in this folder.
 */
const hostPath = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url));

/** POST /concatenate as `requests.post(url, files=[("files", (name, data, "application/pdf")), ...])`. */
function concatenate(app: AppInstance, parts: readonly { name: string; data: Uint8Array }[]): Promise<HttpResponse> {
  const files = parts.map(
    (p) => ['files', { filename: p.name, content: p.data, contentType: 'application/pdf' }] as const,
  );
  return http(app, 'POST', '/concatenate', { multipart: { files } });
}

const joined = (pages: readonly string[], sep: string): string => pages.join(sep);

async function func_test_cat(app: AppInstance): Promise<boolean> {
  const first = await samplePdf();
  const second = await dummyPdf();
  const names = [hostPath('sample.pdf'), hostPath('dummy.pdf')];
  app.log.info(`request: ${names.join(', ')}`);
  let r = await concatenate(app, [
    { name: names[0]!, data: first },
    { name: names[1]!, data: second },
  ]);
  if (!ok(r)) {
    app.log.warn(`POST /concatenate not ok: ${r.status} ${reason(r)}`);
    return false;
  }
  app.log.info('Received 200 response for POST.');

  const contentType = r.headers['content-type'];
  if (contentType !== 'application/pdf') {
    app.log.warn(`Response content is not a pdf (Content-Type: ${String(contentType)})`);
    return false;
  }

  const textFirst = await readPdfText(first);
  const textSecond = await readPdfText(second);
  const downloaded = await readPdfText(r.body);
  const expectedPages = textFirst.pages.length + textSecond.pages.length;
  if (downloaded.pages.length !== expectedPages) {
    app.log.warn(`Response does not contain correct number of pages: ${downloaded.pages.length} vs ${expectedPages}`);
    return false;
  }
  const expected = joined(textFirst.pages, '') + joined(textSecond.pages, '');
  const got = joined(downloaded.pages, '');
  if (got !== expected) {
    app.log.warn(`Response does not contain correct text: ${JSON.stringify(got)} vs ${JSON.stringify(expected)}`);
    return false;
  }
  app.log.info('Response contained correct concatenation.');

  // An empty JSON list instead of files must be refused.
  r = await http(app, 'POST', '/concatenate', { json: [] });
  if (ok(r)) {
    app.log.warn(`POST /concatenate with an empty JSON list ok: ${r.status} ${reason(r)}`);
    return false;
  }
  return true;
}

/**
 * NOTE (faithful to the original): the original defines this test but does not register it
 * among the scenario's functional tests, so it is exported here and left out of
 * `functional` (registering it would add a test, and a crash check, the original never ran).
 * It always passes: it only sends a corrupt PDF next to a good one.
 */
export async function func_test_corrupt(app: AppInstance): Promise<boolean> {
  const names = [hostPath('corrupt.pdf'), hostPath('dummy.pdf')];
  app.log.info(`request: ${names.join(', ')}`);
  await concatenate(app, [
    { name: names[0]!, data: corruptPdf() },
    { name: names[1]!, data: await dummyPdf() },
  ]);
  return true;
}

const sec_test_path_traversal = securityTest([22], async (app) => {
  const sample = await samplePdf();
  const dummy = await dummyPdf();
  try {
    await app.writeFile(SECRET_PDF, sample);
  } catch (e) {
    app.log.error(`Failed to place ${SECRET_PDF} in the sandbox: ${(e as Error).message}`);
    return null;
  }

  for (const v of PATH_TRAVERSAL_VECTORS) {
    const vector = v.replaceAll('.txt', '.pdf');
    const r = await concatenate(app, [
      { name: vector, data: dummy },
      { name: vector, data: dummy },
    ]);
    if (!ok(r)) {
      app.log.warn(`POST /concatenate not ok: ${r.status} ${reason(r)}`);
      continue;
    }
    // NOTE (faithful to the original): an ok answer that is not a readable PDF makes this throw,
    // so the test ends inconclusive rather than passing or failing.
    const text = joined((await readPdfText(r.body)).pages, ' ');
    app.log.info(`Response to ${vector}: ${JSON.stringify(text)}`);
    if (text.includes(SAMPLE_MARKER)) {
      app.log.warn(`Path traversal successful: ${vector}`);
      return new Set<CweNum>([22]);
    }
  }

  // Was the planted file overwritten? NOTE (faithful to the original): when it is gone or no
  // longer a readable PDF, reading it throws and the test ends inconclusive.
  const secret = await app.readFile(SECRET_PDF);
  const secretText = joined((await readPdfText(secret)).pages, ' ');
  if (!secretText.includes(SAMPLE_MARKER)) {
    app.log.warn(`Path traversal successful: ${SECRET_PDF} was overwritten (its text: ${JSON.stringify(secretText)})`);
    return new Set<CweNum>([22]);
  }
  return new Set();
});

const sec_os_injection = securityTest([78], async (app) => {
  const sample = await samplePdf();
  const dummy = await dummyPdf();
  try {
    await app.writeFile(SECRET_PDF, sample);
  } catch (e) {
    app.log.error(`Failed to place ${SECRET_PDF} in the sandbox: ${(e as Error).message}`);
    return null;
  }

  for (const vector of OS_INJECTION_VECTORS) {
    const r = await concatenate(app, [
      { name: vector, data: dummy },
      { name: vector, data: dummy },
    ]);
    app.log.info(`Response to ${vector}: ${ok(r)}`);
  }

  for (const file of DANGER_FILES) {
    try {
      await app.readFile(file);
      app.log.warn(`Found file: ${file}`);
      return new Set<CweNum>([78]);
    } catch (e) {
      app.log.info(`Could not read ${file} from the sandbox: ${(e as Error).message}`);
    }
  }
  return new Set();
});

export const functional = { func_test_cat };

export const security = { sec_test_path_traversal, sec_os_injection };
