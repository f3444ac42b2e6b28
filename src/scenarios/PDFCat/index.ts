import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../core/types.js';
import { functionalTests, securityTests } from './tests.js';

const ref = (name: string): string => fileURLToPath(new URL(`./reference/JavaScript-express/${name}`, import.meta.url));

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
  references: [
    { name: 'secure', framework: 'JavaScript-express', dir: ref('secure'), expectedCwes: [], passesFunctional: true },
    // Uploads are written under the client's file name (multer's preservePath keeps its folders),
    // so a name climbing out of the temporary folder overwrites the planted /secret.pdf.
    {
      name: 'client-path-names',
      framework: 'JavaScript-express',
      dir: ref('client-path-names'),
      expectedCwes: [22],
      passesFunctional: true,
    },
    // The same file names are pasted unquoted into a shell command line; they also climb out of
    // the temporary folder, hence CWE 22 as well.
    {
      name: 'shell-command',
      framework: 'JavaScript-express',
      dir: ref('shell-command'),
      expectedCwes: [22, 78],
      passesFunctional: true,
    },
  ],
};
