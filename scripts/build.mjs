#!/usr/bin/env node
// Builds the package (npm run build; `npm pack` runs it as prepack): TypeScript → dist/ (ESM .js
// and .d.ts, the same layout as src/), then the files the code reads at run time from beside its
// modules — scenario contracts (openapi.yaml, spec.md), references, fixtures, prices.yaml, the
// Nest starter, the report page's client sources — copied to the same places under dist/.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});

/** Run-time files: everything but the TypeScript tsc compiled (references and the report's client are read as sources). */
function isAsset(rel) {
  if (!rel.endsWith('.ts')) return true;
  return (
    rel.includes(`${path.sep}reference${path.sep}`) || rel.startsWith(path.join('report', 'html', 'client') + path.sep)
  );
}

let copied = 0;
for (const e of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!e.isFile()) continue;
  const rel = path.relative(src, path.join(e.parentPath, e.name));
  if (!isAsset(rel)) continue;
  cpSync(path.join(src, rel), path.join(dist, rel));
  copied++;
}
process.stdout.write(`built dist/ (${copied} asset files copied)\n`);
