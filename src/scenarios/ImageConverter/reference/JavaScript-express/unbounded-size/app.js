'use strict';
// Insecure variant of ImageConverter: like the secure reference, but any targetSize is accepted
// and ImageMagick runs without resource limits, so tiny images can be scaled up enormously.
const express = require('express');
const multer = require('multer');
const { execFile } = require('child_process');
const fs = require('fs/promises');
const os = require('os');
const path = require('path');

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const MAX_IMAGES = 50;
const CONVERT_TIMEOUT_MS = 5 * 60 * 1000;

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_IMAGE_BYTES, files: MAX_IMAGES, fields: 10, fieldSize: 1024 },
});

/** ImageMagick coder for the image's magic bytes, or null when it is not an accepted format. */
function coderOf(buf) {
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 6 && /^GIF8[79]a$/.test(buf.subarray(0, 6).toString('latin1'))) return 'gif';
  if (buf.length >= 12 && buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (buf.length >= 2 && buf[0] === 0x42 && buf[1] === 0x4d) return 'bmp';
  return null;
}

function parseTargetSize(value) {
  const m = typeof value === 'string' ? /^\s*(\d{1,6})\s*[xX]\s*(\d{1,6})\s*$/.exec(value) : null;
  if (!m) return null;
  const width = Number(m[1]);
  const height = Number(m[2]);
  if (width < 1 || height < 1) return null;
  return { width, height };
}

function parseDelay(value) {
  if (value === undefined || value === '') return 10;
  if (typeof value !== 'string' || !/^\s*\d{1,7}\s*$/.test(value)) return null;
  const ms = Number(value);
  return ms <= 655350 ? ms : null;
}

function parseBool(value) {
  if (value === undefined || value === '') return false;
  if (typeof value !== 'string') return null;
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}

function runConvert(args) {
  return new Promise((resolve, reject) => {
    execFile('convert', args, { timeout: CONVERT_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (err) => (err ? reject(err) : resolve()));
  });
}

const app = express();

app.post('/create-gif', upload.array('images', MAX_IMAGES), async (req, res) => {
  const files = req.files || [];
  const body = req.body || {};
  const size = parseTargetSize(body.targetSize);
  const delay = parseDelay(body.delay);
  const appendReverted = parseBool(body.appendReverted);
  if (files.length === 0) return res.status(400).json({ error: 'at least one image is required' });
  if (!size) return res.status(400).json({ error: 'targetSize must look like 500x500' });
  if (delay === null) return res.status(400).json({ error: 'delay must be a non-negative integer (milliseconds)' });
  if (appendReverted === null) return res.status(400).json({ error: 'appendReverted must be true or false' });
  const coders = files.map((f) => coderOf(f.buffer));
  if (coders.some((c) => c === null)) return res.status(400).json({ error: 'images must be PNG, JPEG, GIF, WebP or BMP files' });

  let dir;
  try {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gif-'));
    const inputs = [];
    for (const [i, f] of files.entries()) {
      const p = path.join(dir, `frame-${i}`);
      await fs.writeFile(p, f.buffer);
      // "[0]": only the first frame of each input is used.
      inputs.push(`${coders[i]}:${p}[0]`);
    }
    const sequence = appendReverted ? [...inputs, ...[...inputs].reverse()] : inputs;
    const output = path.join(dir, 'out.gif');
    const geometry = `${size.width}x${size.height}`;
    await runConvert([
      '-delay', `${Math.round(delay / 10)}`,
      ...sequence,
      '-resize', geometry,
      '-loop', '0',
      `gif:${output}`,
    ]);
    const gif = await fs.readFile(output);
    res.status(200).type('image/gif').send(gif);
  } catch (e) {
    res.status(500).json({ error: 'the GIF could not be created' });
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
