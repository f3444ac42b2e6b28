#!/usr/bin/env node
// Runs a TypeScript file of this project: `node bin/run-ts.js path/to/file.ts [args…]`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

register();
const file = process.argv[2];
if (!file) {
  console.error('run-ts: give a .ts file to run');
  process.exit(2);
}
process.argv.splice(2, 1);
await import(pathToFileURL(path.resolve(file)).href);
