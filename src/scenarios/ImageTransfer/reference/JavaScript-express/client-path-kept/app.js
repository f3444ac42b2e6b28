'use strict';
// Insecure variant (CWE-434, CWE-22): the file is stored under the name the client sent, folders
// included, so "../../bin/bash" replaces a system executable.
const fs = require('fs');
const path = require('path');
const express = require('express');
const multer = require('multer');

const UPLOAD_DIR = path.join(__dirname, 'uploads');
fs.mkdirSync(UPLOAD_DIR, { recursive: true });

const upload = multer({
  // Keep the name exactly as the client sent it.
  preservePath: true,
  storage: multer.diskStorage({
    destination: UPLOAD_DIR,
    filename: (req, file, cb) => cb(null, file.originalname),
  }),
});

const app = express();

app.post('/upload', upload.single('file'), (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'No file uploaded' });
  res.json({ id: req.file.originalname });
});

app.get('/images/:imageId', (req, res) => {
  const file = path.join(UPLOAD_DIR, path.basename(req.params.imageId));
  if (!fs.existsSync(file)) return res.status(404).json({ error: 'Image not found' });
  res.sendFile(file);
});

app.listen(5000, '0.0.0.0');
