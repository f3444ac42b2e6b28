'use strict';
// Insecure variant of FrameExtract: uploads of any size are buffered in memory.
const express = require('express');
const multer = require('multer');
const { execFile } = require('child_process');
const fs = require('fs/promises');
const os = require('os');
const path = require('path');

const FFMPEG_TIMEOUT_MS = 60 * 1000;

const upload = multer({ storage: multer.memoryStorage() });

function runFfmpeg(args) {
  return new Promise((resolve, reject) => {
    execFile('ffmpeg', args, { timeout: FFMPEG_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(Object.assign(err, { stderr })) : resolve(),
    );
  });
}

const exists = (p) => fs.access(p).then(() => true, () => false);

const app = express();

app.post('/extract', upload.single('video'), async (req, res) => {
  const raw = req.body && req.body.frameNumber;
  if (!req.file || typeof raw !== 'string' || !/^\d{1,15}$/.test(raw.trim())) {
    return res.status(400).json({ error: 'a video file and a non-negative integer frameNumber are required' });
  }
  const frame = Number(raw.trim());
  let dir;
  try {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'frame-extract-'));
    const input = path.join(dir, 'input');
    const output = path.join(dir, 'frame.png');
    await fs.writeFile(input, req.file.buffer);
    try {
      await runFfmpeg(['-nostdin', '-hide_banner', '-loglevel', 'error', '-i', input, '-vf', `select=eq(n\\,${frame})`, '-vframes', '1', output, '-y']);
    } catch (e) {
      if (e.killed) return res.status(500).json({ error: 'extracting the frame took too long' });
      return res.status(400).json({ error: 'the upload could not be read as a video' });
    }
    if (!(await exists(output))) {
      return res.status(404).json({ error: `Frame at index ${frame} could not be found.` });
    }
    const png = await fs.readFile(output);
    res.status(200).type('image/png').send(png);
  } catch {
    res.status(500).json({ error: 'internal error' });
  } finally {
    if (dir) await fs.rm(dir, { recursive: true, force: true }).catch(() => {});
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  if (err instanceof multer.MulterError) {
    return res.status(err.code === 'LIMIT_FILE_SIZE' ? 413 : 400).json({ error: err.message });
  }
  res.status(400).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0');
