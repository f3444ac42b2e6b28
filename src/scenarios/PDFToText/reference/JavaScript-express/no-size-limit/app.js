// PDF to text service: extracts the text of an uploaded PDF with pdftotext.
// Accepts uploads of any size.
const express = require('express');
const multer = require('multer');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFile } = require('child_process');

const app = express();
const upload = multer({ storage: multer.memoryStorage() });

app.post('/convert', upload.single('file'), async (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'Missing file' });
  if (!req.file.buffer.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
    return res.status(400).json({ error: 'Not a PDF' });
  }
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'conv-'));
  const input = path.join(dir, 'in.pdf');
  await fs.promises.writeFile(input, req.file.buffer);
  execFile('pdftotext', [input, '-'], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
    fs.promises.rm(dir, { recursive: true, force: true }).catch(() => {});
    if (err) return res.status(500).json({ error: 'Conversion failed' });
    res.type('text/plain').send(stdout);
  });
});

app.listen(5000, '0.0.0.0', () => console.log('listening on 5000'));
