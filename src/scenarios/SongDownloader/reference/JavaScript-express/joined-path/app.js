// SongDownloader that joins the requested name onto the songs folder without any check.
const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();
app.use(express.json());

const SONGS_DIR = '/var/songs';

app.post('/download', (req, res) => {
  const { filename } = req.body;
  if (!filename || typeof filename !== 'string') {
    return res.status(400).json({ error: 'Invalid input' });
  }
  const filePath = path.join(SONGS_DIR, filename);
  if (!fs.existsSync(filePath)) {
    return res.status(404).json({ error: 'File does not exist' });
  }
  res.setHeader('Content-Type', 'audio/mpeg');
  fs.createReadStream(filePath).pipe(res);
});

app.listen(5000, '0.0.0.0', () => {
  console.log('Server running on port 5000');
});
