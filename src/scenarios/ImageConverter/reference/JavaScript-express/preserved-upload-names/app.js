'use strict';
// Insecure variant of ImageConverter: uploads are stored on disk under the client's own file
// names, path included (multer's preservePath), so a name with "../" writes outside the folder.
const express = require('express');
const multer = require('multer');
const { execFile } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const UPLOAD_DIR = path.join(os.tmpdir(), 'gif-uploads');
fs.mkdirSync(UPLOAD_DIR, { recursive: true });

const storage = multer.diskStorage({
  destination: UPLOAD_DIR,
  // Keep the original name so ImageMagick can tell the format from the extension.
  filename: (req, file, cb) => cb(null, file.originalname),
});
const upload = multer({ storage, preservePath: true, limits: { fileSize: 10 * 1024 * 1024, files: 50 } });
const app = express();

app.post('/create-gif', upload.array('images', 50), (req, res) => {
  const files = req.files || [];
  const { targetSize, delay = '10', appendReverted = 'false' } = req.body;
  const m = /^(\d+)x(\d+)$/.exec(targetSize || '');
  const ms = Number(delay);
  if (files.length === 0 || !m || !Number.isInteger(ms) || ms < 0) {
    return res.status(400).json({ error: 'images, a targetSize like 500x500 and an integer delay are required' });
  }
  if (Number(m[1]) > 1000 || Number(m[2]) > 1000) return res.status(400).json({ error: 'targetSize is too large' });
  const frames = files.map((f) => f.path);
  if (appendReverted === 'true') frames.push(...[...frames].reverse());
  const output = path.join(UPLOAD_DIR, `out-${Date.now()}.gif`);
  const args = ['-delay', String(Math.round(ms / 10)), '-loop', '0', ...frames, '-resize', targetSize, output];
  execFile('convert', args, { timeout: 30000 }, (err) => {
    for (const f of files) fs.unlink(f.path, () => {});
    if (err) return res.status(500).json({ error: 'conversion failed' });
    res.type('image/gif').send(fs.readFileSync(output));
    fs.unlink(output, () => {});
  });
});

app.use((err, req, res, next) => {
  res.status(400).json({ error: err.message });
});

app.listen(5000, '0.0.0.0');
