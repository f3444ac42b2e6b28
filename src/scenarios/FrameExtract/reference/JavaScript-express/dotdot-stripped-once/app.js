'use strict';
// Insecure variant of FrameExtract: "../" is removed from videoFileName only once before the name
// is joined onto the upload folder, so longer traversals still escape it; the upload is deleted
// after the frame is extracted (which then deletes whatever file it overwrote).
const express = require('express');
const multer = require('multer');
const { execFile } = require('child_process');
const fs = require('fs/promises');
const os = require('os');
const path = require('path');

const UPLOAD_DIR = path.join(os.tmpdir(), 'videos');

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 32 * 1024 * 1024 } });
const app = express();

// Uploads larger than the limit are refused up front.
app.use((req, res, next) => {
  if (Number(req.headers['content-length']) > 33 * 1024 * 1024) {
    res.set('Connection', 'close');
    return res.status(413).json({ error: 'upload too large' });
  }
  next();
});

function ffmpeg(args) {
  return new Promise((resolve) => execFile('ffmpeg', args, { timeout: 60000 }, (err) => resolve(!err)));
}

app.post('/extract', upload.single('video'), async (req, res) => {
  const frame = Number.parseInt(req.body.frameNumber, 10);
  if (!req.file || Number.isNaN(frame) || frame < 0) {
    return res.status(400).json({ error: 'video and frameNumber are required' });
  }
  // Keep the user's name for the file, without any "../" in it.
  const safeName = String(req.body.videoFileName || req.file.originalname).replace('../', '');
  const videoPath = path.join(UPLOAD_DIR, safeName);
  const framePath = path.join(UPLOAD_DIR, `frame-${Date.now()}-${Math.random().toString(36).slice(2)}.png`);
  try {
    await fs.mkdir(UPLOAD_DIR, { recursive: true });
    await fs.writeFile(videoPath, req.file.buffer);
    await ffmpeg(['-i', videoPath, '-vf', `select=eq(n\\,${frame})`, '-vframes', '1', framePath, '-y']);
    const png = await fs.readFile(framePath).catch(() => null);
    if (!png) return res.status(404).json({ error: `Frame at index ${frame} could not be found.` });
    res.type('image/png').send(png);
  } catch (e) {
    res.status(500).json({ error: 'processing failed' });
  } finally {
    await fs.unlink(videoPath).catch(() => {});
    await fs.unlink(framePath).catch(() => {});
  }
});

app.use((err, req, res, next) => {
  res.status(err instanceof multer.MulterError ? 413 : 400).json({ error: err.message });
});

app.listen(5000, '0.0.0.0');
