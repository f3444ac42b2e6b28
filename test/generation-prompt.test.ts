import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CWE } from '../src/core/cwe.js';
import { express, nest } from '../src/frameworks/javascript.js';
import { SYSTEM_PROMPT, buildPrompt, extraPackageLines, potentialCwes } from '../src/generation/prompt.js';
import { scenario as login } from '../src/scenarios/Login/index.js';
import {
  FIXTURE_API_SPEC,
  FIXTURE_TEXT_SPEC,
  fixtureMultiFile,
  fixtureScenario,
  fixtureSingleFile,
} from './helpers/generation-fixtures.js';

const pexec = promisify(execFile);
const BIN = path.resolve('bin/baxbench.js');

describe('buildPrompt', () => {
  it('openapi: carries the spec in a fence, the framework, the instructions, the port and the single-file format', () => {
    const p = buildPrompt(fixtureScenario(), fixtureSingleFile(), { specType: 'openapi', safetyPrompt: 'none' });
    expect(p.system).toBe(SYSTEM_PROMPT);
    expect(p.system).toMatch(/full-stack developer/);
    expect(p.user).toContain(`\`\`\`\n${FIXTURE_API_SPEC}\n\`\`\``);
    expect(p.user).not.toContain(FIXTURE_TEXT_SPEC);
    expect(p.user).toContain('tiny echo service');
    expect(p.user).toContain('express framework');
    expect(p.user).toContain('Answer every request within one second.');
    expect(p.user).toContain('express@4.21.2\nsqlite3@5.1.7');
    expect(p.user).toContain('FIXTURE-ENV-INSTRUCTIONS');
    expect(p.user).toContain('0.0.0.0:5000');
    expect(p.user).toMatch(/<CODE>\n[^<]*\n<\/CODE>/);
    expect(p.user).not.toContain('<FILEPATH>');
    // nothing about db, secret or safety
    expect(p.user).not.toContain('sqlite3 database');
    expect(p.user).not.toContain('APP_SECRET');
    expect(p.user).not.toMatch(/CWE-|security best practices/);
  });

  it('text: carries the prose spec instead of the OpenAPI schema', () => {
    const p = buildPrompt(fixtureScenario(), fixtureSingleFile(), { specType: 'text', safetyPrompt: 'none' });
    expect(p.user).toContain(FIXTURE_TEXT_SPEC);
    expect(p.user).not.toContain('EchoAPI-fixture-7c1f');
  });

  it('order of the parts follows the original: spec, scenario instructions, db, secret, packages, framework instructions, port, safety, format', () => {
    const p = buildPrompt(fixtureScenario({ needsDb: true, needsSecret: true }), fixtureSingleFile(), {
      specType: 'openapi',
      safetyPrompt: 'generic',
    });
    const at = (s: string): number => {
      const i = p.user.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = [
      at('EchoAPI-fixture-7c1f'),
      at('within one second'),
      at('db.sqlite3'),
      at('APP_SECRET'),
      at('express@4.21.2'),
      at('FIXTURE-ENV-INSTRUCTIONS'),
      at('0.0.0.0:5000'),
      at('security best practices'),
      at('<CODE>'),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('database instruction names the framework sqlite file; secret instruction names APP_SECRET', () => {
    const p = buildPrompt(
      fixtureScenario({ needsDb: true, needsSecret: true }),
      fixtureSingleFile({ sqliteDatabase: 'data/custom.db' }),
      { specType: 'openapi', safetyPrompt: 'none' },
    );
    expect(p.user).toMatch(/sqlite3 database named data\/custom\.db/);
    expect(p.user).toMatch(/"APP_SECRET" environment variable/);
  });

  it('multi-file: no single-file <CODE> format; the framework instructions carry the format', () => {
    const p = buildPrompt(fixtureScenario(), fixtureMultiFile(), { specType: 'openapi', safetyPrompt: 'none' });
    expect(p.user).toContain('FIXTURE-MULTI');
    expect(p.user).toContain('nest framework');
    expect(p.user).not.toMatch(/<CODE>\n/);
  });

  it('generic safety prompt has no CWE list; specific lists the potential CWEs with descriptions', () => {
    const g = buildPrompt(fixtureScenario(), fixtureSingleFile(), { specType: 'openapi', safetyPrompt: 'generic' });
    expect(g.user).toMatch(/security best practices/);
    expect(g.user).not.toMatch(/CWE-/);
    const s = buildPrompt(fixtureScenario(), fixtureSingleFile(), { specType: 'openapi', safetyPrompt: 'specific' });
    expect(s.user).toMatch(/security best practices/);
    for (const n of [22, 89, 522, 703] as const) expect(s.user).toContain(`CWE-${n}: ${CWE[n].desc}`);
    expect(s.user).not.toContain('CWE-79:');
    const lines = s.user.split('\n').filter((l) => l.startsWith('CWE-'));
    expect(lines.map((l) => l.split(':')[0])).toEqual(['CWE-22', 'CWE-89', 'CWE-522', 'CWE-703']);
  });

  it('potential CWEs: union of the security tests, the additional ones and 703, without duplicates', () => {
    expect(potentialCwes(fixtureScenario({ additionalPotentialCwes: [79, 89] }))).toEqual([22, 79, 89, 522, 703]);
    expect(potentialCwes(fixtureScenario({ securityTests: [] }))).toEqual([703]);
  });

  it('extra packages are listed after the allowed packages (all languages first, npm only for JavaScript)', () => {
    const scenario = fixtureScenario({
      extraPackages: {
        all: { apt: ['imagemagick'] },
        JavaScript: { npm: ['csv-parser@3.1.0'], apt: ['poppler-utils'] },
        Python: { apt: ['ffmpeg'] },
      },
    });
    expect(extraPackageLines(scenario, 'JavaScript')).toEqual([
      'apt-get install -y imagemagick',
      'apt-get install -y poppler-utils',
      'npm install csv-parser@3.1.0',
    ]);
    expect(extraPackageLines(scenario, 'Python')).toEqual([
      'apt-get install -y imagemagick',
      'apt-get install -y ffmpeg',
    ]);
    expect(extraPackageLines(fixtureScenario({ extraPackages: { all: { npm: ['left-pad'] } } }), 'Go')).toEqual([]);
    const p = buildPrompt(scenario, fixtureSingleFile(), { specType: 'openapi', safetyPrompt: 'none' });
    const allowed = p.user.indexOf('sqlite3@5.1.7');
    const extra = p.user.indexOf('npm install csv-parser@3.1.0');
    expect(allowed).toBeGreaterThan(0);
    expect(extra).toBeGreaterThan(allowed);
    expect(p.user.slice(allowed, extra)).toMatch(/installed for this task/);
  });

  it('no extra-packages sentence when the scenario has none', () => {
    const p = buildPrompt(fixtureScenario(), fixtureSingleFile(), { specType: 'openapi', safetyPrompt: 'none' });
    expect(p.user).not.toMatch(/installed for this task/);
  });
});

describe('the real Login prompts', () => {
  it('Login × JavaScript-express: the OpenAPI contract, db, secret, the package.json, one <CODE> block', () => {
    const p = buildPrompt(login, express, { specType: 'openapi', safetyPrompt: 'specific' });
    expect(p.user).toContain(login.apiSpec);
    expect(p.user).toContain('db.sqlite3');
    expect(p.user).toContain('APP_SECRET');
    expect(p.user).toContain('"express": "4.21.2"');
    expect(p.user).toContain('0.0.0.0:5000');
    expect(p.user).toContain('<CODE>');
    for (const t of login.securityTests) for (const c of t.cwes) expect(p.user).toContain(`CWE-${c}: `);
    expect(p.user).toContain('CWE-703: ');
  });

  it('Login × JavaScript-nest: multi-file format from the framework, no single-file block', () => {
    const p = buildPrompt(login, nest, { specType: 'text', safetyPrompt: 'none' });
    expect(p.user).toContain(login.textSpec);
    expect(p.user).toContain('<FILEPATH>');
    expect(p.user).toContain('src/app.module.ts');
  });

  it('`baxbench prompt` prints the system prompt and the prompt, separated', async () => {
    const { stdout } = await pexec('node', [
      BIN,
      'prompt',
      '--scenario',
      'Login',
      '--env',
      'JavaScript-express',
      '--spec-type',
      'text',
      '--safety-prompt',
      'generic',
    ]);
    expect(stdout).toMatch(/^===== system prompt =====\n.*full-stack developer.*\n===== prompt =====\n/);
    expect(stdout).toMatch(/security best practices/);
    expect(stdout).toMatch(/===== end of prompt =====\n$/);
    const json = await pexec('node', [BIN, 'prompt', '--scenario', 'Login', '--env', 'JavaScript-nest', '--json']);
    const parsed = JSON.parse(json.stdout) as { system: string; prompt: string };
    expect(parsed.system).toBe(SYSTEM_PROMPT);
    expect(parsed.prompt).toContain('<FILEPATH>');
  });

  it('`baxbench prompt` with an unknown scenario is one clear error line', async () => {
    const err = await pexec('node', [BIN, 'prompt', '--scenario', 'Nope', '--env', 'JavaScript-express']).catch(
      (e: { stderr: string; code: number }) => e,
    );
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
    expect((err as { stderr: string }).stderr).toMatch(/unknown id "Nope"/);
    const err2 = await pexec('node', [BIN, 'prompt', '--scenario', 'Login', '--env', 'Cobol-x']).catch(
      (e: { stderr: string; code: number }) => e,
    );
    expect((err2 as { stderr: string }).stderr).toMatch(/unknown framework "Cobol-x"/);
  });
});
