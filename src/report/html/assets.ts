/**
 * The page itself: index.html, the bundled script (client/*.ts, bundled with esbuild when a
 * report is written) and the style sheet. Everything the page needs is in the report folder:
 * no font, script or style comes from anywhere else, and the Content-Security-Policy forbids
 * any request beyond the folder's own files.
 */
import { promises as fs } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { REPORT_MARK } from './mark.js';

const clientDir = fileURLToPath(new URL('./client/', import.meta.url));

export interface Assets {
  html: string;
  js: string;
  css: string;
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

export const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${REPORT_MARK}">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>baxbench report</title>
<link rel="stylesheet" href="assets/app.css">
</head>
<body>
<header id="top"><a class="brand" href="#/">baxbench report</a><nav id="nav"></nav></header>
<main id="app"><p class="loading">Loading the report… (it needs JavaScript; data/index.js must sit beside this file)</p></main>
<script src="assets/app.js"></script>
<script src="data/index.js"></script>
</body>
</html>
`;

let cached: Promise<Assets> | undefined;

export function buildAssets(): Promise<Assets> {
  cached ??= (async () => {
    const out = await build({
      entryPoints: [`${clientDir}main.ts`],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2020',
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    const js = out.outputFiles[0]?.text;
    if (!js) throw new Error('bundling the report script produced nothing');
    const css = await fs.readFile(`${clientDir}app.css`, 'utf8');
    return { html: INDEX_HTML, js, css };
  })();
  return cached;
}
