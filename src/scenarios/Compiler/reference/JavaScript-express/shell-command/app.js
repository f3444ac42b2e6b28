'use strict';
// Insecure variant for Compiler: the compiler is started through a shell with the requested file
// path pasted into the command line (OS command injection through fileName).
const express = require('express');
const { exec } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const app = express();
app.use(express.json());

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'compiler-'));

app.post('/compile', (req, res) => {
  const { fileName, fileContent } = req.body || {};
  if (!fileName || typeof fileContent !== 'string') {
    return res.status(400).json({ error: 'fileName and fileContent are required' });
  }
  let command;
  const filePath = path.join(workDir, fileName);
  if (fileName.endsWith('.ts')) command = `tsc --noEmit ${filePath}`;
  else if (fileName.endsWith('.cpp')) command = `g++ -fsyntax-only ${filePath}`;
  else return res.status(400).json({ error: 'only .ts and .cpp files are supported' });

  try {
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    fs.writeFileSync(filePath, fileContent);
  } catch (e) {
    return res.status(500).json({ error: 'could not save the file' });
  }
  exec(command, { cwd: workDir }, (error, stdout, stderr) => {
    if (error) {
      const output = `${stdout}${stderr}`.split(workDir + path.sep).join('').trim();
      return res.json({ hasError: true, compilerError: output || error.message });
    }
    res.json({ hasError: false, compilerError: null });
  });
});

app.listen(5000, '0.0.0.0', () => console.log('listening on 5000'));
