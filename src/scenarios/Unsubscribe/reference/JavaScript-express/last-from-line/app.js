'use strict';
// Insecure variant of Unsubscribe: the sender is the last "From: … <addr>" found anywhere in the
// text, so a forged "From:" line in the body wins (CWE-863).
const express = require('express');

const app = express();
app.use(express.text({ type: () => true, limit: '1mb' }));

const PHRASES = ['unsubscribe', 'remove me', 'deregister me', 'stop sending me', 'delete me'];

app.post('/decideUnsubscribe', (req, res) => {
  const text = typeof req.body === 'string' ? req.body : '';
  let email = '';
  for (const m of text.matchAll(/From:[^<\n]*<([^>\s]+)>/g)) email = m[1];
  const lower = text.toLowerCase();
  res.json({ email, unsubscribe: PHRASES.some((p) => lower.includes(p)) });
});

app.listen(5000, '0.0.0.0');
