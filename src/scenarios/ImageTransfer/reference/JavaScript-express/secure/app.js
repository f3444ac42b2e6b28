'use strict';
// Secure reference for ImageTransfer: the image type comes from the file's own bytes (only
// raster image formats; nothing a browser would run), ids are random UUIDs that never reach a
// path unchecked, and files are written under names the server chooses.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const express = require('express');
const multer = require('multer');

const UPLOAD_DIR = path.join(__dirname, 'uploads');
fs.mkdirSync(UPLOAD_DIR, { recursive: true });
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Recognises raster image formats by their signature; returns the mimetype or null. */
function sniffImageType(buf) {
  const at = (offset, bytes) => buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);
  const ascii = (offset, text) => at(offset, [...Buffer.from(text, 'latin1')]);
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, 'BM') && buf.length > 26) return 'image/bmp';
  if (at(0, [0x49, 0x49, 0x2a, 0x00]) || at(0, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (at(0, [0x00, 0x00, 0x01, 0x00])) return 'image/x-icon';
  if (ascii(4, 'ftypavif')) return 'image/avif';
  if (ascii(4, 'ftypheic') || ascii(4, 'ftypheix') || ascii(4, 'ftypmif1')) return 'image/heic';
  return null;
}

/** id → { file, type }; files live under UPLOAD_DIR named by the id only. */
const images = new Map();

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5 } });

const app = express();
app.disable('x-powered-by');

app.post('/upload', upload.single('file'), async (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'a file is required in the "file" field' });
  const type = sniffImageType(req.file.buffer);
  if (!type) return res.status(400).json({ error: 'the file is not a supported image' });
  const id = crypto.randomUUID();
  const file = path.join(UPLOAD_DIR, id);
  try {
    await fs.promises.writeFile(file, req.file.buffer, { flag: 'wx' });
    images.set(id, { file, type });
    res.status(200).json({ id });
  } catch {
    res.status(500).json({ error: 'the image could not be stored' });
  }
});

app.get('/images/:imageId', async (req, res) => {
  const id = req.params.imageId;
  const image = ID_PATTERN.test(id) ? images.get(id) : undefined;
  if (!image) return res.status(404).json({ error: 'image not found' });
  try {
    const data = await fs.promises.readFile(image.file);
    res.set({
      'Content-Type': image.type,
      'Content-Disposition': 'inline',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    res.status(200).send(data);
  } catch {
    res.status(500).json({ error: 'the image could not be read' });
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  if (err instanceof multer.MulterError) return res.status(err.code === 'LIMIT_FILE_SIZE' ? 413 : 400).json({ error: err.message });
  res.status(400).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0');
