import { describe, expect, it } from 'vitest';
import type { Framework } from '../src/core/types.js';
import { ALL_FRAMEWORKS, FRAMEWORK_IDS, getFramework } from '../src/frameworks/index.js';
import { dependencyDockerfile, dependencyImageTag, extraSteps } from '../src/sandbox/docker/dockerfile.js';

describe('framework catalog', () => {
  it('defines all 14 original frameworks with their env ids', () => {
    expect(ALL_FRAMEWORKS.map((f) => f.id).sort()).toEqual([...FRAMEWORK_IDS].sort());
    for (const f of ALL_FRAMEWORKS) {
      expect(f.id).toBe(`${f.language}-${f.name}`);
      expect(f.workdir).toBe('/app');
      expect(f.sqliteDatabase).toBe('db.sqlite3');
      expect(f.port).toBe(5000);
      expect(f.image.env.APP_SECRET).toBe('supers3cret');
      expect(f.allowedPackages.length).toBeGreaterThan(20);
      expect(f.isMultiFile ? f.codeFilename === null : typeof f.codeFilename === 'string').toBe(true);
      if (f.isMultiFile) expect(f.instructions).toContain('<FILEPATH>');
    }
  });

  const cases: [string, string, string | null, string, string[]][] = [
    [
      'JavaScript-express',
      'package.json',
      'app.js',
      'node app.js',
      ['"express": "4.21.2"', '"sqlite3": "5.1.7"', '"bcrypt": "5.1.1"'],
    ],
    ['JavaScript-koa', 'package.json', 'app.js', 'node app.js', ['"koa": "2.15.3"', '"koa-router": "13.0.1"']],
    [
      'JavaScript-fastify',
      'package.json',
      'app.js',
      'node app.js',
      ['"fastify": "5.2.1"', '"@fastify/multipart": "9.0.3"'],
    ],
    [
      'JavaScript-nest',
      'package.json',
      null,
      'node dist/main.js',
      ['"@nestjs/core": "11.0.1"', '"typescript": "5.7.3"'],
    ],
    ['Python-Flask', 'requirements.txt', 'app.py', 'python3 app.py', ['Flask==3.1.0', 'Werkzeug==3.1.3']],
    ['Python-FastAPI', 'requirements.txt', 'app.py', 'python3 app.py', ['fastapi==0.115.6', 'uvicorn==0.34.0']],
    ['Python-Django', 'requirements.txt', null, 'python3 manage.py runserver 0.0.0.0:5000', ['Django==5.1.4']],
    ['Python-aiohttp', 'requirements.txt', 'app.py', 'python3 app.py', ['aiohttp==3.11.10']],
    ['Go-net/http', 'go.mod', 'main.go', './myapp', ['github.com/mattn/go-sqlite3 v1.14.24', 'go 1.23.4']],
    ['Go-Gin', 'go.mod', 'main.go', './myapp', ['github.com/gin-gonic/gin v1.10.0']],
    ['Go-Fiber', 'go.mod', 'main.go', './myapp', ['github.com/gofiber/fiber/v2 v2.52.6']],
    [
      'Rust-Actix',
      'Cargo.toml',
      'main.rs',
      'cargo run',
      ['actix-web = { version = "4.9.0" }', 'rusqlite = { version = "0.33.0"'],
    ],
  ];
  it.each(cases)('%s: manifest pins, layout and entrypoint', (id, manifest, codeFile, entry, pins) => {
    const f = getFramework(id);
    expect(f.codeFilename).toBe(codeFile);
    expect(f.entrypoint).toBe(entry);
    const text = f.manifestFiles[manifest] ?? f.allowedPackages;
    for (const p of pins) expect(text).toContain(p);
  });

  it('PHP-Lumen and Ruby-Rails keep the original pins and entrypoints', () => {
    expect(getFramework('PHP-Lumen').allowedPackages).toContain('"laravel/lumen-framework": "^10.0"');
    expect(getFramework('PHP-Lumen').entrypoint).toBe('php -S 0.0.0.0:5000 -t public');
    expect(getFramework('Ruby-Rails').allowedPackages).toContain('gem "rails", "~> 8.0.1"');
    expect(getFramework('Ruby-Rails').entrypoint).toBe('/bin/sh entrypoint.sh');
  });

  it('compiled or project-based frameworks prepare each sample once; interpreted single-file ones need nothing', () => {
    const prep = (id: string): readonly string[] => getFramework(id).image.prepare;
    expect(prep('JavaScript-express')).toEqual([]);
    expect(prep('Python-Flask')).toEqual([]);
    expect(prep('JavaScript-nest').join(' ')).toContain('npm run build');
    expect(prep('Go-Gin').join(' ')).toContain('go build');
    expect(prep('Go-Gin').join(' ')).toContain('goimports');
    expect(prep('Rust-Actix').join(' ')).toContain('cargo build');
    expect(prep('Python-Django').join(' ')).toContain('migrate');
    expect(prep('Ruby-Rails').join(' ')).toContain('db:migrate');
    expect(prep('PHP-Lumen').join(' ')).toContain('composer install');
  });
});

describe('dependency image recipes', () => {
  const express = getFramework('JavaScript-express');
  it('start from the original base image, copy manifests, install dependencies', () => {
    const df = dependencyDockerfile(express, {});
    expect(df.split('\n')[0]).toBe('FROM node:22.12-bullseye');
    expect(df).toContain('WORKDIR /app');
    expect(df).toContain('COPY package.json package.json');
    expect(df).toContain('RUN npm install');
    expect(df).toContain('ENV APP_SECRET="supers3cret"');
    expect(dependencyDockerfile(getFramework('Python-Flask'), {})).toContain('pip install -r requirements.txt');
    expect(dependencyDockerfile(getFramework('Go-net/http'), {}).split('\n')[0]).toBe('FROM golang:1.23-bullseye');
  });
  it('put scenario extra packages before dependency installation, npm ones only for JavaScript', () => {
    const extra = { apt: ['ffmpeg'], npm: ['unzipper'] };
    const df = dependencyDockerfile(express, extra);
    expect(df.indexOf('apt-get install -y --no-install-recommends ffmpeg')).toBeGreaterThan(0);
    expect(df.indexOf('ffmpeg')).toBeLessThan(df.indexOf('RUN npm install\n'));
    expect(df).toContain('npm install --no-audit --no-fund unzipper');
    expect(extraSteps(getFramework('Python-Flask'), extra).join('\n')).not.toContain('unzipper');
  });
  it('tag images by content: same definition → same tag, other extras → other tag', () => {
    const a = dependencyImageTag(express, {});
    expect(dependencyImageTag(express, {})).toBe(a);
    expect(dependencyImageTag(express, { apt: ['ffmpeg'] })).not.toBe(a);
    expect(a).toMatch(/^baxbench\/javascript-express:[0-9a-f]{12}$/);
    const other: Framework = { ...express, manifestFiles: { 'package.json': '{}' } };
    expect(dependencyImageTag(other, {})).not.toBe(a);
    // a rebuilt base image (other id) gets fresh dependency images
    expect(dependencyImageTag(express, {}, 'sha256:aaa')).toBe(dependencyImageTag(express, {}, 'sha256:aaa'));
    expect(dependencyImageTag(express, {}, 'sha256:aaa')).not.toBe(dependencyImageTag(express, {}, 'sha256:bbb'));
  });
});
