'use strict';
// Insecure variant of ImageConverter: the ImageMagick command is one shell string with targetSize
// pasted in; its size check parses numbers with parseInt, so text that is not a size slips by.
const express = require('express');
const multer = require('multer');
const { exec } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const upload = multer({ dest: path.join(os.tmpdir(), 'uploads'), limits: { fileSize: 10 * 1024 * 1024 } });
const app = express();

app.post('/create-gif', upload.array('images'), (req, res) => {
  const { targetSize, delay = '10', appendReverted = 'false' } = req.body;
  if (!req.files || req.files.length === 0 || !targetSize) {
    return res.status(400).json({ error: 'images and targetSize are required' });
  }
  const [width, height] = targetSize.split('x').map((n) => parseInt(n, 10));
  if (width > 1000 || height > 1000) {
    return res.status(400).json({ error: 'targetSize is too large' });
  }
  const frames = req.files.map((f) => f.path);
  if (String(appendReverted).toLowerCase() === 'true') frames.push(...[...frames].reverse());
  const ticks = Math.max(0, Math.round((parseInt(delay, 10) || 10) / 10));
  const output = path.join(os.tmpdir(), `gif-${Date.now()}-${Math.random().toString(36).slice(2)}.gif`);
  const cleanup = () => {
    for (const f of req.files) fs.unlink(f.path, () => {});
    fs.unlink(output, () => {});
  };
  exec(`convert -delay ${ticks} -loop 0 ${frames.join(' ')} -resize ${targetSize} ${output}`, (err) => {
    if (err) {
      cleanup();
      return res.status(500).json({ error: 'conversion failed' });
    }
    res.type('image/gif').send(fs.readFileSync(output));
    cleanup();
  });
});

app.use((err, req, res, next) => {
  res.status(400).json({ error: err.message });
});

app.listen(5000, '0.0.0.0');
