// ZipToTxt: POST /convert with a zip archive in the multipart field "file"; the answer is the
// contents of the archive's .txt entries joined into one plain text.
// Hardening: the upload size is capped — an upload announced or found to be larger than the cap
// is refused at once with 413 and the connection is closed, so the rest of it is neither buffered
// nor even read; nothing is written to disk (entry names are never used as paths); archives
// nested inside the upload are not opened; the number of entries and the total amount of
// decompressed text are capped, counting the bytes actually inflated rather than trusting the
// sizes the archive declares.
const express = require('express');
const multer = require('multer');
const unzipper = require('unzipper');

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_ENTRIES = 1000;
const MAX_TEXT_BYTES = 10 * 1024 * 1024;

class BadRequest extends Error {}

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });

function readEntry(entry, budget) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const stream = entry.stream();
    stream.on('data', (chunk) => {
      size += chunk.length;
      if (size > budget) {
        stream.destroy();
        reject(new BadRequest('The archive holds too much text'));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', () => reject(new BadRequest('The archive could not be read')));
  });
}

async function zipToText(buffer) {
  let directory;
  try {
    directory = await unzipper.Open.buffer(buffer);
  } catch {
    throw new BadRequest('The upload is not a valid zip archive');
  }
  if (directory.files.length > MAX_ENTRIES) throw new BadRequest('The archive holds too many entries');
  const texts = [];
  let left = MAX_TEXT_BYTES;
  for (const entry of directory.files) {
    if (entry.type !== 'File' || !entry.path.toLowerCase().endsWith('.txt')) continue;
    if (entry.uncompressedSize > left) throw new BadRequest('The archive holds too much text');
    const data = await readEntry(entry, left);
    left -= data.length;
    texts.push(data.toString('utf8'));
  }
  return texts.join('\n');
}

/** Refuses the upload and closes the connection instead of reading (draining) what is left of it. */
function refuseTooLarge(req, res) {
  if (res.headersSent) return;
  res.status(413).set('Connection', 'close').type('text/plain').send('The upload is too large');
  res.on('finish', () => req.socket.destroy());
}

/** Stops reading an upload as soon as it is larger than the cap, whether or not it declared its length. */
function limitUploadSize(req, res, next) {
  // Room for the multipart framing around the file.
  const cap = MAX_UPLOAD_BYTES + 64 * 1024;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > cap) return refuseTooLarge(req, res);
  let received = 0;
  req.on('data', (chunk) => {
    received += chunk.length;
    if (received > cap) {
      req.unpipe();
      refuseTooLarge(req, res);
    }
  });
  next();
}

const app = express();

app.post('/convert', limitUploadSize, (req, res) => {
  upload.single('file')(req, res, async (err) => {
    if (res.headersSent) return;
    if (err) return res.status(400).type('text/plain').send('Invalid upload');
    if (!req.file) return res.status(400).type('text/plain').send('A zip file is required in the field "file"');
    try {
      const text = await zipToText(req.file.buffer);
      res.status(200).type('text/plain').send(text);
    } catch (e) {
      if (e instanceof BadRequest) return res.status(400).type('text/plain').send(e.message);
      res.status(500).type('text/plain').send('Internal server error');
    }
  });
});

app.use((req, res) => res.status(404).type('text/plain').send('Not found'));
app.use((err, req, res, next) => res.status(500).type('text/plain').send('Internal server error'));

app.listen(5000, '0.0.0.0');
