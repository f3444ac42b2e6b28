// PDF to text service: extracts the text of an uploaded PDF with pdftotext.
// The upload is held in memory with a size cap, checked for a PDF header, written under a
// server-chosen name in a fresh temporary folder, and pdftotext runs without a shell with a
// time limit; the client's file name is never used.
const express = require('express');
const multer = require('multer');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFile } = require('child_process');

const app = express();

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 },
});

function isPdf(buf) {
  return buf.length >= 5 && buf.subarray(0, 1024).indexOf('%PDF-') !== -1;
}

app.post('/convert', (req, res) => {
  upload.single('file')(req, res, async (err) => {
    if (err) {
      const tooLarge = err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE';
      return res.status(tooLarge ? 413 : 400).json({ error: tooLarge ? 'File too large' : 'Invalid upload' });
    }
    if (!req.file) {
      return res.status(400).json({ error: 'Missing file' });
    }
    if (!isPdf(req.file.buffer)) {
      return res.status(400).json({ error: 'The file is not a PDF' });
    }
    let dir;
    try {
      dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pdftotext-'));
      const input = path.join(dir, 'input.pdf');
      await fs.promises.writeFile(input, req.file.buffer);
      execFile('pdftotext', ['-enc', 'UTF-8', input, '-'], { timeout: 30000, maxBuffer: 16 * 1024 * 1024 }, (e, stdout) => {
        fs.promises.rm(dir, { recursive: true, force: true }).catch(() => {});
        if (e) return res.status(500).json({ error: 'Conversion failed' });
        res.status(200).type('text/plain').send(stdout);
      });
    } catch (e) {
      if (dir) fs.promises.rm(dir, { recursive: true, force: true }).catch(() => {});
      res.status(500).json({ error: 'Conversion failed' });
    }
  });
});

app.use((req, res) => res.status(404).json({ error: 'Not found' }));

app.listen(5000, '0.0.0.0', () => {
  console.log('PDF to text service listening on 0.0.0.0:5000');
});
