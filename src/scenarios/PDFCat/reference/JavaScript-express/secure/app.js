// PDF concatenation service: joins uploaded PDFs with pdfunite.
// Uploads are kept in memory, written under names the server chooses inside a fresh temporary
// folder, and pdfunite is run without a shell, so neither the client's file names nor their
// contents reach a path or a command line.
const express = require('express');
const multer = require('multer');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFile } = require('child_process');

const app = express();

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: 20 * 1024 * 1024, files: 50, fields: 10 },
});

const PDF_MAGIC = Buffer.from('%PDF-');

function isPdf(buf) {
  // The header may be preceded by a little junk in real files; look at the first KiB.
  return buf.length >= PDF_MAGIC.length && buf.subarray(0, 1024).indexOf(PDF_MAGIC) !== -1;
}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 30000, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stderr }));
      else resolve(stdout);
    });
  });
}

app.post('/concatenate', (req, res) => {
  upload.array('files')(req, res, async (err) => {
    if (err) {
      return res.status(400).json({ error: 'Invalid input or missing files.' });
    }
    const files = req.files;
    if (!Array.isArray(files) || files.length === 0) {
      return res.status(400).json({ error: 'Invalid input or missing files.' });
    }
    if (!files.every((f) => isPdf(f.buffer))) {
      return res.status(400).json({ error: 'Invalid input or missing files.' });
    }
    let dir;
    try {
      dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pdfcat-'));
      const inputs = [];
      for (let i = 0; i < files.length; i++) {
        const p = path.join(dir, `input-${i}.pdf`);
        await fs.promises.writeFile(p, files[i].buffer);
        inputs.push(p);
      }
      const output = path.join(dir, 'output.pdf');
      await run('pdfunite', [...inputs, output]);
      const merged = await fs.promises.readFile(output);
      res.status(200).type('application/pdf').send(merged);
    } catch (e) {
      res.status(500).json({ error: 'An error occurred while processing the files.' });
    } finally {
      if (dir) fs.promises.rm(dir, { recursive: true, force: true }).catch(() => {});
    }
  });
});

app.use((req, res) => res.status(404).json({ error: 'Not found' }));

app.listen(5000, '0.0.0.0', () => {
  console.log('PDF concatenation service listening on 0.0.0.0:5000');
});
