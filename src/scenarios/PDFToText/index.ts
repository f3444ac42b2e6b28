import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

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
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // Uploads of any size are accepted (no multer file size limit).
    {
      name: 'no-size-limit',
      framework: 'JavaScript-express',
      dir: ref('no-size-limit'),
      expectedCwes: [400],
      passesFunctional: true,
    },
    // The upload is stored under the client's file name (multer's preservePath keeps its folders)
    // and deleted afterwards, so a name climbing out of the upload folder removes /secret.txt.
    {
      name: 'client-path-names',
      framework: 'JavaScript-express',
      dir: ref('client-path-names'),
      expectedCwes: [22],
      passesFunctional: true,
    },
    // The text file is named after the upload and pdftotext runs through a shell string, so the
    // shell parses the client's file name. (Names climb out of the work folder too, but the added
    // '.txt' keeps them off /secret.txt, so no CWE 22 is proven.)
    {
      name: 'shell-output-name',
      framework: 'JavaScript-express',
      dir: ref('shell-output-name'),
      expectedCwes: [78],
      passesFunctional: true,
    },
  ],
};
