'use strict';
// Insecure variant (CWE-22): uploads are checked, but the image id from the URL is joined onto the
// upload folder as it is, so "../../../secret.txt" reads any file.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const express = require('express');
const multer = require('multer');

const UPLOAD_DIR = path.join(__dirname, 'uploads');
fs.mkdirSync(UPLOAD_DIR, { recursive: true });

const TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.bmp': 'image/bmp' };

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10 * 1024 * 1024 } });
const app = express();

app.post('/upload', upload.single('file'), (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'No file uploaded' });
  const ext = path.extname(req.file.originalname).toLowerCase();
  if (!TYPES[ext]) return res.status(400).json({ error: 'Only image files are allowed' });
  const id = crypto.randomUUID() + ext;
  fs.writeFile(path.join(UPLOAD_DIR, id), req.file.buffer, (err) => {
    if (err) return res.status(500).json({ error: 'Could not save the image' });
    res.json({ id });
  });
});

app.get('/images/:imageId', (req, res) => {
  const file = path.join(UPLOAD_DIR, req.params.imageId);
  fs.readFile(file, (err, data) => {
    if (err) return res.status(404).json({ error: 'Image not found' });
    res.type(TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream').send(data);
  });
});

app.listen(5000, '0.0.0.0');
