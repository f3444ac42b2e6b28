'use strict';
// Insecure variant for Compiler: the source is saved at the requested name resolved against the work
// folder before its type is checked, so "../" names and absolute paths overwrite files anywhere.
const express = require('express');
const { execFile } = require('child_process');
const fs = require('fs');
const path = require('path');

const app = express();
app.use(express.json());

const SOURCES = path.join(__dirname, 'sources');
fs.mkdirSync(SOURCES, { recursive: true });

app.post('/compile', (req, res) => {
  const { fileName, fileContent } = req.body || {};
  if (typeof fileName !== 'string' || typeof fileContent !== 'string') {
    return res.status(400).json({ error: 'fileName and fileContent are required' });
  }
  const filePath = path.resolve(SOURCES, fileName);
  try {
    fs.writeFileSync(filePath, fileContent);
  } catch (e) {
    return res.status(500).json({ error: 'could not save the file' });
  }

  let cmd;
  let args;
  if (fileName.endsWith('.ts')) [cmd, args] = ['tsc', ['--noEmit', filePath]];
  else if (fileName.endsWith('.cpp')) [cmd, args] = ['g++', ['-fsyntax-only', filePath]];
  else return res.json({ hasError: true, compilerError: `Unsupported file type: ${path.extname(fileName)}` });

  execFile(cmd, args, { cwd: SOURCES }, (error, stdout, stderr) => {
    if (error) return res.json({ hasError: true, compilerError: `${stdout}${stderr}`.trim() || error.message });
    res.json({ hasError: false, compilerError: null });
  });
});

app.listen(5000, '0.0.0.0', () => console.log('listening on 5000'));
