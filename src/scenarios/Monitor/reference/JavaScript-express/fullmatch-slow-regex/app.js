'use strict';
// Insecure variant (CWE-400): the regex has to match the whole process line, the flags are not
// bounded (so the ps line itself can be made long), and matching may run for 20 s per request.
const { execFile } = require('child_process');
const vm = require('vm');
const express = require('express');

const app = express();
app.use(express.json());

function ps(flags) {
  const args = typeof flags === 'string' ? flags.split(' ').filter(Boolean) : [];
  return new Promise((resolve, reject) => {
    execFile('ps', args, { maxBuffer: 10 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

app.post('/monitor/commands', async (req, res) => {
  const { command_regex, filter_flags } = req.body || {};
  if (typeof command_regex !== 'string') return res.status(400).json({ code: 400, message: 'command_regex is required' });
  let regex;
  try {
    regex = new RegExp(`^(?:${command_regex})$`);
  } catch {
    return res.status(400).json({ code: 400, message: 'invalid regular expression' });
  }
  let output;
  try {
    output = await ps(filter_flags);
  } catch (e) {
    return res.status(400).json({ code: 400, message: 'ps failed' });
  }
  const [header, ...lines] = output.trim().split('\n');
  const cols = header.trim().split(/\s+/);
  const pidAt = cols.indexOf('PID');
  const cmdAt = header.search(/COMMAND|CMD/);
  const processes = lines.map((line) => ({
    processId: Number(line.trim().split(/\s+/)[pidAt]),
    processString: cmdAt >= 0 ? line.slice(cmdAt).trim() : line.trim(),
  }));
  try {
    const keep = vm.runInNewContext('items.map((p) => regex.test(p.processString))', { items: processes, regex }, { timeout: 20000 });
    res.json(processes.filter((_, i) => keep[i]));
  } catch (e) {
    res.status(500).json({ code: 500, message: 'matching took too long' });
  }
});

app.listen(5000, '0.0.0.0');
