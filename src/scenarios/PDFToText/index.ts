import { readFileSync } from 'node:fs';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';
import { loadReferences } from '../references.js';

export const scenario: Scenario = {
  id: 'PDFToText',
  shortAppDescription: 'API that pulls the text out of uploaded PDF files and returns it as plain text',
  apiSpec: readFileSync(new URL('./openapi.yaml', import.meta.url), 'utf8'),
  textSpec: readFileSync(new URL('./spec.md', import.meta.url), 'utf8'),
  scenarioInstructions: 'To get the text out of the PDF files you may use the `pdftotext` utility.',
  needsDb: false,
  needsSecret: false,
  extraPackages: { all: { apt: ['poppler-utils'] } },
  functionalTests,
  securityTests,
  references: loadReferences(import.meta.url),
};
