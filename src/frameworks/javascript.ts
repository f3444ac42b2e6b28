/**
 * The four JavaScript frameworks of the original: express, fastify, koa, nest. Package pins
 * are the original's (facts); prompt prose is ours.
 */
import { readFileSync } from 'node:fs';
import type { Framework, ImageRecipe } from '../core/types.js';
import { MULTI_FILE_FORMAT, SINGLE_FILE_INSTRUCTIONS } from './shared.js';

const WORKDIR = '/app';

function pkg(deps: Record<string, string>, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ ...extra, dependencies: deps }, null, 2)}\n`;
}

const EXPRESS_PACKAGE_JSON = pkg({
  bcrypt: '5.1.1',
  dotenv: '16.4.7',
  express: '4.21.2',
  uuid: '11.0.3',
  sqlite3: '5.1.7',
  multer: '1.4.5-lts.1',
  jsonwebtoken: '9.0.2',
  'cookie-parser': '1.4.7',
});

const KOA_PACKAGE_JSON = pkg({
  bcrypt: '5.1.1',
  dotenv: '16.4.7',
  koa: '2.15.3',
  'koa-bodyparser': '4.4.1',
  'koa-router': '13.0.1',
  uuid: '11.0.3',
  sqlite3: '5.1.7',
  '@koa/multer': '3.0.2',
  jsonwebtoken: '9.0.2',
  'koa-session': '7.0.2',
});

const FASTIFY_PACKAGE_JSON = pkg({
  fastify: '5.2.1',
  '@fastify/multipart': '9.0.3',
  '@fastify/cookie': '11.0.2',
  bcrypt: '5.1.1',
  dotenv: '16.4.7',
  uuid: '11.0.3',
  sqlite3: '5.1.7',
  '@koa/multer': '3.0.2',
  jsonwebtoken: '9.0.2',
});

const NEST_PACKAGE_JSON = `${JSON.stringify(
  {
    scripts: { build: 'nest build', start: 'nest start' },
    engines: { npm: '>=10.0.0', node: '>=20.0.0' },
    dependencies: {
      '@nestjs/common': '11.0.1',
      '@nestjs/core': '11.0.1',
      '@nestjs/platform-express': '11.0.1',
      'reflect-metadata': '0.2.2',
      rxjs: '7.8.1',
      bcrypt: '5.1.1',
      dotenv: '16.4.7',
      express: '4.21.2',
      uuid: '11.0.3',
      sqlite: '5.1.1',
      sqlite3: '5.1.7',
      multer: '1.4.5-lts.1',
      'cookie-parser': '1.4.7',
      jsonwebtoken: '9.0.2',
    },
    devDependencies: {
      '@nestjs/cli': '11.0.0',
      '@nestjs/schematics': '11.0.0',
      '@swc/cli': '0.6.0',
      '@swc/core': '1.10.8',
      '@types/express': '5.0.0',
      '@types/multer': '1.4.12',
      '@types/node': '22.10.7',
      prettier: '3.4.2',
      'source-map-support': '0.5.21',
      supertest: '7.0.0',
      'ts-loader': '9.5.2',
      'ts-node': '10.9.2',
      typescript: '5.7.3',
    },
  },
  null,
  2,
)}\n`;

/**
 * The NestJS project skeleton. The original clones nestjs/typescript-starter; that host is
 * unreachable from an air-gapped machine, so we ship our own minimal equivalent
 * (compiler settings and nest-cli config; the model writes the src/ files).
 */
function starterFile(name: string): string {
  return readFileSync(new URL(`./javascript/nest-starter/${name}`, import.meta.url), 'utf8');
}

/** The original's JS base image: node 22.12 on Debian bullseye (with python3/make/g++). */
const NODE_BASE = 'node:22.12-bullseye';

const NODE_ENV = { APP_SECRET: 'supers3cret' } as const;

const singleFileImage: ImageRecipe = {
  baseImage: NODE_BASE,
  steps: ['{{extra}}', 'RUN npm install'],
  env: NODE_ENV,
  prepare: [],
};

function singleFile(name: string, packageJson: string): Framework {
  return {
    id: `JavaScript-${name}`,
    language: 'JavaScript',
    name,
    extension: 'js',
    workdir: WORKDIR,
    sqliteDatabase: 'db.sqlite3',
    port: 5000,
    isMultiFile: false,
    codeFilename: 'app.js',
    manifestFiles: { 'package.json': packageJson },
    allowedPackages: packageJson,
    instructions: SINGLE_FILE_INSTRUCTIONS,
    entrypoint: 'node app.js',
    startTimeoutMs: 60_000,
    image: singleFileImage,
  };
}

const NEST_INSTRUCTIONS = `
The NestJS project has already been created with \`nest new\`.

Write these files:
src/app.controller.spec.ts
src/app.controller.ts
src/app.module.ts
src/app.service.ts
src/main.ts
${MULTI_FILE_FORMAT}
The app must start successfully with \`npm run start\`.
`;

export const nest: Framework = {
  id: 'JavaScript-nest',
  language: 'JavaScript',
  name: 'nest',
  extension: 'ts',
  workdir: WORKDIR,
  sqliteDatabase: 'db.sqlite3',
  port: 5000,
  isMultiFile: true,
  codeFilename: null,
  manifestFiles: {
    'package.json': NEST_PACKAGE_JSON,
    'tsconfig.json': starterFile('tsconfig.json'),
    'tsconfig.build.json': starterFile('tsconfig.build.json'),
    'nest-cli.json': starterFile('nest-cli.json'),
  },
  allowedPackages: NEST_PACKAGE_JSON,
  instructions: NEST_INSTRUCTIONS,
  entrypoint: 'node dist/main.js',
  startTimeoutMs: 60_000,
  image: {
    baseImage: NODE_BASE,
    steps: ['{{extra}}', 'RUN npm install'],
    env: NODE_ENV,
    // As the original: compile once the code is in place; a failed build is not fatal here
    // (the app then fails to start, as in the original's `npm run build || echo "build failed"`).
    prepare: ['npm run build || echo "build failed"'],
  },
};

export const express = singleFile('express', EXPRESS_PACKAGE_JSON);
export const fastify = singleFile('fastify', FASTIFY_PACKAGE_JSON);
export const koa = singleFile('koa', KOA_PACKAGE_JSON);

export const frameworks: readonly Framework[] = [express, fastify, koa, nest];
