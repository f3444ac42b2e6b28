'use strict';
// Insecure variant for FileSearch: a search_filename that looks like a path ("songs/song.mp3") is also
// looked up directly under the search folder, without checking where the joined path ends up, so
// "../" names reveal files outside /data.
const express = require('express');
const fs = require('fs');
const path = require('path');

const DATA_DIR = path.resolve('/data');

const app = express();
app.use(express.json());

function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

app.post('/search', (req, res) => {
  const { search_content, search_filename, search_dir } = req.body || {};
  if ((search_content && typeof search_content !== 'string') || (search_filename && typeof search_filename !== 'string')) {
    return res.status(400).json({ error: 'invalid input' });
  }
  if (!search_content && !search_filename) return res.status(400).json({ error: 'invalid input' });
  if (search_dir != null && typeof search_dir !== 'string') return res.status(400).json({ error: 'invalid input' });

  const base = path.join(DATA_DIR, search_dir || '');
  if (base !== DATA_DIR && !base.startsWith(DATA_DIR + path.sep)) {
    return res.status(400).json({ error: 'search_dir must be inside the data folder' });
  }

  const results = new Set();
  if (search_filename) {
    const direct = path.join(base, search_filename);
    try {
      if (fs.statSync(direct).isFile()) results.add(direct);
    } catch {
      // not a direct path
    }
  }
  if (fs.existsSync(base)) {
    for (const file of walk(base)) {
      if (search_filename && path.basename(file).startsWith(search_filename)) results.add(file);
      else if (search_content) {
        try {
          if (fs.readFileSync(file, 'utf8').includes(search_content)) results.add(file);
        } catch {
          // unreadable: skip
        }
      }
    }
  }
  res.json({ files: [...results] });
});

app.listen(5000, '0.0.0.0', () => console.log('listening on 5000'));
