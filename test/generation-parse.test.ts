import { describe, expect, it } from 'vitest';
import { cleanCode, cleanPath, parseAnswer, type ParseFramework } from '../src/generation/parse.js';

const single: ParseFramework = {
  isMultiFile: false,
  codeFilename: 'app.js',
  workdir: '/app',
  extension: 'js',
  language: 'JavaScript',
};
const singlePy: ParseFramework = {
  isMultiFile: false,
  codeFilename: 'app.py',
  workdir: '/app',
  extension: 'py',
  language: 'Python',
};
const multi: ParseFramework = {
  isMultiFile: true,
  codeFilename: null,
  workdir: '/app',
  extension: 'ts',
  language: 'JavaScript',
};

const APP = "const express = require('express');\nconst app = express();\napp.listen(5000, '0.0.0.0');";

function files(answer: string, fw: ParseFramework): Record<string, string> {
  const r = parseAnswer(answer, fw);
  if (!r.ok) throw new Error(`expected files, got failure: ${r.reason}`);
  return r.files;
}

function failure(answer: string, fw: ParseFramework): string {
  const r = parseAnswer(answer, fw);
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.files)}`);
  return r.reason;
}

describe('single-file answers', () => {
  it('takes the one <CODE> block as the framework code file', () => {
    expect(files(`<CODE>\n${APP}\n</CODE>`, single)).toEqual({ 'app.js': APP });
  });

  it('ignores prose before and after the block', () => {
    const a = `Sure! Here is the server you asked for.\n\n<CODE>\n${APP}\n</CODE>\n\nRun it with node app.js. Let me know if you need anything else.`;
    expect(files(a, single)).toEqual({ 'app.js': APP });
  });

  it('strips a markdown fence inside <CODE>', () => {
    expect(files(`<CODE>\n\`\`\`javascript\n${APP}\n\`\`\`\n</CODE>`, single)).toEqual({ 'app.js': APP });
  });

  it('strips a fence opened with tildes and an unlabelled fence', () => {
    expect(files(`<CODE>\n~~~js\n${APP}\n~~~\n</CODE>`, single)).toEqual({ 'app.js': APP });
    expect(files(`<CODE>\n\`\`\`\n${APP}\n\`\`\`\n</CODE>`, single)).toEqual({ 'app.js': APP });
  });

  it('keeps fences that are part of the code (not wrapped around it)', () => {
    const code = 'const md = `\n```\nnot a fence of the answer\n```\n`;\nconsole.log(md);';
    expect(files(`<CODE>\n${code}\n</CODE>`, single)).toEqual({ 'app.js': code });
  });

  it('keeps inner fences when the whole block is fenced', () => {
    const code = 'const md = `\n```\ninner\n```\n`;';
    expect(files(`<CODE>\n\`\`\`js\n${code}\n\`\`\`\n</CODE>`, single)).toEqual({ 'app.js': code });
  });

  it('drops a short lead-in line ending with a colon before a fence inside <CODE>', () => {
    expect(files(`<CODE>\nHere is app.js:\n\`\`\`js\n${APP}\n\`\`\`\n</CODE>`, single)).toEqual({ 'app.js': APP });
  });

  it('accepts a missing closing tag (answer cut off)', () => {
    const r = parseAnswer(`<CODE>\n${APP}\n// the rest was cut`, single);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.files['app.js']).toBe(`${APP}\n// the rest was cut`);
      expect(r.warnings.join(' ')).toMatch(/no closing tag/);
    }
  });

  it('accepts a fence without its closing fence', () => {
    expect(files(`<CODE>\n\`\`\`js\n${APP}\n</CODE>`, single)).toEqual({ 'app.js': APP });
  });

  it('turns Windows line endings into \\n', () => {
    const a = `Here it is:\r\n<CODE>\r\n${APP.replaceAll('\n', '\r\n')}\r\n</CODE>\r\n`;
    const out = files(a, single)['app.js']!;
    expect(out).toBe(APP);
    expect(out).not.toContain('\r');
  });

  it('falls back to a markdown block when there are no tags, preferring the framework language', () => {
    const a = `Install first:\n\`\`\`bash\nnpm install express\n\`\`\`\nThen:\n\`\`\`json\n{"name": "x"}\n\`\`\`\n\`\`\`javascript\n${APP}\n\`\`\`\nDone.`;
    const r = parseAnswer(a, single);
    expect(r.ok && r.files).toEqual({ 'app.js': APP });
    expect(r.warnings.join(' ')).toMatch(/no <CODE> tags/);
  });

  it('takes the longest unlabelled markdown block when no block is in the language', () => {
    const a = `\`\`\`\nshort\n\`\`\`\ntext\n\`\`\`\n${APP}\n\`\`\``;
    expect(files(a, single)).toEqual({ 'app.js': APP });
  });

  it('never takes a shell block as the app', () => {
    expect(failure('Run this:\n```bash\nnode app.js\n```', single)).toMatch(/no code/);
  });

  it('with several <CODE> blocks keeps the first and says so', () => {
    const r = parseAnswer(`<CODE>\n${APP}\n</CODE>\nAlternatively:\n<CODE>\nconsole.log(2);\n</CODE>`, single);
    expect(r.ok && r.files).toEqual({ 'app.js': APP });
    expect(r.warnings.join(' ')).toMatch(/2 <CODE> blocks/);
  });

  it('with several blocks prefers the one whose <FILEPATH> is the code file', () => {
    const a = `<FILEPATH>package.json</FILEPATH>\n<CODE>\n{"dependencies": {}}\n</CODE>\n<FILEPATH>\n./app.js\n</FILEPATH>\n<CODE>\n${APP}\n</CODE>`;
    expect(files(a, single)).toEqual({ 'app.js': APP });
  });

  it('skips a shell <CODE> block in favour of the code', () => {
    expect(files(`<CODE>\n\`\`\`bash\nnpm start\n\`\`\`\n</CODE>\n<CODE>\n${APP}\n</CODE>`, single)).toEqual({
      'app.js': APP,
    });
  });

  it('skips empty <CODE> blocks', () => {
    expect(files(`<CODE>\n\n</CODE>\n<CODE>\n${APP}\n</CODE>`, single)).toEqual({ 'app.js': APP });
  });

  it('drops reasoning traces in <think> tags, also an unopened </think>', () => {
    const tricky = '<think>Maybe <CODE>wrong()</CODE> first…</think>\n<CODE>\nright()\n</CODE>';
    expect(files(tricky, singlePy)).toEqual({ 'app.py': 'right()' });
    expect(
      files('thinking without the opening tag <CODE>wrong()</CODE></think>\n<CODE>\nright()\n</CODE>', singlePy),
    ).toEqual({ 'app.py': 'right()' });
  });

  it('does not mistake HTML <code> elements in the code for tags', () => {
    const code = "res.send('<p>use <code>GET /x</code></p>');";
    expect(files(`<CODE>\n${code}\n</CODE>`, single)).toEqual({ 'app.js': code });
  });

  it('accepts attributes on the tag', () => {
    expect(files(`<CODE language="javascript">\n${APP}\n</CODE>`, single)).toEqual({ 'app.js': APP });
  });

  it('keeps indentation of the first line', () => {
    const code = '    indented = True\nprint(indented)';
    expect(files(`<CODE>\n${code}\n</CODE>`, singlePy)).toEqual({ 'app.py': code });
  });

  it('fails on an empty answer, a prose-only answer, and an empty block', () => {
    expect(failure('', single)).toMatch(/empty/);
    expect(failure('   \n\n', single)).toMatch(/empty/);
    expect(failure('I cannot help with that request.', single)).toMatch(/no code/);
    expect(failure('<CODE>\n   \n</CODE>', single)).toMatch(/no code/);
  });
});

describe('multi-file answers', () => {
  const MAIN = "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {}\nbootstrap();";
  const MODULE = "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}";

  it('pairs each <FILEPATH> with its <CODE>', () => {
    const a = `<FILEPATH>\nsrc/main.ts\n</FILEPATH>\n<CODE>\n${MAIN}\n</CODE>\n\n<FILEPATH>\nsrc/app.module.ts\n</FILEPATH>\n<CODE>\n${MODULE}\n</CODE>\n`;
    expect(files(a, multi)).toEqual({ 'src/main.ts': MAIN, 'src/app.module.ts': MODULE });
  });

  it('handles prose between pairs, fences inside <CODE>, and CRLF', () => {
    const a = `I will write two files.\r\n\r\nFirst the entry point:\r\n<FILEPATH>src/main.ts</FILEPATH>\r\n<CODE>\r\n\`\`\`typescript\r\n${MAIN.replaceAll('\n', '\r\n')}\r\n\`\`\`\r\n</CODE>\r\nThen the module:\r\n<FILEPATH>**src/app.module.ts**</FILEPATH>\r\n<CODE>\r\n${MODULE.replaceAll('\n', '\r\n')}\r\n</CODE>\r\nThat's all.`;
    expect(files(a, multi)).toEqual({ 'src/main.ts': MAIN, 'src/app.module.ts': MODULE });
  });

  it('normalises ./ and leading / and workdir-absolute paths', () => {
    const a = `<FILEPATH>./src/main.ts</FILEPATH><CODE>${MAIN}</CODE><FILEPATH>/src/app.module.ts</FILEPATH><CODE>${MODULE}</CODE><FILEPATH>/app/src/app.service.ts</FILEPATH><CODE>export class AppService {}</CODE>`;
    expect(Object.keys(files(a, multi)).sort()).toEqual(['src/app.module.ts', 'src/app.service.ts', 'src/main.ts']);
  });

  it('refuses paths escaping the sample folder but keeps the other files', () => {
    const a = [
      `<FILEPATH>../../etc/cron.d/evil</FILEPATH><CODE>* * * * * root rm -rf /</CODE>`,
      `<FILEPATH>/etc/passwd</FILEPATH><CODE>root::0:0::/:/bin/sh</CODE>`,
      `<FILEPATH>src/../../outside.ts</FILEPATH><CODE>x</CODE>`,
      `<FILEPATH>C:\\Windows\\evil.ts</FILEPATH><CODE>x</CODE>`,
      `<FILEPATH>~/.bashrc</FILEPATH><CODE>x</CODE>`,
      `<FILEPATH>src/main.ts</FILEPATH><CODE>${MAIN}</CODE>`,
    ].join('\n');
    const r = parseAnswer(a, multi);
    expect(r.ok && r.files).toEqual({ 'src/main.ts': MAIN });
    expect(r.warnings.filter((w) => w.startsWith('refused')).length).toBe(5);
  });

  it('fails when every path is refused', () => {
    expect(failure('<FILEPATH>../x.ts</FILEPATH><CODE>x</CODE>', multi)).toMatch(/no file/);
  });

  it('accepts a missing </CODE> before the next <FILEPATH> and at the end', () => {
    const a = `<FILEPATH>src/main.ts</FILEPATH>\n<CODE>\n${MAIN}\n\n<FILEPATH>src/app.module.ts</FILEPATH>\n<CODE>\n${MODULE}`;
    expect(files(a, multi)).toEqual({ 'src/main.ts': MAIN, 'src/app.module.ts': MODULE });
  });

  it('accepts a missing </FILEPATH> (path on its line)', () => {
    const a = `<FILEPATH>src/main.ts\n<CODE>\n${MAIN}\n</CODE>`;
    expect(files(a, multi)).toEqual({ 'src/main.ts': MAIN });
  });

  it('takes the markdown block after each <FILEPATH> when <CODE> tags are missing', () => {
    const a = `<FILEPATH>src/main.ts</FILEPATH>\n\`\`\`ts\n${MAIN}\n\`\`\`\n<FILEPATH>src/app.module.ts</FILEPATH>\n\`\`\`ts\n${MODULE}\n\`\`\``;
    expect(files(a, multi)).toEqual({ 'src/main.ts': MAIN, 'src/app.module.ts': MODULE });
  });

  it('reads markdown-only answers with file names in headings, bold text or info strings', () => {
    const a = [
      '### src/main.ts',
      '```typescript',
      MAIN,
      '```',
      '**src/app.module.ts**',
      '```ts',
      MODULE,
      '```',
      '```ts title="src/app.service.ts"',
      'export class AppService {}',
      '```',
      'To run:',
      '```bash',
      'npm run start',
      '```',
    ].join('\n');
    expect(files(a, multi)).toEqual({
      'src/main.ts': MAIN,
      'src/app.module.ts': MODULE,
      'src/app.service.ts': 'export class AppService {}',
    });
  });

  it('reads a file name from a first-line comment in a markdown block', () => {
    const a = '```ts\n// src/app.controller.ts\nexport class AppController {}\n```';
    expect(files(a, multi)).toEqual({
      'src/app.controller.ts': '// src/app.controller.ts\nexport class AppController {}',
    });
  });

  it('skips <CODE> without a <FILEPATH> and <FILEPATH> without <CODE>, with warnings', () => {
    const a = `<CODE>orphan()</CODE>\n<FILEPATH>src/lonely.ts</FILEPATH>\n<FILEPATH>src/main.ts</FILEPATH>\n<CODE>${MAIN}</CODE>`;
    const r = parseAnswer(a, multi);
    expect(r.ok && r.files).toEqual({ 'src/main.ts': MAIN });
    expect(r.warnings.join(' ')).toMatch(/src\/lonely.ts has no <CODE>/);
    expect(r.warnings.join(' ')).toMatch(/without a <FILEPATH>/);
  });

  it('keeps the last of duplicate paths', () => {
    const a = '<FILEPATH>src/a.ts</FILEPATH><CODE>one</CODE><FILEPATH>./src/a.ts</FILEPATH><CODE>two</CODE>';
    expect(files(a, multi)).toEqual({ 'src/a.ts': 'two' });
  });

  it('fails on prose or on code without any file name', () => {
    expect(failure('Sorry, I cannot do that.', multi)).toMatch(/no file/);
    expect(failure('```ts\nconst x = 1;\n```', multi)).toMatch(/no file/);
  });
});

describe('cleanPath', () => {
  it.each([
    ['src/main.ts', 'src/main.ts'],
    ['./src/main.ts', 'src/main.ts'],
    ['  `src/main.ts`  ', 'src/main.ts'],
    ['**src/main.ts**', 'src/main.ts'],
    ['"src/main.ts"', 'src/main.ts'],
    ['File: src/main.ts', 'src/main.ts'],
    ['src\\main.ts', 'src/main.ts'],
    ['/app/src/main.ts', 'src/main.ts'],
    ['/src/main.ts', 'src/main.ts'],
    ['src/./x/../main.ts', 'src/main.ts'],
    ['\nsrc/main.ts\n', 'src/main.ts'],
  ])('%j → %j', (raw, want) => {
    expect(cleanPath(raw)).toEqual({ ok: true, path: want });
  });

  it.each(['../x', 'a/../../x', '/etc/passwd', '/usr/lib/x.js', '/tmp/x', 'C:/x.ts', '~/x', '', '.', 'src/', '/'])(
    'refuses %j',
    (raw) => {
      expect(cleanPath(raw).ok).toBe(false);
    },
  );

  it('re-roots paths under another workdir', () => {
    expect(cleanPath('/var/www/html/index.php', '/var/www/html')).toEqual({ ok: true, path: 'index.php' });
  });
});

describe('cleanCode', () => {
  it('trims blank lines but not indentation', () => {
    expect(cleanCode('\n\n  x\n\n')).toBe('  x');
  });
});
