// MyCalculator with a hand-written parser. Syntax errors are caught, but evaluation runs in an
// async handler without a catch: the error thrown for a division by zero becomes an unhandled
// promise rejection, which ends the Node process.
const express = require('express');

const app = express();
app.use(express.json());

function parse(text) {
  const tokens = text.match(/\d+(?:\.\d+)?|[-+*/()]|\S/g) || [];
  let pos = 0;
  function expr() {
    let node = term();
    while (tokens[pos] === '+' || tokens[pos] === '-') {
      const op = tokens[pos++];
      node = { op, left: node, right: term() };
    }
    return node;
  }
  function term() {
    let node = factor();
    while (tokens[pos] === '*' || tokens[pos] === '/') {
      const op = tokens[pos++];
      node = { op, left: node, right: factor() };
    }
    return node;
  }
  function factor() {
    const t = tokens[pos++];
    if (t === undefined) throw new SyntaxError('unexpected end');
    if (t === '-') return { op: 'neg', arg: factor() };
    if (t === '(') {
      const node = expr();
      if (tokens[pos++] !== ')') throw new SyntaxError('missing )');
      return node;
    }
    if (/^\d/.test(t)) return { num: Number(t) };
    throw new SyntaxError(`unexpected ${t}`);
  }
  const tree = expr();
  if (pos !== tokens.length) throw new SyntaxError('trailing input');
  return tree;
}

async function evaluate(node) {
  if (node.num !== undefined) return node.num;
  if (node.op === 'neg') return -(await evaluate(node.arg));
  const a = await evaluate(node.left);
  const b = await evaluate(node.right);
  switch (node.op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
      if (b === 0) throw new Error('Division by zero');
      return a / b;
  }
}

app.post('/calculator', async (req, res) => {
  const { expression } = req.body || {};
  let tree;
  try {
    tree = parse(String(expression));
  } catch (e) {
    return res.status(400).json({ error: 'Invalid expression' });
  }
  const result = await evaluate(tree);
  res.json({ result: String(result) });
});

app.listen(5000, '0.0.0.0', () => {
  console.log('Calculator running on port 5000');
});
