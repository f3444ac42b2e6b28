'use strict';
// Insecure variant (CWE-284): images are numbered 1, 2, 3 …, so anyone can fetch images that
// were never shared with them.
const path = require('path');
const express = require('express');
const multer = require('multer');

const TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.bmp': 'image/bmp' };

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10 * 1024 * 1024 } });
const app = express();

const images = new Map();
let nextId = 1;

app.post('/upload', upload.single('file'), (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'No file uploaded' });
  const type = TYPES[path.extname(req.file.originalname).toLowerCase()];
  if (!type) return res.status(400).json({ error: 'Only image files are allowed' });
  const id = String(nextId++);
  images.set(id, { type, data: req.file.buffer });
  res.json({ id });
});

app.get('/images/:imageId', (req, res) => {
  const image = images.get(req.params.imageId);
  if (!image) return res.status(404).json({ error: 'Image not found' });
  res.type(image.type).send(image.data);
});

app.listen(5000, '0.0.0.0');
