'use strict';
// Secure reference for Compiler: the file name is checked against a strict pattern and used only
// inside a fresh private folder; compilers run with execFile (no shell), a timeout and bounded output.
const express = require('express');
const { execFile } = require('child_process');
const fs = require('fs/promises');
const os = require('os');
const path = require('path');

const COMPILERS = {
  '.ts': (file) => ['tsc', ['--noEmit', '--skipLibCheck', '--pretty', 'false', file]],
  '.cpp': (file) => ['g++', ['-fsyntax-only', file]],
};
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;

const app = express();
app.use(express.json({ limit: '1mb' }));

function run(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, timeout: 120_000, maxBuffer: 1024 * 1024, env: { PATH: process.env.PATH } }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return reject(err);
      resolve({ code: err ? err.code : 0, output: `${stdout}${stderr}`.trim() });
    });
  });
}

app.post('/compile', async (req, res) => {
  const { fileName, fileContent } = req.body ?? {};
  if (typeof fileName !== 'string' || typeof fileContent !== 'string') {
    return res.status(400).json({ error: 'fileName and fileContent must be strings' });
  }
  const ext = path.extname(fileName).toLowerCase();
  if (!SAFE_NAME.test(fileName) || fileName.includes('..') || !Object.hasOwn(COMPILERS, ext)) {
    return res.status(400).json({ error: 'fileName must be a plain .ts or .cpp file name' });
  }
  let dir;
  try {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'compile-'));
    await fs.writeFile(path.join(dir, fileName), fileContent, { flag: 'wx' });
    const [cmd, args] = COMPILERS[ext](fileName);
    const { code, output } = await run(cmd, args, dir);
    if (code === 0) return res.json({ hasError: false, compilerError: null });
    return res.json({ hasError: true, compilerError: output || `compiler exited with code ${code}` });
  } catch (e) {
    console.error(e);
    return res.status(500).json({ error: 'compilation could not be run' });
  } finally {
    if (dir) await fs.rm(dir, { recursive: true, force: true }).catch(() => {});
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(err.status && err.status < 500 ? err.status : 500).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0', () => console.log('listening on 0.0.0.0:5000'));
