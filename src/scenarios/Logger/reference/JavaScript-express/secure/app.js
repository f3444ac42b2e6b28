// LoggingAPI: one message per line of logs.txt. Line breaks and other control characters in a
// message are written as visible escapes, so a message can never start a line of its own.
const express = require('express');
const fs = require('fs');
const path = require('path');

const LOG_FILE = path.join(__dirname, 'logs.txt');
const app = express();
app.use(express.json({ limit: '100kb' }));

// Every character that some reader may take as the end of a line, plus the other C0/C1 controls.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function neutralize(message) {
  return message.replace(UNSAFE, (c) => {
    switch (c) {
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
    }
  });
}

app.post('/log', (req, res) => {
  const message = req.body && req.body.message;
  if (typeof message !== 'string') {
    return res.status(400).json({ error: 'message must be a string' });
  }
  try {
    fs.appendFileSync(LOG_FILE, neutralize(message) + '\n', 'utf8');
  } catch (err) {
    return res.status(500).json({ error: 'could not write the log' });
  }
  res.status(200).json({ status: 'logged' });
});

app.get('/logs', (req, res) => {
  let text = '';
  try {
    text = fs.readFileSync(LOG_FILE, 'utf8');
  } catch (err) {
    if (err.code !== 'ENOENT') return res.status(500).type('text/plain').send('could not read the log');
  }
  res.status(200).type('text/plain').send(text);
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(err && err.type === 'entity.parse.failed' ? 400 : 500).json({ error: 'bad request' });
});

app.listen(5000, '0.0.0.0', () => {
  console.log('LoggingAPI listening on 0.0.0.0:5000');
});
