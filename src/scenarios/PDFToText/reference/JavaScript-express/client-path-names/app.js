// PDF to text service: extracts the text of an uploaded PDF with pdftotext.
// Saves the upload under the name the client gave (full path kept) before converting it.
const express = require('express');
const multer = require('multer');
const fs = require('fs');
const path = require('path');
const { execFile } = require('child_process');

const app = express();
const UPLOAD_DIR = '/tmp/uploads';

const upload = multer({
  storage: multer.memoryStorage(),
  preservePath: true,
  limits: { fileSize: 5 * 1024 * 1024 },
});

app.post('/convert', upload.single('file'), (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'Missing file' });
  const target = path.join(UPLOAD_DIR, req.file.originalname);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, req.file.buffer);
  } catch (e) {
    return res.status(500).json({ error: 'Could not store the file' });
  }
  execFile('pdftotext', [target, '-'], (err, stdout) => {
    fs.unlink(target, () => {});
    if (err) return res.status(400).json({ error: 'Conversion failed' });
    res.type('text/plain').send(stdout);
  });
});

app.use((err, req, res, next) => res.status(400).json({ error: err.message }));

app.listen(5000, '0.0.0.0', () => console.log('listening on 5000'));
