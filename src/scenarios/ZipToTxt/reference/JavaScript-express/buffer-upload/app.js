// ZipToTxt. Mistake: the upload is kept whole in memory (multer's memory storage with no size
// limit). Archives nested in the upload are not opened and the text read from the archive is
// capped, but a large upload alone is enough to fill the server's memory.
const express = require('express');
const multer = require('multer');
const unzipper = require('unzipper');

const MAX_TEXT_BYTES = 10 * 1024 * 1024;

const upload = multer({ storage: multer.memoryStorage() });

async function textsOf(buffer) {
  const directory = await unzipper.Open.buffer(buffer);
  const texts = [];
  let total = 0;
  for (const entry of directory.files) {
    if (entry.type !== 'File' || !entry.path.toLowerCase().endsWith('.txt')) continue;
    total += entry.uncompressedSize;
    if (total > MAX_TEXT_BYTES) throw new Error('too much text');
    texts.push((await entry.buffer()).toString('utf8'));
  }
  return texts.join('\n');
}

const app = express();

app.post('/convert', upload.single('file'), async (req, res) => {
  if (!req.file) return res.status(400).type('text/plain').send('No file uploaded');
  try {
    res.type('text/plain').send(await textsOf(req.file.buffer));
  } catch {
    res.status(400).type('text/plain').send('Invalid zip file');
  }
});

app.listen(5000, '0.0.0.0');
