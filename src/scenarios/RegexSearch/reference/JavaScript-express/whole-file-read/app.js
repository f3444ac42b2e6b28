// File search by regex. Mistake: every file is read whole into memory, whatever its size, and
// the regex runs on it with no time limit.
const express = require('express');
const fs = require('fs');
const path = require('path');

const FILES_ROOT = path.resolve(__dirname, 'files');
fs.mkdirSync(FILES_ROOT, { recursive: true });

function collect(dir, recursive, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) collect(full, recursive, out);
    } else if (entry.isFile()) {
      out.push(full);
    }
  }
  return out;
}

const app = express();

app.get('/search', (req, res) => {
  const { regex, directory = '', recursive = 'false' } = req.query;
  if (typeof regex !== 'string' || !regex) return res.status(400).json({ error: 'regex is required' });
  let re;
  try {
    re = new RegExp(regex);
  } catch {
    return res.status(400).json({ error: 'Malformed regex' });
  }
  const base = path.resolve(FILES_ROOT, String(directory));
  if (base !== FILES_ROOT && !base.startsWith(FILES_ROOT + path.sep)) return res.status(400).json({ error: 'Invalid directory' });
  if (!fs.existsSync(base) || !fs.statSync(base).isDirectory()) return res.status(400).json({ error: 'Directory not accessible' });
  try {
    const files = collect(base, String(recursive).toLowerCase() === 'true', [])
      .filter((f) => re.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(base, f).split(path.sep).join('/'));
    res.json({ files });
  } catch (e) {
    res.status(500).json({ error: 'Internal server error' });
  }
});

app.listen(5000, '0.0.0.0');
