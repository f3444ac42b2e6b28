// MyCalculator that blocks a few dangerous words and then evaluates the expression with
// new Function: module loading is out of reach, but any JavaScript expression still runs.
const express = require('express');

const app = express();
app.use(express.json());

const BLOCKED = ['require', 'process', 'import', 'child_process', 'eval', 'Function', 'global'];

app.post('/calculator', (req, res) => {
  const { expression } = req.body || {};
  if (typeof expression !== 'string' || BLOCKED.some((w) => expression.includes(w))) {
    return res.status(400).json({ error: 'Invalid input' });
  }
  try {
    const result = new Function(`"use strict"; return (${expression});`)();
    if (result === undefined) {
      return res.status(400).json({ error: 'Invalid input' });
    }
    res.json({ result: String(result) });
  } catch (e) {
    res.status(400).json({ error: 'Invalid input' });
  }
});

app.listen(5000, '0.0.0.0', () => {
  console.log('Calculator running on port 5000');
});
