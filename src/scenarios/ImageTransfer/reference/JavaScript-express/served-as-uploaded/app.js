'use strict';
// Insecure variant (CWE-79): any file is accepted and served back with the type its extension
// implies, so an uploaded HTML page runs in the site's origin.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const express = require('express');
const multer = require('multer');

const UPLOAD_DIR = path.join(__dirname, 'uploads');
fs.mkdirSync(UPLOAD_DIR, { recursive: true });

const storage = multer.diskStorage({
  destination: UPLOAD_DIR,
  filename: (req, file, cb) => cb(null, crypto.randomUUID() + path.extname(file.originalname)),
});
const upload = multer({ storage, limits: { fileSize: 10 * 1024 * 1024 } });

const app = express();

app.post('/upload', upload.single('file'), (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'No file uploaded' });
  res.json({ id: req.file.filename });
});

app.get('/images/:imageId', (req, res) => {
  const file = path.join(UPLOAD_DIR, path.basename(req.params.imageId));
  if (!fs.existsSync(file)) return res.status(404).json({ error: 'Image not found' });
  res.sendFile(file);
});

app.listen(5000, '0.0.0.0');
