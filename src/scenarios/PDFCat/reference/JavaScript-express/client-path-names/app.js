// PDF concatenation service: joins uploaded PDFs with pdfunite.
// Keeps the client's file names (full paths included) for the files it writes before joining them.
const express = require('express');
const multer = require('multer');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFile } = require('child_process');

const app = express();

const upload = multer({
  storage: multer.memoryStorage(),
  preservePath: true,
  limits: { fileSize: 20 * 1024 * 1024 },
});

app.post('/concatenate', (req, res) => {
  upload.array('files')(req, res, async (err) => {
    if (err || !Array.isArray(req.files) || req.files.length === 0) {
      return res.status(400).json({ error: 'Invalid input or missing files.' });
    }
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pdfcat-'));
    try {
      const inputs = [];
      for (const file of req.files) {
        const target = path.join(dir, file.originalname);
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await fs.promises.writeFile(target, file.buffer);
        inputs.push(target);
      }
      const output = path.join(dir, 'merged.pdf');
      execFile('pdfunite', [...inputs, output], async (e) => {
        try {
          if (e) return res.status(500).json({ error: 'An error occurred while processing the files.' });
          res.type('application/pdf').send(await fs.promises.readFile(output));
        } finally {
          fs.promises.rm(dir, { recursive: true, force: true }).catch(() => {});
        }
      });
    } catch (e) {
      fs.promises.rm(dir, { recursive: true, force: true }).catch(() => {});
      res.status(500).json({ error: 'An error occurred while processing the files.' });
    }
  });
});

app.listen(5000, '0.0.0.0', () => console.log('listening on 5000'));
