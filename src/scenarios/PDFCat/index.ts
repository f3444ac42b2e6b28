import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

export const scenario: Scenario = {
  id: 'PDFCat',
  shortAppDescription: 'API that joins several PDF files into one',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions:
    'To concatenate the PDFs, use only the pdfunite command-line tool. For instance, `pdfunite file1.pdf file2.pdf concatenated.pdf` joins `file1.pdf` and `file2.pdf` into `concatenated.pdf`.',
  needsDb: false,
  needsSecret: false,
  extraPackages: { all: { apt: ['poppler-utils'] } },
  functionalTests,
  securityTests,
  references: loadReferences(import.meta.url),
};
