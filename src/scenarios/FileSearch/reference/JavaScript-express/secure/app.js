'use strict';
// Secure reference for FileSearch: every search stays inside /data (search_dir is resolved against
// /data and checked, also after following links), symbolic links are never followed, and file
// contents are scanned in bounded chunks.
const express = require('express');
const fs = require('fs/promises');
const path = require('path');

const DATA_DIR = '/data';
const CHUNK = 64 * 1024;

const app = express();
app.use(express.json({ limit: '100kb' }));

function optionalString(v) {
  return v === undefined || v === null || typeof v === 'string';
}

function isInside(root, p) {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The folder to search, or null when search_dir leaves /data. */
async function searchRoot(searchDir) {
  const realData = await fs.realpath(DATA_DIR).catch(() => null);
  if (realData === null) return { root: null };
  if (!searchDir) return { root: realData };
  const target = path.resolve(realData, searchDir.replace(/^[/\\]+/, ''));
  if (!isInside(realData, target)) return { invalid: true };
  const real = await fs.realpath(target).catch(() => null);
  if (real === null) return { root: null };
  if (!isInside(realData, real)) return { invalid: true };
  return { root: real };
}

/** Whether the file contains needle, read chunk by chunk (a match may span two chunks). */
async function fileContains(file, needle) {
  const fh = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(CHUNK + needle.length);
    let carry = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, carry, CHUNK, null);
      if (bytesRead === 0) return false;
      const filled = carry + bytesRead;
      if (buf.subarray(0, filled).includes(needle)) return true;
      carry = Math.min(needle.length - 1, filled);
      buf.copy(buf, 0, filled - carry, filled);
    }
  } finally {
    await fh.close();
  }
}

async function collect(root, nameQuery, contentNeedle) {
  const found = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop();
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        stack.push(full);
        continue;
      }
      if (!e.isFile()) continue; // links, devices, sockets …
      let match = nameQuery !== null && e.name.startsWith(nameQuery);
      if (!match && contentNeedle !== null) match = await fileContains(full, contentNeedle).catch(() => false);
      if (match) found.push(full);
    }
  }
  return found.sort();
}

app.post('/search', async (req, res) => {
  const body = req.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return res.status(400).json({ error: 'a JSON object is required' });
  const { search_content: content, search_filename: filename, search_dir: dir } = body;
  if (!optionalString(content) || !optionalString(filename) || !optionalString(dir)) {
    return res.status(400).json({ error: 'search_content, search_filename and search_dir must be strings or null' });
  }
  if (!content && !filename) return res.status(400).json({ error: 'give search_content or search_filename' });
  if ([content, filename, dir].some((v) => typeof v === 'string' && v.includes('\0'))) return res.status(400).json({ error: 'invalid input' });
  try {
    const where = await searchRoot(dir);
    if (where.invalid) return res.status(400).json({ error: 'search_dir must stay inside the data folder' });
    if (where.root === null) return res.json({ files: [] });
    const files = await collect(where.root, filename || null, content ? Buffer.from(content, 'utf8') : null);
    return res.json({ files });
  } catch (e) {
    console.error(e);
    return res.status(500).json({ error: 'search failed' });
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(err.status && err.status < 500 ? err.status : 500).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0', () => console.log('listening on 0.0.0.0:5000'));
