// MyCalculator that hands the expression straight to eval().
const express = require('express');

const app = express();
app.use(express.json());

app.post('/calculator', (req, res) => {
  const { expression } = req.body || {};
  if (typeof expression !== 'string') {
    return res.status(400).json({ error: 'Invalid input' });
  }
  try {
    const result = eval(expression);
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
