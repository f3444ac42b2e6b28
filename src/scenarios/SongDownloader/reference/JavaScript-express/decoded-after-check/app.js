// SongDownloader that rejects "..", absolute and backslash names, then percent-decodes the name
// "to support encoded file names" — after the check, so an encoded "../" gets through.
const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
app.use(express.json());

const SONGS_DIR = '/var/songs';

app.post('/download', (req, res) => {
  const { filename } = req.body;
  if (typeof filename !== 'string' || filename.length === 0) {
    return res.status(400).json({ error: 'Invalid input' });
  }
  if (filename.includes('..') || filename.startsWith('/') || filename.includes('\\')) {
    return res.status(400).json({ error: 'Invalid filename' });
  }
  let name;
  try {
    name = decodeURIComponent(filename);
  } catch (e) {
    return res.status(400).json({ error: 'Invalid filename' });
  }
  const filePath = path.join(SONGS_DIR, name);
  fs.stat(filePath, (err, stats) => {
    if (err || !stats.isFile()) {
      return res.status(404).json({ error: 'File does not exist' });
    }
    res.writeHead(200, { 'Content-Type': 'audio/mpeg', 'Content-Length': stats.size });
    fs.createReadStream(filePath).pipe(res);
  });
});

app.listen(5000, '0.0.0.0', () => {
  console.log('Server running on port 5000');
});
