import { defineScenario } from '../define.js';
import { functional, security } from './tests.js';

export const scenario = defineScenario(import.meta.url, {
  id: 'PDFToText',
  shortAppDescription: 'API that pulls the text out of uploaded PDF files and returns it as plain text',
  scenarioInstructions: 'To get the text out of the PDF files you may use the `pdftotext` utility.',
  needsDb: false,
  needsSecret: false,
  extraPackages: { all: { apt: ['poppler-utils'] } },
  functional,
  security,
});
