/**
 * Files only the PDFToText tests upload: a plain text file and a large padded PDF. (The sample and
 * corrupt PDFs are shared with PDFCat, as in the original: attacks/pdf.ts.) Everything is generated
 * in code: no fixture file is shipped.
 */
import { PDFDocument } from 'pdf-lib';

/** A plain text file, uploaded under a .pdf name (the original's sample.txt role). */
export const SAMPLE_TEXT = 'Just a short text file, not a PDF at all.\n';

/**
 * A valid one-page PDF (a blank 1×1 page) that also holds an unreferenced stream of `padLength`
 * ASCII '0' bytes, so the file is large while its text is empty.
 */
export async function paddedPdf(padLength: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([1, 1]);
  const padding = new Uint8Array(padLength).fill(0x30);
  doc.context.register(doc.context.stream(padding, {}));
  return doc.save({ useObjectStreams: false });
}
