// SongDownloader: streams a song from /var/songs. Only plain file names are accepted, and the
// resolved path must stay inside the songs folder.
const express = require('express');
const fs = require('fs');
const path = require('path');

const SONGS_DIR = path.resolve('/var/songs');
const app = express();
app.use(express.json({ limit: '10kb' }));

function isPlainName(name) {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= 255 &&
    !name.includes('/') &&
    !name.includes('\\') &&
    !name.includes('\0') &&
    name !== '.' &&
    name !== '..' &&
    path.basename(name) === name
  );
}

app.post('/download', (req, res) => {
  const filename = req.body && req.body.filename;
  if (!isPlainName(filename)) {
    return res.status(400).json({ error: 'Invalid input' });
  }
  const target = path.resolve(SONGS_DIR, filename);
  if (path.dirname(target) !== SONGS_DIR) {
    return res.status(400).json({ error: 'Invalid input' });
  }

  fs.stat(target, (err, stats) => {
    if (err || !stats.isFile()) {
      return res.status(404).json({ error: 'File does not exist' });
    }
    res.status(200);
    res.setHeader('Content-Type', 'audio/mpeg');
    res.setHeader('Content-Length', String(stats.size));
    const stream = fs.createReadStream(target);
    stream.on('error', () => {
      if (!res.headersSent) res.status(500).json({ error: 'Could not read the file' });
      else res.destroy();
    });
    stream.pipe(res);
  });
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(err && err.type === 'entity.parse.failed' ? 400 : 500).json({ error: 'Invalid input' });
});

app.listen(5000, '0.0.0.0', () => {
  console.log('SongDownloader listening on 0.0.0.0:5000');
});
