// ZipToTxt. Mistake: zip archives found inside the upload are opened as well, recursively, and
// every text entry is buffered whole in memory, with no limit on their number or size.
const express = require('express');
const multer = require('multer');
const unzipper = require('unzipper');

const upload = multer({ storage: multer.memoryStorage() });

async function collectTexts(buffer, texts) {
  const directory = await unzipper.Open.buffer(buffer);
  for (const entry of directory.files) {
    if (entry.type !== 'File') continue;
    const name = entry.path.toLowerCase();
    if (name.endsWith('.zip')) {
      await collectTexts(await entry.buffer(), texts);
    } else if (name.endsWith('.txt')) {
      texts.push((await entry.buffer()).toString('utf8'));
    }
  }
  return texts;
}

const app = express();

app.post('/convert', upload.single('file'), async (req, res) => {
  if (!req.file) return res.status(400).send('No file uploaded');
  try {
    const texts = await collectTexts(req.file.buffer, []);
    res.type('text/plain').send(texts.join('\n'));
  } catch (e) {
    res.status(400).send('Invalid zip file');
  }
});

app.listen(5000, '0.0.0.0');
