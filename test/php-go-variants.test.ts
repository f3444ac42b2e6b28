/**
 * The Debian variants of Go-net/http, Go-Gin and PHP-Lumen (frameworks/variants/debian-go-*.ts,
 * debian-php-lumen.ts), Go-Fiber's gap, and what validate does with tests a language cannot
 * express. No Docker needed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validationPairs } from '../src/cli/commands/validate.js';
import { CliError } from '../src/cli/errors.js';
import { resolveFrameworks } from '../src/cli/options.js';
import { ensurePinnedBases } from '../src/cli/variant-bases.js';
import type { Framework, ReferenceSample, Scenario } from '../src/core/types.js';
import { getFramework } from '../src/frameworks/index.js';
import { COMPOSER_JSON } from '../src/frameworks/php.js';
import {
  applyFrameworkVariant,
  frameworkLabel,
  frameworkVariant,
  variantFrameworkIds,
  variantGap,
  variantGaps,
} from '../src/frameworks/variants.js';
import { GOLANG_IMAGE_TOOLS } from '../src/frameworks/variants/debian-go-shared.js';
import { LUMEN_FRAMEWORK_CONFIG, LUMEN_PROJECT, PHP_IMAGE_TOOLS } from '../src/frameworks/variants/debian-php-lumen.js';
import { readTree, writeFilesCommand } from '../src/frameworks/variants/write-files.js';
import { judgeReferences, summarizeValidation, validationJson } from '../src/pipeline/validate.js';
import { validationTable } from '../src/report/validation.js';
import { readReferenceManifest } from '../src/scenarios/references.js';
import { debianBaseDockerfile } from '../src/sandbox/docker/base-images.js';
import { dependencyDockerfile } from '../src/sandbox/docker/dockerfile.js';

const IDS = ['Go-net/http', 'Go-Gin', 'PHP-Lumen'] as const;

const variantOf = (id: string) => {
  const v = frameworkVariant('debian', id);
  if (!v) throw new Error(`no debian variant for ${id}`);
  return v;
};

describe.each(IDS)('%s, variant debian', (id) => {
  const original = getFramework(id);
  const fw = applyFrameworkVariant(original, 'debian');
  const v = variantOf(id);

  it('keeps every model-facing fact of the original', () => {
    for (const key of [
      'id',
      'language',
      'name',
      'extension',
      'workdir',
      'sqliteDatabase',
      'port',
      'isMultiFile',
      'codeFilename',
      'manifestFiles',
      'allowedPackages',
      'instructions',
      'entrypoint',
      'startTimeoutMs',
    ] as const)
      expect(fw[key], key).toEqual(original[key]);
    expect(fw.image.env).toEqual({ APP_SECRET: 'supers3cret' });
  });

  it('runs on a labelled base built from Debian trixie', () => {
    expect(fw.variant?.name).toBe('debian');
    expect(fw.image.baseImage).toBe(v.base.tag);
    expect(v.base.tag).toMatch(/^baxbench\/variant-debian-[a-z0-9.-]+:trixie-[0-9a-f]{10}$/);
    expect(v.base.debianSuite).toBe('trixie');
    expect(v.summary).toMatch(/Debian trixie/);
    expect(v.summary).toMatch(/not the original's/);
    expect(frameworkLabel(fw)).toBe(`${id} [variant debian: ${v.summary}]`);
    const df = dependencyDockerfile(fw, {});
    expect(df.split('\n')[0]).toBe(`FROM ${v.base.tag}`);
    expect(df).toContain('LABEL baxbench.variant="debian"');
  });

  it('installs only its tool chain (with the upstream image tools) and the allowed packages', () => {
    const allowed = new Set([...v.toolchain, ...v.packages.flatMap((p) => (p.debian ? [p.debian.name] : []))]);
    for (const a of v.base.aptPackages) expect(allowed.has(a), a).toBe(true);
  });
});

describe('the Go variants', () => {
  it('carry the tools of golang:1.23-bullseye (buildpack-deps:scm + compilers + build-essential) and sqlite3', () => {
    for (const id of ['Go-net/http', 'Go-Gin']) {
      const v = variantOf(id);
      expect(v.base.aptPackages).toEqual(expect.arrayContaining([...GOLANG_IMAGE_TOOLS]));
    }
    for (const tool of ['procps', 'curl', 'wget', 'git', 'netbase', 'build-essential', 'sqlite3', 'openssh-client'])
      expect(GOLANG_IMAGE_TOOLS).toContain(tool);
    // Not in the original image either (buildpack-deps' scm flavour, not the full one).
    for (const absent of ['unzip', 'file', 'zip']) expect(GOLANG_IMAGE_TOOLS).not.toContain(absent);
  });

  it('Go-Gin maps gin v1.10.0 to Debian gin 1.8.1 and compiles it into the warm-up like the original', () => {
    const v = variantOf('Go-Gin');
    expect(v.packages[0]).toEqual({
      original: 'github.com/gin-gonic/gin v1.10.0',
      debian: { name: 'golang-github-gin-gonic-gin-dev', version: '1.8.1' },
    });
    const fw = applyFrameworkVariant(getFramework('Go-Gin'), 'debian');
    expect(fw.manifestFiles['build_helper.go']).toContain('github.com/gin-gonic/gin');
    expect(dependencyDockerfile(fw, {})).toContain('RUN go build -o /tmp/warm-up build_helper.go');
    expect(fw.image.prepare).toEqual(applyFrameworkVariant(getFramework('Go-net/http'), 'debian').image.prepare);
    expect(fw.image.prepare.join(' && ')).toContain('goimports -w .');
    expect(fw.image.prepare.join(' && ')).toContain('go build -o myapp .');
    expect(v.base.env).toMatchObject({ GO111MODULE: 'off', GOPATH: '/go:/usr/share/gocode' });
  });

  it('the Go-net/http and Go-Gin bases differ only by Gin', () => {
    const a = variantOf('Go-net/http').base.aptPackages;
    const b = variantOf('Go-Gin').base.aptPackages;
    expect(b.filter((p) => !a.includes(p))).toEqual(['golang-github-gin-gonic-gin-dev']);
    expect(a.filter((p) => !b.includes(p))).toEqual([]);
  });
});

describe('the PHP-Lumen variant', () => {
  const v = variantOf('PHP-Lumen');
  const fw = applyFrameworkVariant(getFramework('PHP-Lumen'), 'debian');

  it("carries the php image's tools (phpize build tools, curl, xz, ps) and the original's zip, unzip, git, sqlite3", () => {
    expect(v.base.aptPackages).toEqual(expect.arrayContaining([...PHP_IMAGE_TOOLS]));
    for (const tool of ['procps', 'curl', 'xz-utils', 'file', 'zip', 'unzip', 'git', 'sqlite3', 'gcc', 'make'])
      expect(PHP_IMAGE_TOOLS).toContain(tool);
    expect(v.base.aptPackages).toEqual(
      expect.arrayContaining(['php-cli', 'php-sqlite3', 'php-laravel-lumen-framework']),
    );
  });

  it("runs PHP without Debian's CLI php.ini (the php image has none) and with lumen-framework's config files", () => {
    const df = debianBaseDockerfile(v.base, 'baxbench/debian:trixie', []);
    expect(df).toContain('RUN rm -f /etc/php/*/cli/php.ini');
    expect(df).toMatch(/RUN phpdismod -s cli .*opcache/);
    expect(df).toContain('mkdir -p /usr/share/php/Laravel/config');
    expect(Object.keys(LUMEN_FRAMEWORK_CONFIG).sort()).toEqual(
      ['app', 'auth', 'broadcasting', 'cache', 'database', 'filesystems', 'logging', 'queue', 'services', 'view'].map(
        (n) => `${n}.php`,
      ),
    );
    expect(LUMEN_FRAMEWORK_CONFIG['database.php']).toContain("'default' => env('DB_CONNECTION', 'mysql')");
  });

  it('lays out the project as `composer create-project laravel/lumen` does, with the allowed composer.json', () => {
    for (const f of [
      'artisan',
      'bootstrap/app.php',
      'public/index.php',
      'routes/web.php',
      'app/Http/Controllers/Controller.php',
      'app/Models/User.php',
      'app/Providers/AppServiceProvider.php',
      'app/Providers/AuthServiceProvider.php',
      'app/Exceptions/Handler.php',
      'app/Console/Kernel.php',
      'vendor/autoload.php',
      '.env',
      '.env.example',
    ])
      expect(LUMEN_PROJECT, f).toHaveProperty([f]);
    // post-root-package-install copies .env.example to .env
    expect(LUMEN_PROJECT['.env']).toBe(LUMEN_PROJECT['.env.example']);
    expect(LUMEN_PROJECT['composer.json']).toBe(COMPOSER_JSON);
    expect(LUMEN_PROJECT['vendor/autoload.php']).toContain("require_once '/usr/share/php/Laravel/Lumen/autoload.php'");
    expect(dependencyDockerfile(fw, {})).toContain('printf %s ');
  });

  it('per sample: the original chmod, artisan cache:clear and migrate; composer install is said to be skipped', () => {
    const original = getFramework('PHP-Lumen').image.prepare;
    expect(fw.image.prepare[0]).toBe(original[0]);
    expect(fw.image.prepare).toContain(original[2]);
    expect(fw.image.prepare).toContain(original[3]);
    expect(fw.image.prepare.join('\n')).not.toMatch(/composer install --/);
    expect(fw.image.prepare.join('\n')).toContain('composer install skipped');
    expect(fw.entrypoint).toBe('php -S 0.0.0.0:5000 -t public');
  });
});

describe('writeFilesCommand', () => {
  it('writes every file byte for byte (also quotes, $, backslashes, newlines) under the root', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-write-'));
    const files = {
      'a/b/c.php': "<?php\n$x = 'it\\'s'; echo \"$x\\n\"; // `tick` %s\n",
      'top.txt': 'plain',
      '.env': 'A=1\n',
    };
    execFileSync('sh', ['-c', writeFilesCommand(`${dir}/root`, files)]);
    for (const [p, content] of Object.entries(files))
      expect(readFileSync(path.join(dir, 'root', p), 'utf8'), p).toBe(content);
    expect(readTree(path.join(dir, 'root'))).toEqual(files);
  });

  it('refuses paths that would leave the root or need quoting', () => {
    expect(() => writeFilesCommand('/app', { '../etc/passwd': 'x' })).toThrow(/unsafe path/);
    expect(() => writeFilesCommand('/app', { 'a b.txt': 'x' })).toThrow(/unsafe path/);
    expect(() => writeFilesCommand('/app; rm -rf /', { 'a.txt': 'x' })).toThrow(/unsafe path/);
  });
});

describe('Go-Fiber: not packaged in Debian', () => {
  it('has no debian variant, and says why wherever a variant is asked for', () => {
    expect(variantFrameworkIds('debian')).not.toContain('Go-Fiber');
    expect(variantGap('debian', 'Go-Fiber')).toBe('Fiber is not packaged in Debian');
    expect(variantGap('debian', 'Go-Gin')).toBeUndefined();
    expect(variantGaps('debian')).toEqual([['Go-Fiber', 'Fiber is not packaged in Debian']]);
    const { frameworks, notes } = resolveFrameworks(['Go-Fiber'], 'debian');
    expect(frameworks[0]!.variant).toBeUndefined();
    expect(notes).toEqual([
      'framework Go-Fiber: no debian variant (Fiber is not packaged in Debian); it runs with its original recipe (base image golang:1.23-bullseye)',
    ]);
  });

  it('validate --envs Go-Fiber: one line saying there is nothing to validate, and why', async () => {
    for (const frameworkVariant of ['debian', undefined] as const) {
      let err: unknown;
      try {
        validationPairs({ scenarios: ['Login'], envs: ['Go-Fiber'], frameworkVariant });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CliError);
      const message = (err as CliError).message;
      expect(message).not.toContain('\n');
      expect(message).toMatch(/^nothing to validate: .*Go-Fiber has none: Fiber is not packaged in Debian/);
      expect(message).toContain('golang:1.23-bullseye');
    }
  });
});

describe('ensurePinnedBases: the base images of frameworks that run with their original recipe', () => {
  const fiber = getFramework('Go-Fiber');
  const express = getFramework('JavaScript-express');
  const ginDebian = applyFrameworkVariant(getFramework('Go-Gin'), 'debian');
  const flask = getFramework('Python-Flask');

  async function failure(frameworks: Framework[], present: string[], pullError: string | null): Promise<unknown> {
    const pulled: string[] = [];
    const notes: string[] = [];
    const err = await ensurePinnedBases(
      frameworks,
      (m) => notes.push(m),
      async (ref) => present.includes(ref) || pulled.includes(ref),
      async (ref) => {
        if (pullError === null) pulled.push(ref);
        return pullError;
      },
    ).catch((e: unknown) => e);
    return err;
  }

  it('a missing base that cannot be pulled: one error line, naming the image, the gap and what to do', async () => {
    const err = await failure([fiber], [], 'lookup registry-1.docker.io: no such host');
    expect(err).toBeInstanceOf(CliError);
    const m = (err as CliError).message;
    expect(m).not.toContain('\n');
    expect(m).toBe(
      'Go-Fiber needs the base image golang:1.23-bullseye, which is not here and cannot be pulled (lookup registry-1.docker.io: no such host); Fiber is not packaged in Debian, so no --framework-variant can stand in for Go-Fiber; pull it where a registry is reachable, or leave Go-Fiber out of the selection',
    );
  });

  it('a framework a variant covers is pointed at --framework-variant', async () => {
    const m = ((await failure([flask], [], 'no registry')) as CliError).message;
    expect(m).toContain('--framework-variant debian runs Python-Flask on Debian packages instead');
  });

  it('a Node base is left to setup, which can build it locally', async () => {
    const m = ((await failure([express], [], 'no registry')) as CliError).message;
    expect(m).toBe(
      'JavaScript-express needs the base image node:22.12-bullseye: run `baxbench setup` first (it pulls or builds it)',
    );
  });

  it('present, pulled, or a variant base (built elsewhere): no error', async () => {
    expect(await failure([fiber, express], ['golang:1.23-bullseye', 'node:22.12-bullseye'], 'x')).toBeUndefined();
    expect(await failure([fiber], [], null)).toBeUndefined();
    expect(await failure([ginDebian], [], 'no registry')).toBeUndefined();
  });
});

function fakeScenario(refs: ReferenceSample[]): Scenario {
  return {
    id: 'Fake',
    shortAppDescription: '',
    apiSpec: '',
    textSpec: '',
    scenarioInstructions: '',
    needsDb: false,
    needsSecret: false,
    extraPackages: {},
    functionalTests: [{ name: 'ft', run: async () => true }],
    securityTests: [
      { name: 'st_a', cwes: [94], run: async () => new Set() },
      { name: 'st_b', cwes: [400], run: async () => new Set() },
    ],
    references: refs,
  };
}

const ref = (framework: string, name: string, extra: Partial<ReferenceSample> = {}): ReferenceSample => ({
  name,
  framework,
  dir: `/nowhere/${framework}/${name}`,
  expectedCwes: name === 'secure' ? [] : [94],
  passesFunctional: true,
  ...extra,
});

describe('validate: security tests a language cannot express', () => {
  const report = (cwes: number[]) =>
    ({
      result: {
        num_passed_ft: 1,
        num_total_ft: 1,
        num_ft_exceptions: 0,
        num_total_st: 2,
        num_st_exceptions: 0,
        cwes: cwes.map((num) => ({ num, desc: '' })),
      },
      outcomes: [
        { kind: 'functional', name: 'ft', passed: true },
        { kind: 'security', name: 'st_a', cwes },
        { kind: 'security', name: 'st_b', cwes: [] },
      ],
      log: '',
    }) as never;

  it('a test declared inexpressible by the secure reference is listed, not a failure, when no variant proves it', () => {
    const secure = ref('PHP-Lumen', 'secure', { inexpressible: { st_b: 'no way to build a long string' } });
    const variant = ref('PHP-Lumen', 'eval');
    const sc = fakeScenario([secure, variant]);
    const entry = judgeReferences(sc, 'PHP-Lumen', [
      { ref: secure, report: report([]) },
      { ref: variant, report: report([94]) },
    ]);
    const r = summarizeValidation([entry]);
    expect(entry.problems).toEqual([]);
    expect(r.proven_security_tests).toBe(1);
    expect(r.total_security_tests).toBe(2);
    expect(r.inexpressible_security_tests).toEqual([
      { scenario: 'Fake', test: 'st_b', frameworks: { 'PHP-Lumen': 'no way to build a long string' } },
    ]);
    expect(validationJson(r).inexpressible_security_tests).toHaveLength(1);
    const table = validationTable(r);
    expect(table).toContain('inexpressible in this language: st_b');
    expect(table).toContain("1 cannot fire in the selected frameworks' languages: Fake.st_b (PHP-Lumen)");
  });

  it('another framework with variants that does not declare it still has to prove it', () => {
    const phpSecure = ref('PHP-Lumen', 'secure', { inexpressible: { st_b: 'cannot' } });
    const phpVariant = ref('PHP-Lumen', 'eval');
    const jsSecure = ref('JavaScript-express', 'secure');
    const jsVariant = ref('JavaScript-express', 'eval');
    const sc = fakeScenario([phpSecure, phpVariant, jsSecure, jsVariant]);
    const php = judgeReferences(sc, 'PHP-Lumen', [
      { ref: phpSecure, report: report([]) },
      { ref: phpVariant, report: report([94]) },
    ]);
    const js = judgeReferences(sc, 'JavaScript-express', [
      { ref: jsSecure, report: report([]) },
      { ref: jsVariant, report: report([94]) },
    ]);
    const r = summarizeValidation([php, js]);
    expect(php.problems).toEqual([]);
    expect(js.problems).toEqual(['security test st_b is not proven by any variant']);
    expect(r.inexpressible_security_tests).toBeUndefined();
    expect(validationJson(r)).not.toHaveProperty('inexpressible_security_tests');
  });

  it('naming a test the scenario does not have is a problem', () => {
    const secure = ref('PHP-Lumen', 'secure', { inexpressible: { st_typo: 'x' } });
    const entry = judgeReferences(fakeScenario([secure]), 'PHP-Lumen', [{ ref: secure, report: report([]) }]);
    expect(entry.problems).toContain('inexpressible: Fake has no security test st_typo');
  });

  it('references.yaml: only the secure entry may declare inexpressible tests', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'bb-inexpr-'));
    const dir = path.join(root, 'PHP-Lumen');
    mkdirSync(path.join(dir, 'secure'), { recursive: true });
    mkdirSync(path.join(dir, 'evil'), { recursive: true });
    writeFileSync(
      path.join(dir, 'references.yaml'),
      'secure:\n  cwes: []\n  inexpressible:\n    st_b: cannot\nevil:\n  cwes: [94]\n',
    );
    const refs = readReferenceManifest(dir);
    expect(refs.find((r) => r.name === 'secure')?.inexpressible).toEqual({ st_b: 'cannot' });
    expect(refs.find((r) => r.name === 'evil')?.inexpressible).toBeUndefined();
    writeFileSync(
      path.join(dir, 'references.yaml'),
      'secure:\n  cwes: []\nevil:\n  cwes: [94]\n  inexpressible:\n    st_b: cannot\n',
    );
    expect(() => readReferenceManifest(dir)).toThrow(/only the secure entry may declare inexpressible tests/);
  });

  it('the bundled Calculator PHP-Lumen references declare the two tests PHP cannot express, with reasons', async () => {
    const [pair] = await validationPairs({
      scenarios: ['Calculator'],
      envs: ['PHP-Lumen'],
      frameworkVariant: 'debian',
    });
    const secure = pair!.scenario.references.find((r) => r.framework === 'PHP-Lumen' && r.name === 'secure');
    expect(Object.keys(secure?.inexpressible ?? {}).sort()).toEqual([
      'sec_test_division_by_zero',
      'sec_test_dos_expression',
    ]);
  });
});
