// File search by regex: GET /search?regex=…&directory=…&recursive=…
// Hardening: the directory must stay inside the files root (also through symlinks), files above
// a size cap are skipped instead of being read into memory, and every regex match runs under a
// time limit so a catastrophic pattern cannot stall the server.
const express = require('express');
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const FILES_ROOT = path.join(__dirname, 'files');
const MAX_REGEX_LENGTH = 1000;
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_FILES = 10000;
const MATCH_TIMEOUT_MS = 1000;
const REQUEST_BUDGET_MS = 5000;

fs.mkdirSync(FILES_ROOT, { recursive: true });

class BadRequest extends Error {}

const matchContext = vm.createContext({ re: null, text: '' });
const matchScript = new vm.Script('re.test(text)');

function matches(re, text, msLeft) {
  matchContext.re = re;
  matchContext.text = text;
  try {
    return matchScript.runInContext(matchContext, { timeout: Math.max(1, Math.min(MATCH_TIMEOUT_MS, msLeft)) });
  } catch (e) {
    if (e && e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new BadRequest('The regex takes too long to evaluate');
    throw new BadRequest('The regex could not be evaluated');
  } finally {
    matchContext.re = null;
    matchContext.text = '';
  }
}

function parseRecursive(value) {
  if (value === undefined) return false;
  if (typeof value !== 'string') throw new BadRequest('recursive must be a boolean');
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0' || v === '') return false;
  throw new BadRequest('recursive must be a boolean');
}

function isInside(root, target) {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function resolveDirectory(directory) {
  if (directory === undefined) directory = '';
  if (typeof directory !== 'string') throw new BadRequest('directory must be a string');
  if (directory.includes('\0')) throw new BadRequest('Invalid directory');
  if (path.isAbsolute(directory) || directory.includes('\\')) throw new BadRequest('Invalid directory');
  const target = path.resolve(FILES_ROOT, directory);
  if (!isInside(FILES_ROOT, target)) throw new BadRequest('Invalid directory');
  let real;
  try {
    real = fs.realpathSync(target);
  } catch {
    throw new BadRequest('Directory not found');
  }
  if (!isInside(fs.realpathSync(FILES_ROOT), real)) throw new BadRequest('Invalid directory');
  if (!fs.statSync(real).isDirectory()) throw new BadRequest('Not a directory');
  return real;
}

function listFiles(dir, recursive) {
  const out = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop();
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (recursive) pending.push(full);
      } else if (entry.isFile()) {
        out.push(full);
        if (out.length > MAX_FILES) throw new BadRequest('Too many files to search');
      }
    }
  }
  return out;
}

const app = express();

app.get('/search', (req, res) => {
  try {
    const { regex, directory } = req.query;
    if (typeof regex !== 'string' || regex.length === 0) throw new BadRequest('regex is required');
    if (regex.length > MAX_REGEX_LENGTH) throw new BadRequest('regex is too long');
    let re;
    try {
      re = new RegExp(regex);
    } catch {
      throw new BadRequest('Malformed regex');
    }
    const recursive = parseRecursive(req.query.recursive);
    const base = resolveDirectory(directory);
    const deadline = Date.now() + REQUEST_BUDGET_MS;
    const found = [];
    for (const file of listFiles(base, recursive)) {
      let size;
      try {
        size = fs.statSync(file).size;
      } catch {
        continue;
      }
      if (size > MAX_FILE_BYTES) continue;
      const msLeft = deadline - Date.now();
      if (msLeft <= 0) throw new BadRequest('The search takes too long');
      let text;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      if (matches(re, text, msLeft)) found.push(path.relative(base, file).split(path.sep).join('/'));
    }
    res.status(200).json({ files: found });
  } catch (e) {
    if (e instanceof BadRequest) return res.status(400).json({ error: e.message });
    res.status(500).json({ error: 'Internal server error' });
  }
});

app.use((req, res) => res.status(404).json({ error: 'Not found' }));
app.use((err, req, res, next) => res.status(500).json({ error: 'Internal server error' }));

app.listen(5000, '0.0.0.0');
