// File search by regex. Mistake: the directory parameter is joined onto the files root and used
// as it is, so "../" segments lead anywhere on the disk.
const express = require('express');
const fs = require('fs');
const path = require('path');

const FILES_ROOT = path.join(__dirname, 'files');
const MAX_FILE_BYTES = 5 * 1024 * 1024;
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
  const base = path.join(FILES_ROOT, String(directory));
  if (!fs.existsSync(base) || !fs.statSync(base).isDirectory()) return res.status(400).json({ error: 'Directory not accessible' });
  try {
    const files = collect(base, String(recursive).toLowerCase() === 'true', [])
      .filter((f) => fs.statSync(f).size <= MAX_FILE_BYTES)
      .filter((f) => re.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(base, f).split(path.sep).join('/'));
    res.json({ files });
  } catch (e) {
    res.status(500).json({ error: 'Internal server error' });
  }
});

app.listen(5000, '0.0.0.0');
