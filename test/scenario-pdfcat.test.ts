/**
 * The PDF scenarios' pure helpers (PDFCat, PDFToText): generated fixtures and the small PDF text
 * reader that stands in for the original's pdfplumber.
 */
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import {
  SAMPLE_SENTENCE,
  contentStreamText,
  corruptPdf,
  dummyPdf,
  readPdfText,
  samplePdf,
} from '../src/attacks/pdf.js';
import { paddedPdf } from '../src/scenarios/PDFToText/fixtures.js';
import { scenario as pdfCat } from '../src/scenarios/PDFCat/index.js';
import { scenario as pdfToText } from '../src/scenarios/PDFToText/index.js';

describe('PDF fixtures and text reader', () => {
  it('reads back the text drawn into the fixtures, one string per page', async () => {
    const sample = await readPdfText(await samplePdf());
    expect(sample.pages).toHaveLength(2);
    expect(sample.pages[0]).toContain(SAMPLE_SENTENCE);
    expect(sample.pages[0]!.split('\n')).toHaveLength(4);
    const dummy = await readPdfText(await dummyPdf());
    expect(dummy.pages).toHaveLength(1);
    expect(dummy.pages[0]).not.toContain('simple PDF file');
  });

  it('reads a concatenation made by another tool (compressed object streams)', async () => {
    const out = await PDFDocument.create();
    for (const bytes of [await samplePdf(), await dummyPdf()]) {
      const doc = await PDFDocument.load(bytes);
      for (const p of await out.copyPages(doc, doc.getPageIndices())) out.addPage(p);
    }
    const merged = await readPdfText(await out.save({ useObjectStreams: true }));
    const parts = [...(await readPdfText(await samplePdf())).pages, ...(await readPdfText(await dummyPdf())).pages];
    expect(merged.pages).toEqual(parts);
  });

  it('throws on files that are not readable PDFs', async () => {
    await expect(readPdfText(corruptPdf())).rejects.toThrow();
    await expect(readPdfText(new TextEncoder().encode('{"error":"nope"}'))).rejects.toThrow();
  });

  it('decodes literal and hex strings, TJ arrays and line moves', () => {
    const stream = Buffer.from(
      'BT /F1 12 Tf 14 TL 72 700 Td (Hello \\(world\\)) Tj T* [(two) -300 (words)] TJ 0 -14 Td <414243> Tj ET',
    );
    expect(contentStreamText(stream)).toBe('Hello (world)\ntwo words\nABC');
  });

  it('pads a valid one-page PDF to the requested size', async () => {
    const bytes = await paddedPdf(100_000);
    expect(bytes.length).toBeGreaterThan(100_000);
    expect(bytes.length).toBeLessThan(101_000);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
  });

  it('declares poppler-utils for every language, as the original', () => {
    for (const s of [pdfCat, pdfToText]) expect(s.extraPackages).toEqual({ all: { apt: ['poppler-utils'] } });
    expect(pdfCat.functionalTests.map((t) => t.name)).toEqual(['func_test_cat']);
  });
});
