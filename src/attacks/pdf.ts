/**
 * PDFs for the PDF scenarios (PDFCat, PDFToText), made here with pdf-lib — no PDF file is
 * shipped — and a small text reader for the PDFs an app sends back.
 *
 * Why a reader of our own: the original reads the app's answer with pdfplumber. The PDFs the
 * tests upload are drawn here with a standard font (WinAnsi, one text-showing operator per
 * line), and a concatenation (pdfunite, or any tool that copies pages) keeps their content
 * streams as they are. So reading a page's content streams — parsed with pdf-lib, which handles
 * classic and compressed cross-reference tables, filters decoded by pdf-lib — and collecting
 * the strings its text operators show gives the same text pdfplumber would for these files
 * (lines joined by a newline). It runs on the host: nothing is executed inside the sandbox of
 * the code under test. A PDF that cannot be parsed makes the reader throw, as pdfplumber does.
 */
import { PDFArray, PDFDocument, PDFRawStream, PDFRef, PDFStream, StandardFonts, decodePDFRawStream } from 'pdf-lib';

/** The sentence the tests look for in the sample PDF (a fact of the original tests). */
export const SAMPLE_SENTENCE = 'This is a simple PDF file.';

const SAMPLE_PAGES: readonly (readonly string[])[] = [
  [
    'A sample document',
    SAMPLE_SENTENCE,
    'It was drawn by the test suite with a standard font.',
    'The second page holds a few more lines.',
  ],
  ['Page two', 'Concatenation must keep every page in its order.', 'End of the sample document.'],
];

const DUMMY_PAGES: readonly (readonly string[])[] = [
  ['Dummy PDF document', 'A placeholder page used as the second input.'],
];

async function drawPdf(pages: readonly (readonly string[])[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    for (const [i, line] of lines.entries())
      page.drawText(line, { x: 72, y: 770 - i * 24, size: i === 0 ? 18 : 12, font });
  }
  return doc.save({ useObjectStreams: false });
}

let sample: Promise<Uint8Array> | undefined;
let dummy: Promise<Uint8Array> | undefined;

/** A two-page PDF whose first page holds SAMPLE_SENTENCE (the original's sample.pdf role). */
export function samplePdf(): Promise<Uint8Array> {
  return (sample ??= drawPdf(SAMPLE_PAGES));
}

/** A one-page PDF with other text (the original's dummy.pdf role). */
export function dummyPdf(): Promise<Uint8Array> {
  return (dummy ??= drawPdf(DUMMY_PAGES));
}

/**
 * A file that claims to be a PDF (it starts with a PDF header) but holds no objects, no
 * cross-reference table and no trailer: PDF tools fail on it (the original's corrupt.pdf role).
 */
export function corruptPdf(): Uint8Array {
  const header = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const body = Buffer.alloc(2048);
  let x = 0x2545;
  for (let i = 0; i < body.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    // Bytes 0x80..0xff only: no PDF keyword, delimiter or number can appear in the garbage.
    body[i] = 0x80 | ((x >>> 16) & 0x7f);
  }
  return new Uint8Array(Buffer.concat([header, body]));
}

/** The text of a PDF as the tests read it: one string per page. */
export interface PdfText {
  readonly pages: readonly string[];
}

/** Parses a PDF and returns the text of each page. Throws when it is not a readable PDF. */
export async function readPdfText(bytes: Uint8Array): Promise<PdfText> {
  const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  const pages = doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams: PDFStream[] = [];
    if (contents instanceof PDFStream) streams.push(contents);
    else if (contents instanceof PDFArray) {
      for (let i = 0; i < contents.size(); i++) {
        const item = contents.get(i);
        const s = item instanceof PDFRef ? doc.context.lookup(item) : item;
        if (s instanceof PDFStream) streams.push(s);
      }
    }
    const data = streams.map((s) =>
      Buffer.from(s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : s.getContents()),
    );
    // Content streams of one page are one sequence of operators (ISO 32000 §7.8.2).
    return contentStreamText(Buffer.concat(data.flatMap((d) => [d, Buffer.from('\n')])));
  });
  return { pages };
}

type Token =
  | { kind: 'op'; value: string }
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: Buffer }
  | { kind: 'arr'; value: Token[] }
  | { kind: 'other' };

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

/** Tokenizes a content stream: numbers, strings, arrays, operators; names and dictionaries as `other`. */
function tokenize(src: Buffer): Token[] {
  let i = 0;
  const skipWhite = (): void => {
    while (i < src.length) {
      if (WHITE.has(src[i]!)) i++;
      else if (src[i] === 0x25 /* % */) while (i < src.length && src[i] !== 0x0a && src[i] !== 0x0d) i++;
      else break;
    }
  };
  const literal = (): Buffer => {
    // after '('
    const out: number[] = [];
    let depth = 1;
    while (i < src.length) {
      const c = src[i++]!;
      if (c === 0x5c /* \ */) {
        const n = src[i++];
        if (n === undefined) break;
        const map: Record<number, number> = { 110: 0x0a, 114: 0x0d, 116: 0x09, 98: 0x08, 102: 0x0c };
        if (map[n] !== undefined) out.push(map[n]!);
        else if (n >= 0x30 && n <= 0x37) {
          let oct = n - 0x30;
          for (let k = 0; k < 2 && src[i]! >= 0x30 && src[i]! <= 0x37; k++) oct = oct * 8 + (src[i++]! - 0x30);
          out.push(oct & 0xff);
        } else if (n === 0x0d) {
          if (src[i] === 0x0a) i++;
        } else if (n !== 0x0a) out.push(n);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && --depth === 0) break;
      out.push(c);
    }
    return Buffer.from(out);
  };
  const hex = (): Buffer => {
    // after '<'
    let digits = '';
    while (i < src.length && src[i] !== 0x3e) {
      const ch = String.fromCharCode(src[i++]!);
      if (/[0-9a-fA-F]/.test(ch)) digits += ch;
    }
    i++;
    if (digits.length % 2) digits += '0';
    return Buffer.from(digits, 'hex');
  };
  const next = (): Token | ']' | undefined => {
    skipWhite();
    if (i >= src.length) return undefined;
    const c = src[i]!;
    if (c === 0x28) {
      i++;
      return { kind: 'str', value: literal() };
    }
    if (c === 0x3c && src[i + 1] === 0x3c) {
      // dictionary: skip to the matching '>>'
      let depth = 0;
      while (i < src.length) {
        if (src[i] === 0x3c && src[i + 1] === 0x3c) {
          depth++;
          i += 2;
        } else if (src[i] === 0x3e && src[i + 1] === 0x3e) {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else if (src[i] === 0x28) {
          i++;
          literal();
        } else i++;
      }
      return { kind: 'other' };
    }
    if (c === 0x3c) {
      i++;
      return { kind: 'str', value: hex() };
    }
    if (c === 0x5b) {
      i++;
      const items: Token[] = [];
      for (;;) {
        const t = next();
        if (t === undefined || t === ']') break;
        items.push(t);
      }
      return { kind: 'arr', value: items };
    }
    if (c === 0x5d) {
      i++;
      return ']';
    }
    if (c === 0x2f) {
      i++;
      while (i < src.length && !WHITE.has(src[i]!) && !DELIM.has(src[i]!)) i++;
      return { kind: 'other' };
    }
    if (DELIM.has(c)) {
      i++;
      return { kind: 'other' };
    }
    const start = i;
    while (i < src.length && !WHITE.has(src[i]!) && !DELIM.has(src[i]!)) i++;
    const word = src.subarray(start, i).toString('latin1');
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return { kind: 'num', value: Number(word) };
    if (word === 'BI') {
      // inline image: skip its data up to the 'EI' operator
      const end = src.indexOf('EI', i, 'latin1');
      i = end < 0 ? src.length : end + 2;
      return { kind: 'other' };
    }
    return { kind: 'op', value: word };
  };
  const tokens: Token[] = [];
  for (;;) {
    const t = next();
    if (t === undefined) break;
    if (t !== ']') tokens.push(t);
  }
  return tokens;
}

/**
 * The text a content stream shows. Strings are decoded one byte per character (the fixtures use
 * a WinAnsi standard font with ASCII text); a change of the text line's vertical position starts
 * a new line, as pdfplumber groups characters into lines.
 */
export function contentStreamText(src: Buffer): string {
  const tokens = tokenize(src);
  let out = '';
  let lineY = 0; // y of the current text line (line matrix translation)
  let leading = 0;
  let lastY: number | undefined;
  let operands: Token[] = [];
  const nums = (): number[] =>
    operands.filter((t): t is Extract<Token, { kind: 'num' }> => t.kind === 'num').map((t) => t.value);
  const show = (bytes: Buffer): void => {
    if (bytes.length === 0) return;
    if (lastY !== undefined && Math.abs(lastY - lineY) > 0.5) out += '\n';
    out += bytes.toString('latin1');
    lastY = lineY;
  };
  const showArray = (items: Token[]): void => {
    for (const t of items) {
      if (t.kind === 'str') show(t.value);
      // a large negative adjustment is a word gap
      else if (t.kind === 'num' && t.value <= -200 && out.length > 0 && !out.endsWith(' ')) out += ' ';
    }
  };
  for (const t of tokens) {
    if (t.kind !== 'op') {
      operands.push(t);
      continue;
    }
    const n = nums();
    const last = operands[operands.length - 1];
    switch (t.value) {
      case 'BT':
        lineY = 0;
        break;
      case 'Tm':
        if (n.length >= 6) lineY = n[5]!;
        break;
      case 'Td':
        if (n.length >= 2) lineY += n[1]!;
        break;
      case 'TD':
        if (n.length >= 2) {
          lineY += n[1]!;
          leading = -n[1]!;
        }
        break;
      case 'TL':
        if (n.length >= 1) leading = n[0]!;
        break;
      case 'T*':
        lineY -= leading;
        break;
      case 'Tj':
        if (last?.kind === 'str') show(last.value);
        break;
      case 'TJ':
        if (last?.kind === 'arr') showArray(last.value);
        break;
      case "'":
      case '"':
        lineY -= leading;
        if (last?.kind === 'str') show(last.value);
        break;
    }
    operands = [];
  }
  return out;
}
