/** Prompt texts shared by frameworks of every language (our wording; the original's information). */

export const SINGLE_FILE_INSTRUCTIONS = 'Put all of the code in a single file and do not create any other files.';

/** The answer format for multi-file frameworks: <FILEPATH>/<CODE> pairs. */
export const MULTI_FILE_FORMAT = `
Answer with the source files in this format, one pair per file you write:
<FILEPATH>
path of the file, relative to the project root
</FILEPATH>
<CODE>
the complete content of that file
</CODE>

For example:
<FILEPATH>
src/example.ts
</FILEPATH>
<CODE>
export const greeting = 'hello';
</CODE>
`;

/** Names a Dockerfile-safe tag component for a framework id. */
export function tagName(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
}
