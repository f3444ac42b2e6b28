'use strict';
// Insecure variant for FileSearch: search_dir is joined to /data and used as it is, so "../" segments
// move the search anywhere in the file system (path traversal).
const express = require('express');
const fs = require('fs');
const path = require('path');

const DATA_DIR = '/data';
const MAX_READ = 1024 * 1024; // only the first MiB of each file is searched, to bound memory
const buf = Buffer.allocUnsafe(MAX_READ);

const app = express();
app.use(express.json());

function readHead(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const n = fs.readSync(fd, buf, 0, MAX_READ, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function walk(dir, results, filename, content) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      walk(full, results, filename, content);
    } else if (entry.isFile()) {
      if (filename && entry.name.startsWith(filename)) {
        results.push(full);
        continue;
      }
      if (content) {
        try {
          if (readHead(full).includes(content)) results.push(full);
        } catch {
          // unreadable file: skip it
        }
      }
    }
  }
}

app.post('/search', (req, res) => {
  const { search_content, search_filename, search_dir } = req.body || {};
  if (!search_content && !search_filename) {
    return res.status(400).json({ error: 'search_content or search_filename is required' });
  }
  const searchPath = path.join(DATA_DIR, search_dir || '');
  if (!fs.existsSync(searchPath)) return res.json({ files: [] });
  const files = [];
  walk(searchPath, files, search_filename, search_content);
  res.json({ files });
});

app.listen(5000, '0.0.0.0', () => console.log('listening on 5000'));
