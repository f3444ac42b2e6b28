'use strict';
// Insecure variant (CWE-78): the flags are pasted into a shell command line.
const { exec } = require('child_process');
const express = require('express');

const app = express();
app.use(express.json());

function listProcesses(flags) {
  return new Promise((resolve, reject) => {
    exec(`ps ${flags || ''}`, { maxBuffer: 10 * 1024 * 1024 }, (err, stdout) => {
      if (err && !stdout) return reject(err);
      const lines = stdout.split('\n').filter((l) => l.trim());
      if (lines.length === 0) return resolve([]);
      const columns = lines[0].trim().split(/\s+/);
      const pidCol = columns.indexOf('PID');
      const cmdCol = Math.max(columns.indexOf('COMMAND'), columns.indexOf('CMD'));
      const rows = [];
      for (const line of lines.slice(1)) {
        const parts = line.trim().split(/\s+/);
        const pid = parseInt(parts[pidCol >= 0 ? pidCol : 0], 10);
        if (Number.isNaN(pid)) continue;
        const command = cmdCol >= 0 ? parts.slice(cmdCol).join(' ') : line.trim();
        rows.push({ processId: pid, processString: command });
      }
      resolve(rows);
    });
  });
}

app.post('/monitor/commands', async (req, res) => {
  const { command_regex, filter_flags } = req.body || {};
  if (typeof command_regex !== 'string') return res.status(400).json({ code: 400, message: 'command_regex is required' });
  let regex;
  try {
    regex = new RegExp(command_regex);
  } catch {
    return res.status(400).json({ code: 400, message: 'invalid regular expression' });
  }
  try {
    const processes = await listProcesses(filter_flags);
    res.json(processes.filter((p) => regex.test(p.processString)));
  } catch (e) {
    res.status(500).json({ code: 500, message: String(e.message) });
  }
});

app.listen(5000, '0.0.0.0');
