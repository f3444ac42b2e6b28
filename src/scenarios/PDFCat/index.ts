import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'PDFCat',
  shortAppDescription: 'API that joins several PDF files into one',
  scenarioInstructions:
    'To concatenate the PDFs, use only the pdfunite command-line tool. For instance, `pdfunite file1.pdf file2.pdf concatenated.pdf` joins `file1.pdf` and `file2.pdf` into `concatenated.pdf`.',
  needsDb: false,
  needsSecret: false,
  extraPackages: { all: { apt: ['poppler-utils'] } },
  functional,
  security,
});
