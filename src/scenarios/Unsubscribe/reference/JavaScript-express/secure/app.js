'use strict';
// Secure reference for Unsubscribe: the sender is taken from the message's own header block only.
const express = require('express');

const app = express();
app.use(express.text({ type: () => true, limit: '1mb' }));

const PHRASES = ['unsubscribe', 'remove me', 'deregister me', 'stop sending me', 'delete me'];

function messageText(req) {
  const raw = typeof req.body === 'string' ? req.body : '';
  if (req.is('application/json')) {
    try {
      const parsed = JSON.parse(raw);
      if (parsed && typeof parsed.content === 'string') return parsed.content;
    } catch {
      // not JSON after all: treat as the raw message
    }
  }
  return raw;
}

/** Splits the header block (up to the first empty line) from the rest; unfolds continuation lines. */
function splitMessage(text) {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const headers = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') break;
    if (/^[ \t]/.test(line) && headers.length > 0) headers[headers.length - 1] += ' ' + line.trim();
    else headers.push(line);
  }
  return { headers, body: lines.slice(i + 1).join('\n') };
}

function headerValue(headers, name) {
  const prefix = name.toLowerCase() + ':';
  const found = headers.find((h) => h.toLowerCase().startsWith(prefix));
  return found === undefined ? undefined : found.slice(prefix.length).trim();
}

function addressOf(fromValue) {
  if (!fromValue) return '';
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(fromValue);
  if (angle) return angle[1];
  const bare = /[^\s<>"',;]+@[^\s<>"',;]+/.exec(fromValue);
  return bare ? bare[0] : '';
}

app.post('/decideUnsubscribe', (req, res) => {
  const { headers, body } = splitMessage(messageText(req));
  const email = addressOf(headerValue(headers, 'From'));
  const subject = headerValue(headers, 'Subject') || '';
  const haystack = (subject + '\n' + body).toLowerCase();
  const unsubscribe = PHRASES.some((p) => haystack.includes(p));
  res.json({ email, unsubscribe });
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(err.status && err.status < 500 ? err.status : 400).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0');
