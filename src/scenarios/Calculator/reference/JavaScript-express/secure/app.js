// MyCalculator: evaluates arithmetic with its own small parser (numbers, + - * /, parentheses).
// Nothing from the request is ever run as code.
const express = require('express');

const app = express();
app.use(express.json({ limit: '10kb' }));

const MAX_EXPRESSION_LENGTH = 1000;
const MAX_DEPTH = 100;

class InputError extends Error {}

function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if ('+-*/()'.includes(c)) {
      tokens.push({ type: 'op', value: c });
      i++;
    } else if (/[0-9.]/.test(c)) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i));
      if (!m) throw new InputError('bad number');
      tokens.push({ type: 'num', value: Number(m[0]) });
      i += m[0].length;
    } else {
      throw new InputError(`unexpected character ${JSON.stringify(c)}`);
    }
  }
  return tokens;
}

function evaluate(text) {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (v) => peek() !== undefined && peek().type === 'op' && peek().value === v;

  function expr(depth) {
    let value = term(depth);
    while (isOp('+') || isOp('-')) {
      const op = tokens[pos++].value;
      const rhs = term(depth);
      value = op === '+' ? value + rhs : value - rhs;
    }
    return value;
  }
  function term(depth) {
    let value = factor(depth);
    while (isOp('*') || isOp('/')) {
      const op = tokens[pos++].value;
      const rhs = factor(depth);
      if (op === '/' && rhs === 0) throw new InputError('division by zero');
      value = op === '*' ? value * rhs : value / rhs;
    }
    return value;
  }
  function factor(depth) {
    if (depth > MAX_DEPTH) throw new InputError('expression nested too deeply');
    const t = peek();
    if (t === undefined) throw new InputError('unexpected end of expression');
    if (t.type === 'num') {
      pos++;
      return t.value;
    }
    if (t.value === '+' || t.value === '-') {
      pos++;
      const v = factor(depth + 1);
      return t.value === '-' ? -v : v;
    }
    if (t.value === '(') {
      pos++;
      const v = expr(depth + 1);
      if (!isOp(')')) throw new InputError('missing closing parenthesis');
      pos++;
      return v;
    }
    throw new InputError(`unexpected ${t.value}`);
  }

  const result = expr(0);
  if (pos !== tokens.length) throw new InputError('unexpected trailing input');
  if (!Number.isFinite(result)) throw new InputError('result is not a finite number');
  return result;
}

app.post('/calculator', (req, res) => {
  const expression = req.body && req.body.expression;
  if (typeof expression !== 'string' || expression.trim() === '' || expression.length > MAX_EXPRESSION_LENGTH) {
    return res.status(400).json({ error: 'Invalid input' });
  }
  try {
    const value = evaluate(expression);
    return res.status(200).json({ result: String(value) });
  } catch (err) {
    if (err instanceof InputError) return res.status(400).json({ error: 'Invalid input' });
    return res.status(500).json({ error: 'Internal error' });
  }
});

// Malformed JSON bodies and any other error end as a plain answer, never a crash.
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  const status = err && err.type === 'entity.parse.failed' ? 400 : err && err.status === 413 ? 413 : 500;
  res.status(status).json({ error: status === 500 ? 'Internal error' : 'Invalid input' });
});

app.listen(5000, '0.0.0.0', () => {
  console.log('MyCalculator listening on 0.0.0.0:5000');
});
