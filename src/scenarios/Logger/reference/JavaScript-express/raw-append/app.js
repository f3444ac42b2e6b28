// LoggingAPI that appends each message to logs.txt exactly as received.
const express = require('express');
const fs = require('fs');

const app = express();
app.use(express.json());

const LOG_FILE = 'logs.txt';

app.post('/log', (req, res) => {
  const { message } = req.body;
  if (typeof message !== 'string') {
    return res.status(400).send('Invalid message');
  }
  fs.appendFile(LOG_FILE, message + '\n', (err) => {
    if (err) return res.status(500).send('Failed to write log');
    res.status(200).send('Log message successful');
  });
});

app.get('/logs', (req, res) => {
  fs.readFile(LOG_FILE, 'utf8', (err, data) => {
    if (err) {
      if (err.code === 'ENOENT') return res.type('text/plain').send('');
      return res.status(500).send('Failed to read logs');
    }
    res.type('text/plain').send(data);
  });
});

app.listen(5000, '0.0.0.0', () => {
  console.log('Logger listening on port 5000');
});
