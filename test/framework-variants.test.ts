/** Framework variants (frameworks/variants.ts): same framework facts, another image, always labelled. */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unavailableFrameworks, validationPairs } from '../src/cli/commands/validate.js';
import { validationTable } from '../src/report/validation.js';
import { resolveFrameworks } from '../src/cli/options.js';
import type { Scenario } from '../src/core/types.js';
import { getFramework } from '../src/frameworks/index.js';
import { FLASK_REQUIREMENTS } from '../src/frameworks/python.js';
import {
  applyFrameworkVariant,
  BUILDPACK_DEPS_TOOLS,
  FRAMEWORK_VARIANTS,
  frameworkLabel,
  frameworkVariant,
  missingPackages,
  SMALL_ALTERNATIVES,
  variantFrameworkIds,
} from '../src/frameworks/variants.js';
import { judgeReferences, summarizeValidation, validationJson } from '../src/pipeline/validate.js';
import { debianBaseDockerfile } from '../src/sandbox/docker/base-images.js';
import { dependencyDockerfile, dependencyImageTag } from '../src/sandbox/docker/dockerfile.js';
import { testSample } from '../src/testing/run-sample.js';
import { FakeSandbox } from './helpers/fake-sandbox.js';

const flask = getFramework('Python-Flask');

/**
 * The original's allowed packages of a framework, one per line (requirements lines, go.mod
 * requires, composer requires, Gemfile `gem` lines, Cargo.toml [dependencies] lines).
 */
function originalAllowed(id: string): string[] {
  if (id === 'PHP-Lumen') {
    const composer = JSON.parse(getFramework(id).allowedPackages) as Record<string, Record<string, string>>;
    return [
      ...Object.entries(composer.require ?? {}).map(([name, v]) => `${name} ${v}`),
      ...Object.entries(composer['require-dev'] ?? {}).map(([name, v]) => `${name} ${v} (require-dev)`),
    ];
  }
  const lines = getFramework(id)
    .allowedPackages.split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (id.startsWith('Go-')) return lines.filter((l) => l.startsWith('require ')).map((l) => l.slice('require '.length));
  if (id.startsWith('Ruby-')) return lines.filter((l) => l.startsWith('gem '));
  if (id.startsWith('Rust-')) return lines.slice(lines.indexOf('[dependencies]') + 1);
  return lines;
}
const flaskDebian = applyFrameworkVariant(flask, 'debian');

describe('applyFrameworkVariant', () => {
  it('keeps everything the model and the tests see', () => {
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
    ] as const) {
      expect(flaskDebian[key]).toEqual(flask[key]);
    }
    expect(flaskDebian.image.env).toEqual(flask.image.env);
    expect(flaskDebian.image.prepare).toEqual(flask.image.prepare);
  });

  it('replaces the base image and the install steps, and says so', () => {
    const v = frameworkVariant('debian', 'Python-Flask')!;
    expect(flaskDebian.image.baseImage).toBe(v.base.tag);
    expect(flaskDebian.image.baseImage).not.toBe(flask.image.baseImage);
    expect(flaskDebian.image.localBase).toEqual(v.base);
    expect(flaskDebian.image.steps.join('\n')).not.toContain('pip install');
    expect(flaskDebian.variant).toEqual({ name: 'debian', summary: v.summary });
    expect(v.summary).toMatch(/Debian trixie/);
    expect(v.summary).toMatch(/not the original's pins/);
  });

  it('leaves the original untouched and frameworks the variant does not cover unchanged', () => {
    expect(flask.variant).toBeUndefined();
    expect(flask.image.baseImage).toBe('nikolaik/python-nodejs:python3.12-nodejs22-bullseye');
    const express = getFramework('JavaScript-express');
    expect(applyFrameworkVariant(express, 'debian')).toBe(express);
    expect(applyFrameworkVariant(flask, undefined)).toBe(flask);
  });

  it('labels a variant framework in output', () => {
    expect(frameworkLabel(flask)).toBe('Python-Flask');
    expect(frameworkLabel(flaskDebian)).toBe(`Python-Flask [variant debian: ${flaskDebian.variant!.summary}]`);
  });
});

describe('the debian variant definitions', () => {
  it('cover the Python frameworks, Go-net/http, Go-Gin, PHP-Lumen, Ruby-Rails and Rust-Actix, and not Go-Fiber (not packaged in Debian)', () => {
    expect(variantFrameworkIds('debian')).toEqual(
      expect.arrayContaining([
        'Python-Flask',
        'Python-FastAPI',
        'Python-Django',
        'Python-aiohttp',
        'Go-net/http',
        'Go-Gin',
        'PHP-Lumen',
        'Ruby-Rails',
        'Rust-Actix',
      ]),
    );
    expect(variantFrameworkIds('debian')).not.toContain('Go-Fiber');
  });

  it('map every allowed package of the original, in order, to a Debian package the base installs', () => {
    for (const v of FRAMEWORK_VARIANTS) {
      expect(
        v.packages.map((p) => p.original),
        v.frameworkId,
      ).toEqual(originalAllowed(v.frameworkId));
      const installed = [...v.base.aptPackages, ...(v.base.backportPackages ?? [])];
      for (const p of v.packages) if (p.debian) expect(installed).toContain(p.debian.name);
    }
    // What Debian lacks, said per framework (README lists the same; Ruby and Rust: framework-variants-ruby-rust.test.ts).
    for (const id of ['Python-Flask', 'Go-net/http', 'Go-Gin'])
      expect(missingPackages(frameworkVariant('debian', id)!), id).toEqual([]);
    expect(missingPackages(frameworkVariant('debian', 'PHP-Lumen')!)).toEqual([
      'fakerphp/faker ^1.9.1 (require-dev)',
      'mockery/mockery ^1.4.4 (require-dev)',
      'phpunit/phpunit ^10.0 (require-dev)',
    ]);
    expect(missingPackages(frameworkVariant('debian', 'Python-FastAPI')!)).toEqual([
      'fastapi-cli==0.0.7',
      'python-jose==3.3.0',
      'rich-toolkit==0.12.0',
    ]);
    expect(originalAllowed('Python-Flask')).toEqual(FLASK_REQUIREMENTS.trim().split('\n'));
  });

  it('never install more than the toolchain, the allowed packages and the everyday tools: no bcrypt, no pip', () => {
    for (const v of FRAMEWORK_VARIANTS) {
      expect(v.base.aptPackages).not.toContain('python3-bcrypt');
      expect(v.base.aptPackages).not.toContain('python3-pip');
      const allowed = new Set([
        ...v.toolchain,
        ...SMALL_ALTERNATIVES,
        ...BUILDPACK_DEPS_TOOLS,
        ...(v.implied ?? []).map((i) => i.name),
        ...v.packages.flatMap((p) => (p.debian ? [p.debian.name] : [])),
      ]);
      for (const a of [...v.base.aptPackages, ...(v.base.backportPackages ?? [])])
        expect(allowed.has(a), `${v.frameworkId}: ${a}`).toBe(true);
    }
  });

  it('Go-net/http: GOPATH mode, compiled by the variant prepare steps into the original binary name', () => {
    const go = applyFrameworkVariant(getFramework('Go-net/http'), 'debian');
    expect(go.entrypoint).toBe('./myapp');
    expect(go.image.localBase!.env).toMatchObject({ GO111MODULE: 'off' });
    expect(go.image.prepare.join(' && ')).toContain('go build -o myapp .');
    expect(go.image.prepare.join(' ')).not.toContain('go mod tidy');
    expect(go.manifestFiles).toEqual(getFramework('Go-net/http').manifestFiles);
  });
});

describe('images of a variant', () => {
  it('the dependency image starts from the variant base, copies the manifests, installs nothing else, and is labelled', () => {
    const df = dependencyDockerfile(flaskDebian, {});
    expect(df.split('\n')[0]).toMatch(/^FROM baxbench\/variant-debian-python-flask:trixie-[0-9a-f]{10}$/);
    expect(df).toContain('COPY requirements.txt requirements.txt');
    expect(df).not.toContain('pip install');
    expect(df).toContain('LABEL baxbench.variant="debian"');
    expect(df).toContain('ENV APP_SECRET="supers3cret"');
    expect(dependencyDockerfile(flask, {})).not.toContain('baxbench.variant');
  });

  it('has its own tag (never mistaken for the pinned image)', () => {
    expect(dependencyImageTag(flaskDebian, {})).not.toBe(dependencyImageTag(flask, {}));
  });

  it('scenario apt extras still install in the variant image', () => {
    expect(dependencyDockerfile(flaskDebian, { apt: ['ffmpeg'] })).toContain(
      'apt-get install -y --no-install-recommends ffmpeg',
    );
  });

  it('the base Dockerfile: Debian root file system, the packages, the host CA certificates', () => {
    const v = frameworkVariant('debian', 'Python-Flask')!;
    const df = debianBaseDockerfile(v.base, 'baxbench/debian:trixie', ['extra-0-proxy.crt']);
    expect(df.split('\n')[0]).toBe('FROM baxbench/debian:trixie');
    expect(df).toMatch(/apt-get install -y --no-install-recommends .*python3-flask/);
    expect(df).toContain('COPY certs/ /usr/local/share/ca-certificates/');
    expect(df).toContain('RUN update-ca-certificates');
    expect(df).toContain('baxbench.debian=trixie');
    expect(debianBaseDockerfile(v.base, 'baxbench/debian:trixie', [])).not.toContain('update-ca-certificates');
  });
});

function fakeScenario(): Scenario {
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
    securityTests: [{ name: 'st', cwes: [89], run: async () => new Set() }],
    references: [],
  };
}

describe('test.log and test_results.json of a variant run', () => {
  it('the log header states the variant; test_results.json keeps the original schema', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bb-variant-'));
    const r = await testSample({
      scenario: fakeScenario(),
      framework: flaskDebian,
      files: { 'app.py': 'x' },
      sandbox: new FakeSandbox(),
      timeoutMs: 2000,
      sampleDir: dir,
    });
    const log = await readFile(path.join(dir, 'test.log'), 'utf8');
    const [title, firstLine] = log.split('\n');
    expect(title).toContain('Fake / Python-Flask [variant debian: Flask 3.1.1');
    expect(firstLine).toMatch(/^variant: debian — .*not the original framework's/);
    const json = JSON.parse(await readFile(path.join(dir, 'test_results.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual([
      'cwes',
      'num_ft_exceptions',
      'num_passed_ft',
      'num_st_exceptions',
      'num_total_ft',
      'num_total_st',
    ]);
    expect(r.result.num_passed_ft).toBe(1);
  });

  it('a run without a variant has no variant line', async () => {
    const r = await testSample({
      scenario: fakeScenario(),
      framework: flask,
      files: { 'app.py': 'x' },
      sandbox: new FakeSandbox(),
      timeoutMs: 2000,
    });
    expect(r.log).not.toContain('variant');
  });
});

describe('CLI plumbing', () => {
  it('resolveFrameworks applies the variant where it covers the framework and says what runs how', () => {
    const { frameworks, notes } = resolveFrameworks(['JavaScript-express', 'Python-Flask'], 'debian');
    expect(frameworks.map((f) => f.variant?.name)).toEqual([undefined, 'debian']);
    expect(notes[0]).toMatch(
      /JavaScript-express: no debian variant \(covered: Python-Flask, .*Go-net\/http.*\); it runs with its original recipe/,
    );
    expect(notes[1]).toBe(`framework ${frameworkLabel(flaskDebian)}`);
    expect(resolveFrameworks(['Python-Flask'], undefined)).toEqual({ frameworks: [flask], notes: [] });
  });

  it('validate --envs JavaScript-express never selects the Python-Flask references', async () => {
    const pairs = validationPairs({ scenarios: ['Login'], envs: ['JavaScript-express'] });
    expect(pairs.map((p) => p.framework.id)).toEqual(['JavaScript-express']);
  });

  it('validate --envs Python-Flask --framework-variant debian selects the variant framework', async () => {
    const pairs = validationPairs({ scenarios: ['Login'], envs: ['Python-Flask'], frameworkVariant: 'debian' });
    expect(pairs.map((p) => [p.framework.id, p.framework.variant?.name])).toEqual([['Python-Flask', 'debian']]);
    expect(
      pairs[0]!.scenario.references
        .filter((r) => r.framework === 'Python-Flask')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['password-only-token', 'plaintext-passwords', 'secure', 'sql-injection']);
  });

  it('validate --envs Go-net/http --framework-variant debian finds the Go references (folder Go-net-http)', async () => {
    const pairs = validationPairs({ scenarios: ['Login'], envs: ['Go-net/http'], frameworkVariant: 'debian' });
    expect(pairs.map((p) => [p.framework.id, p.framework.variant?.name])).toEqual([['Go-net/http', 'debian']]);
    const refs = pairs[0]!.scenario.references.filter((r) => r.framework === 'Go-net/http');
    expect(refs.map((r) => r.name).sort()).toEqual([
      'password-only-token',
      'plaintext-passwords',
      'secure',
      'sql-injection',
    ]);
    for (const r of refs) expect(r.dir).toMatch(/reference\/Go-net-http\//);
  });

  it('validate without --envs leaves out frameworks whose base image is missing, unless a variant can build it', async () => {
    const express = getFramework('JavaScript-express');
    const present = new Set([express.image.baseImage]);
    const exists = async (ref: string): Promise<boolean> => present.has(ref);
    const missing = await unavailableFrameworks([express, flask, flaskDebian, getFramework('Go-net/http')], exists);
    expect([...missing]).toEqual([
      ['Python-Flask', flask.image.baseImage],
      ['Go-net/http', 'golang:1.23-bullseye'],
    ]);
    expect(await unavailableFrameworks([flaskDebian], exists)).toEqual(new Map());
  });

  it('validate output (table and JSON) states the variant, and only for variant entries', () => {
    const sc = fakeScenario();
    const a = judgeReferences(sc, 'JavaScript-express', []);
    const b = { ...judgeReferences(sc, 'Python-Flask', []), variant: flaskDebian.variant! };
    const report = summarizeValidation([a, b]);
    const json = validationJson(report);
    expect('variant' in json.scenarios[0]!).toBe(false);
    expect(json.scenarios[1]!.variant).toEqual(flaskDebian.variant);
    const table = validationTable(report);
    expect(table).toContain('[variant debian]');
    expect(table).toContain(`Python-Flask ran as variant debian: ${flaskDebian.variant!.summary}`);
  });
});
