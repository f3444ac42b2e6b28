/** The Debian variants of the four Python frameworks (frameworks/variants/debian-python-*.ts); no Docker needed. */
import { describe, expect, it } from 'vitest';
import { validationPairs } from '../src/cli/commands/validate.js';
import { getFramework } from '../src/frameworks/index.js';
import {
  applyFrameworkVariant,
  BUILDPACK_DEPS_TOOLS,
  frameworkLabel,
  frameworkVariant,
  missingPackages,
} from '../src/frameworks/variants.js';
import { withTag } from '../src/frameworks/variants/shared.js';
import { debianBaseDockerfile } from '../src/sandbox/docker/base-images.js';
import { dependencyDockerfile } from '../src/sandbox/docker/dockerfile.js';

const PYTHON = ['Python-Flask', 'Python-FastAPI', 'Python-Django', 'Python-aiohttp'] as const;

const variantOf = (id: string) => {
  const v = frameworkVariant('debian', id);
  if (!v) throw new Error(`no debian variant for ${id}`);
  return v;
};

describe.each(PYTHON)('%s, variant debian', (id) => {
  const original = getFramework(id);
  const fw = applyFrameworkVariant(original, 'debian');
  const v = variantOf(id);

  it('keeps every model-facing fact of the original and its per-sample steps', () => {
    for (const key of [
      'id',
      'language',
      'name',
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
    // Django's makemigrations/migrate stay the framework's own; the others have none.
    expect(fw.image.prepare).toEqual(original.image.prepare);
  });

  it('runs on a labelled base built from Debian trixie, without pip', () => {
    expect(fw.variant?.name).toBe('debian');
    expect(fw.image.baseImage).toBe(v.base.tag);
    expect(v.base.tag).toMatch(new RegExp(`^baxbench/variant-debian-${id.toLowerCase()}:trixie-[0-9a-f]{10}$`));
    expect(v.base.debianSuite).toBe('trixie');
    expect(v.summary).toMatch(/on Python 3\.13 from Debian .*not the original's pins \(.*Python 3\.12\)/);
    expect(frameworkLabel(fw)).toBe(`${id} [variant debian: ${v.summary}]`);
    const df = dependencyDockerfile(fw, {});
    expect(df.split('\n')[0]).toBe(`FROM ${v.base.tag}`);
    expect(df).toContain('COPY requirements.txt requirements.txt');
    expect(df).not.toContain('pip install');
    expect(df).toContain('LABEL baxbench.variant="debian"');
    expect(v.base.aptPackages).not.toContain('python3-pip');
    expect(v.base.aptPackages).not.toContain('python3-bcrypt');
  });

  it("carries the upstream image's everyday tools (ps, curl, wget, git, unzip …) and a `python` command", () => {
    expect(v.base.aptPackages).toEqual(expect.arrayContaining([...BUILDPACK_DEPS_TOOLS]));
    for (const tool of ['procps', 'curl', 'wget', 'git', 'unzip', 'xz-utils', 'bzip2', 'file', 'netbase'])
      expect(BUILDPACK_DEPS_TOOLS).toContain(tool);
    expect(v.base.after?.[0]).toBe('ln -sf /usr/bin/python3 /usr/local/bin/python');
    expect(v.base.env).toMatchObject({ PYTHONUNBUFFERED: '1' });
  });

  it('imports the framework while the base is built, and logs the Debian versions', () => {
    const after = v.base.after ?? [];
    const module = {
      'Python-Flask': 'flask',
      'Python-FastAPI': 'fastapi',
      'Python-Django': 'django',
      'Python-aiohttp': 'aiohttp',
    }[id];
    const imports = after.find((c) => c.startsWith('python3 -c "import '));
    expect(imports).toMatch(new RegExp(`[ ,]${module}[,"]`));
    for (const m of ['passlib', 'jwt'].filter(() => id !== 'Python-Django'))
      expect(imports).toMatch(new RegExp(`[ ,]${m}[,"]`));
    const query = after.find((c) => c.startsWith('dpkg-query -W '));
    for (const p of v.packages) if (p.debian) expect(query).toContain(` ${p.debian.name}`);
  });
});

describe('what each Python variant has in place of the pins', () => {
  it('FastAPI: uvloop and httptools installed (uvicorn picks the same loop and protocol classes), starlette[full] extras', () => {
    const v = variantOf('Python-FastAPI');
    expect(v.base.aptPackages).toEqual(
      expect.arrayContaining(['python3-uvicorn', 'python3-uvloop', 'python3-httptools']),
    );
    expect(v.base.aptPackages).toContain('python3-python-multipart');
    expect(v.base.aptPackages).not.toContain('python3-multipart'); // another project's `multipart`
    expect(v.implied?.map((i) => i.name)).toEqual(['python3-itsdangerous']);
    expect(v.base.aptPackages).toContain('python3-itsdangerous');
    expect(missingPackages(v)).toEqual(['fastapi-cli==0.0.7', 'python-jose==3.3.0', 'rich-toolkit==0.12.0']);
    expect(v.notes.join('\n')).toMatch(/python-jose/);
  });

  it('Django: 5.2 from trixie-backports (trixie has 4.2), the rest from trixie', () => {
    const v = variantOf('Python-Django');
    expect(v.base.backportPackages).toEqual(['python3-django']);
    expect(v.base.aptPackages).not.toContain('python3-django');
    expect(v.packages.find((p) => p.original === 'Django==5.1.4')?.debian?.version).toMatch(
      /^5\.2\.\d+ \(trixie-backports/,
    );
    expect(v.summary).toMatch(/Django 5\.2/);
    const df = debianBaseDockerfile(v.base, 'baxbench/debian:trixie', []);
    const install = df.split('\n').find((l) => l.includes('apt-get install'))!;
    expect(install).toMatch(
      /^RUN sed -n .* trixie main\$\/deb \\1 trixie-backports main\/p' \/etc\/apt\/sources\.list > \/etc\/apt\/sources\.list\.d\/backports\.list && apt-get update/,
    );
    expect(install).toMatch(/ python3-django\/trixie-backports &&/);
    expect(install).toContain(' python3-asgiref ');
  });

  it('Django: the per-sample steps are the original build steps (project layout, makemigrations myapp, migrate)', () => {
    const fw = applyFrameworkVariant(getFramework('Python-Django'), 'debian');
    expect(fw.image.prepare).toEqual([
      "python3 manage.py makemigrations myapp || echo 'makemigrations failed'",
      "python3 manage.py migrate || echo 'migrate failed'",
    ]);
    expect(fw.entrypoint).toBe('python3 manage.py runserver 0.0.0.0:5000');
    expect(fw.isMultiFile).toBe(true);
  });

  it('aiohttp: every allowed package has a Debian counterpart', () => {
    const v = variantOf('Python-aiohttp');
    expect(missingPackages(v)).toEqual([]);
    expect(v.packages.find((p) => p.original === 'aiohttp==3.11.10')?.debian).toEqual({
      name: 'python3-aiohttp',
      version: '3.11.16',
    });
  });

  it('a base without backports installs from the suite alone', () => {
    const df = debianBaseDockerfile(variantOf('Python-aiohttp').base, 'baxbench/debian:trixie', []);
    expect(df).not.toContain('backports');
  });

  it('base tags are per framework and change with the package list (and with backports)', () => {
    const tags = PYTHON.map((id) => variantOf(id).base.tag);
    expect(new Set(tags).size).toBe(4);
    const a = withTag('debian', 'Python-Django', { debianSuite: 'trixie', aptPackages: ['python3'] });
    const b = withTag('debian', 'Python-Django', {
      debianSuite: 'trixie',
      aptPackages: ['python3'],
      backportPackages: ['python3-django'],
    });
    expect(a.tag).not.toBe(b.tag);
  });
});

describe('validate selects the Python references under the variant', () => {
  it.each(['Python-FastAPI', 'Python-Django', 'Python-aiohttp'])(
    '%s: Login secure reference and its three variants',
    async (id) => {
      const pairs = await validationPairs({ scenarios: ['Login'], envs: [id], frameworkVariant: 'debian' });
      expect(pairs.map((p) => [p.framework.id, p.framework.variant?.name])).toEqual([[id, 'debian']]);
      const refs = pairs[0]!.scenario.references.filter((r) => r.framework === id);
      expect(Object.fromEntries(refs.map((r) => [r.name, r.expectedCwes]))).toEqual({
        secure: [],
        'sql-injection': [89, 863],
        'password-only-token': [863],
        'plaintext-passwords': [522],
      });
    },
  );
});
