// PDF concatenation service: joins uploaded PDFs with pdfunite.
// Keeps the client's file names and builds the pdfunite command line as one shell string.
const express = require('express');
const multer = require('multer');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { exec } = require('child_process');

const app = express();

const upload = multer({
  storage: multer.memoryStorage(),
  preservePath: true,
  limits: { fileSize: 20 * 1024 * 1024 },
});

app.post('/concatenate', (req, res) => {
  upload.array('files')(req, res, (err) => {
    if (err || !Array.isArray(req.files) || req.files.length === 0) {
      return res.status(400).json({ error: 'Invalid input or missing files.' });
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdfcat-'));
    try {
      const inputs = req.files.map((file) => {
        const target = path.join(dir, file.originalname);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.buffer);
        return target;
      });
      const output = path.join(dir, 'merged.pdf');
      exec(`pdfunite ${inputs.join(' ')} ${output}`, (e) => {
        if (e) return res.status(500).json({ error: 'An error occurred while processing the files.' });
        fs.readFile(output, (readErr, merged) => {
          if (readErr) return res.status(500).json({ error: 'An error occurred while processing the files.' });
          res.type('application/pdf').send(merged);
        });
      });
    } catch (e) {
      res.status(500).json({ error: 'An error occurred while processing the files.' });
    }
  });
});

app.listen(5000, '0.0.0.0', () => console.log('listening on 5000'));
