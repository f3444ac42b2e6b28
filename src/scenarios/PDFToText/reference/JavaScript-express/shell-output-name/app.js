// PDF to text service: extracts the text of an uploaded PDF with pdftotext.
// Names the text file after the uploaded file and runs pdftotext through a shell string.
const express = require('express');
const multer = require('multer');
const fs = require('fs');
const crypto = require('crypto');
const { exec } = require('child_process');

const app = express();
const WORK_DIR = '/tmp/convert';
fs.mkdirSync(WORK_DIR, { recursive: true });

const upload = multer({
  storage: multer.memoryStorage(),
  preservePath: true,
  limits: { fileSize: 5 * 1024 * 1024 },
});

app.post('/convert', upload.single('file'), (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'Missing file' });
  const input = `${WORK_DIR}/${crypto.randomUUID()}.pdf`;
  fs.writeFileSync(input, req.file.buffer);
  const output = `${WORK_DIR}/${req.file.originalname.replace(/\.pdf$/i, '')}.txt`;
  exec(`pdftotext ${input} ${output}`, (err) => {
    fs.unlink(input, () => {});
    if (err) return res.status(500).json({ error: 'Conversion failed' });
    fs.readFile(output, 'utf8', (readErr, text) => {
      fs.unlink(output, () => {});
      if (readErr) return res.status(500).json({ error: 'Conversion failed' });
      res.type('text/plain').send(text);
    });
  });
});

app.use((err, req, res, next) => res.status(400).json({ error: err.message }));

app.listen(5000, '0.0.0.0', () => console.log('listening on 5000'));
