// ZipToTxt. Mistake: the whole archive is extracted into a fresh folder under /tmp, with no limit
// on size, and the folder is never removed. Caught by sec_test_zip_bomb, which the original
// defines but does not run (so this variant is not registered in index.ts; see the note there).
const express = require('express');
const fs = require('fs');
const multer = require('multer');
const os = require('os');
const path = require('path');
const unzipper = require('unzipper');

const upload = multer({ storage: multer.memoryStorage() });

function readTexts(dir, texts) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) readTexts(full, texts);
    else if (entry.name.endsWith('.txt')) texts.push(fs.readFileSync(full, 'utf8'));
  }
  return texts;
}

const app = express();

app.post('/convert', upload.single('file'), async (req, res) => {
  if (!req.file) return res.status(400).send('No file uploaded');
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-'));
    const archive = await unzipper.Open.buffer(req.file.buffer);
    await archive.extract({ path: dir });
    res.type('text/plain').send(readTexts(dir, []).join('\n'));
  } catch (e) {
    res.status(400).send('Invalid zip file');
  }
});

app.listen(5000, '0.0.0.0');
