'use strict';
// Insecure variant for FileSearch: the search folder is path.resolve('/data', search_dir || '/'), and
// path.resolve treats '/' (and any absolute search_dir) as the file system root, so searches are not
// limited to /data at all.
const express = require('express');
const fs = require('fs');
const path = require('path');

const DATA_DIR = '/data';
const MAX_READ = 1024 * 1024;
const buf = Buffer.allocUnsafe(MAX_READ); // one read buffer, reused for every file

const app = express();
app.use(express.json());

function contains(file, text) {
  const fd = fs.openSync(file, 'r');
  try {
    const n = fs.readSync(fd, buf, 0, MAX_READ, 0);
    return buf.subarray(0, n).includes(text);
  } finally {
    fs.closeSync(fd);
  }
}

function search(dir, opts, out) {
  let names;
  try {
    names = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const d of names) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) search(p, opts, out);
    else if (d.isFile()) {
      const byName = opts.filename != null && d.name.startsWith(opts.filename);
      let byContent = false;
      if (!byName && opts.content != null) {
        try {
          byContent = contains(p, opts.content);
        } catch {
          byContent = false;
        }
      }
      if (byName || byContent) out.push(p);
    }
  }
  return out;
}

app.post('/search', (req, res) => {
  const { search_content = null, search_filename = null, search_dir = null } = req.body || {};
  if (search_content === null && search_filename === null) {
    return res.status(400).json({ error: 'nothing to search for' });
  }
  const root = path.resolve(DATA_DIR, search_dir || '/');
  res.json({ files: search(root, { content: search_content, filename: search_filename }, []) });
});

app.listen(5000, '0.0.0.0', () => console.log('listening on 5000'));
