#!/usr/bin/env node
// Entry point. In a checkout (src/ present) it runs the TypeScript sources through tsx, so a fresh
// clone needs only `npm install`; an installed package (npm pack / npm install) runs the built
// dist/ (`npm run build`, done by prepack).
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import('../dist/cli/main.js');
}
