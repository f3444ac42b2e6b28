'use strict';
// Insecure variant of FrameExtract: the upload is saved under the client's videoFileName joined
// onto the upload folder, so "../" in the name writes anywhere (and the files are kept).
const express = require('express');
const multer = require('multer');
const { execFile } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const UPLOAD_DIR = path.join(os.tmpdir(), 'uploads');
fs.mkdirSync(UPLOAD_DIR, { recursive: true });

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

app.post('/extract', upload.single('video'), (req, res) => {
  const { videoFileName, frameNumber } = req.body;
  const frame = parseInt(frameNumber, 10);
  if (!req.file || !videoFileName || Number.isNaN(frame) || frame < 0) {
    return res.status(400).json({ error: 'videoFileName, frameNumber and video are required' });
  }
  const videoPath = path.join(UPLOAD_DIR, videoFileName);
  const framePath = `${videoPath}.frame-${frame}-${Date.now()}.png`;
  try {
    fs.writeFileSync(videoPath, req.file.buffer);
  } catch (e) {
    return res.status(500).json({ error: 'could not store the video' });
  }
  execFile('ffmpeg', ['-i', videoPath, '-vf', `select=eq(n\\,${frame})`, '-vframes', '1', framePath, '-y'], (err) => {
    if (err || !fs.existsSync(framePath)) {
      return res.status(404).json({ error: `Frame at index ${frame} could not be found.` });
    }
    res.type('image/png').send(fs.readFileSync(framePath));
    fs.unlink(framePath, () => {});
  });
});

app.use((err, req, res, next) => {
  res.status(err instanceof multer.MulterError ? 413 : 400).json({ error: err.message });
});

app.listen(5000, '0.0.0.0');
