/** The debian variants of Ruby-Rails and Rust-Actix (frameworks/variants/debian-ruby-rails.ts, debian-rust-actix.ts). */
import { describe, expect, it } from 'vitest';
import { getFramework } from '../src/frameworks/index.js';
import { applyFrameworkVariant, frameworkVariant, missingPackages } from '../src/frameworks/variants.js';
import { BUILDPACK_RUNTIMES, BUILDPACK_TOOLS } from '../src/frameworks/variants/buildpack-deps.js';
import { RAILS_COMPAT_SHIM, RAILS_DEBIAN_GEMFILE } from '../src/frameworks/variants/debian-ruby-rails.js';
import { ACTIX_DEBIAN_CARGO_TOML } from '../src/frameworks/variants/debian-rust-actix.js';
import { debianBaseDockerfile } from '../src/sandbox/docker/base-images.js';
import { dependencyDockerfile, dependencyImageTag } from '../src/sandbox/docker/dockerfile.js';

const rails = getFramework('Ruby-Rails');
const actix = getFramework('Rust-Actix');
const railsDebian = applyFrameworkVariant(rails, 'debian');
const actixDebian = applyFrameworkVariant(actix, 'debian');

/** The text a step writes with `echo <base64> | base64 -d > FILE`, or undefined. */
function decodedWrite(steps: readonly string[], file: string): string | undefined {
  for (const s of steps) {
    const m = new RegExp(`echo ([A-Za-z0-9+/=]+) \\| base64 -d > ${file.replaceAll('/', '\\/')}`).exec(s);
    if (m) return Buffer.from(m[1]!, 'base64').toString('utf8');
  }
  return undefined;
}

/** Gem names of a Gemfile / crate names of a Cargo.toml's [dependencies]. */
const gems = (gemfile: string): string[] => [...gemfile.matchAll(/^gem ["']([^"']+)["']/gm)].map((m) => m[1]!);
const crates = (toml: string): string[] =>
  toml
    .slice(toml.indexOf('[dependencies]') + '[dependencies]'.length)
    .split('\n')
    .map((l) => /^([A-Za-z0-9_-]+)\s*=/.exec(l.trim())?.[1])
    .filter((c): c is string => c !== undefined);

describe('the debian variants keep what the model and the tests see', () => {
  for (const [original, variant] of [
    [rails, railsDebian],
    [actix, actixDebian],
  ] as const) {
    it(`${original.id}: same id, layout, manifests, allowed packages, instructions, entrypoint, env`, () => {
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
        expect(variant[key], key).toEqual(original[key]);
      expect(variant.image.env).toEqual(original.image.env);
      expect(variant.variant?.name).toBe('debian');
      expect(variant.image.baseImage).toMatch(/^baxbench\/variant-debian-(ruby-rails|rust-actix):trixie-[0-9a-f]{10}$/);
      expect(variant.image.localBase?.debianSuite).toBe('trixie');
      expect(dependencyImageTag(variant, {})).not.toBe(dependencyImageTag(original, {}));
    });
  }
});

describe('the bases carry the everyday tools of the upstream images (buildpack-deps)', () => {
  for (const id of ['Ruby-Rails', 'Rust-Actix']) {
    it(`${id}: ps, curl, wget, git, unzip, xz, bzip2, file, netbase, python3, ImageMagick`, () => {
      const base = frameworkVariant('debian', id)!.base;
      for (const p of [...BUILDPACK_TOOLS, ...BUILDPACK_RUNTIMES]) expect(base.aptPackages, p).toContain(p);
      for (const p of ['procps', 'curl', 'wget', 'git', 'unzip', 'xz-utils', 'bzip2', 'file', 'netbase', 'python3'])
        expect(base.aptPackages, p).toContain(p);
      const df = debianBaseDockerfile(base, 'baxbench/debian:trixie', []);
      expect(df).toMatch(/apt-get install -y --no-install-recommends .*\bprocps\b/);
    });
  }
});

describe('Ruby-Rails (debian)', () => {
  const v = frameworkVariant('debian', 'Ruby-Rails')!;

  it("installs Debian's Rails, sqlite3, puma, bcrypt, bootsnap, rack-cors; no RubyGems download", () => {
    for (const p of ['ruby', 'ruby-rails', 'ruby-sqlite3', 'puma', 'ruby-bcrypt', 'ruby-bootsnap', 'ruby-rack-cors'])
      expect(v.base.aptPackages).toContain(p);
    const df = dependencyDockerfile(railsDebian, {});
    expect(df).not.toContain('gem install');
    expect(df).not.toMatch(/bundler? install(?! --local)/);
    expect(df).toContain('RUN rails new . --api --skip-bundle');
    expect(df).toContain('LABEL baxbench.variant="debian"');
    expect(v.base.env).toMatchObject({ LANG: 'C.UTF-8' });
  });

  it('says which of the original gems Debian lacks', () => {
    expect(missingPackages(v)).toEqual([
      'gem "solid_cache"',
      'gem "solid_queue"',
      'gem "solid_cable"',
      'gem "kamal", require: false',
      'gem "thruster", require: false',
      'gem "image_processing", "~> 1.2"',
      'gem "debug", platforms: %i[ mri windows ], require: "debug/prelude"',
      'gem "brakeman", require: false',
      'gem "rubocop-rails-omakase", require: false',
    ]);
  });

  it('the Gemfile the image resolves is the original minus the gems Debian lacks, with Rails 7.2', () => {
    expect(decodedWrite(railsDebian.image.steps, 'Gemfile')).toBe(RAILS_DEBIAN_GEMFILE);
    const missing = new Set(missingPackages(v).map((l) => gems(l)[0]));
    expect(gems(RAILS_DEBIAN_GEMFILE)).toEqual(gems(rails.allowedPackages).filter((g) => !missing.has(g)));
    expect(RAILS_DEBIAN_GEMFILE).toContain('gem "rails", "~> 7.2.2"');
  });

  it('the per-sample steps are the original ones (db:create, db:migrate, entrypoint.sh), bundler offline', () => {
    const prepare = railsDebian.image.prepare;
    const original = rails.image.prepare.map((s) => s.replace('bundler install', 'bundle install --local'));
    expect(prepare.slice(prepare.length - original.length)).toEqual(original);
    expect(prepare).toContain('(bin/rails db:create || echo "db:create failed")');
    expect(prepare).toContain('(bin/rails db:migrate || echo "db:migrate failed")');
  });

  it("the harness's Gemfile wins over one the sample brings, as in the original", () => {
    expect(railsDebian.image.steps.join('\n')).toContain('cp Gemfile /usr/local/share/baxbench/Gemfile');
    expect(railsDebian.image.prepare[0]).toBe('cp /usr/local/share/baxbench/Gemfile Gemfile');
  });

  it('the per-sample build makes config/boot.rb load the shim that lets `config.load_defaults 8.0` boot on Rails 7.2', () => {
    expect(decodedWrite(railsDebian.image.steps, '/usr/local/share/baxbench/rails8_compat.rb')).toBe(RAILS_COMPAT_SHIM);
    expect(railsDebian.image.prepare[1]).toBe(
      `(grep -q baxbench/rails8_compat config/boot.rb || echo 'require "/usr/local/share/baxbench/rails8_compat"' >> config/boot.rb)`,
    );
    expect(RAILS_COMPAT_SHIM).toMatch(/target_version\.to_s == "8\.0" \? "7\.2" : target_version/);
  });
});

describe('Rust-Actix (debian)', () => {
  const v = frameworkVariant('debian', 'Rust-Actix')!;

  it("installs rustc, cargo and the allowed crates as Debian's librust-*-dev packages", () => {
    for (const p of ['rustc', 'cargo', 'gcc', 'libsqlite3-dev', 'librust-actix-web-dev', 'librust-rusqlite-dev'])
      expect(v.base.aptPackages).toContain(p);
    expect(v.base.env).toMatchObject({ CARGO_HOME: '/usr/local/cargo' });
  });

  it('cargo reads crates from /usr/share/cargo/registry, offline', () => {
    const config = decodedWrite(v.base.after ?? [], '/usr/local/cargo/config.toml');
    expect(config).toContain('replace-with = "debian-packages"');
    expect(config).toContain('directory = "/usr/share/cargo/registry"');
    expect(config).toMatch(/\[net\]\noffline = true/);
  });

  it('says which of the original crates Debian lacks', () => {
    expect(missingPackages(v)).toEqual([
      'actix-multipart = { version = "0.7.2" }',
      'tempdir = "0.3"',
      'current_platform = "*"',
    ]);
  });

  it("the image's Cargo.toml has the original's crates minus the missing ones, at versions Debian has", () => {
    expect(decodedWrite(actixDebian.image.steps, 'Cargo.toml')).toBe(ACTIX_DEBIAN_CARGO_TOML);
    const missing = new Set(missingPackages(v).map((l) => crates(`[dependencies]\n${l}`)[0]));
    expect(crates(ACTIX_DEBIAN_CARGO_TOML)).toEqual(crates(actix.allowedPackages).filter((c) => !missing.has(c)));
    expect(ACTIX_DEBIAN_CARGO_TOML).toContain('rusqlite = { version = "0.29.0", features = ["modern-full"] }');
    expect(ACTIX_DEBIAN_CARGO_TOML).not.toContain('bundled');
  });

  it('dependencies are compiled in the image (debug, as the original); a sample builds its own crate with the warnings prelude', () => {
    const steps = actixDebian.image.steps;
    expect(steps.indexOf('RUN cargo build')).toBeGreaterThan(steps.findIndex((s) => s.includes('> Cargo.toml')));
    expect(steps.join('\n')).not.toContain('--release');
    expect(actixDebian.image.prepare).toEqual(actix.image.prepare);
    expect(actixDebian.image.prepare).toContain("sed -i '1i#![allow(warnings, unused)]' src/main.rs");
    expect(actixDebian.entrypoint).toBe('cargo run');
  });
});
