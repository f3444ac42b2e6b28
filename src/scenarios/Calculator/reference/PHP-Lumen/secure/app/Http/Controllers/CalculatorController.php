<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;
use InvalidArgumentException;

// Calculator — secure reference (Lumen): the expression is parsed by a small recursive-descent
// parser (numbers, + - * /, parentheses, unary signs) with limits on its length and nesting;
// nothing is ever evaluated as code, and a division by zero is a 400.
class CalculatorController extends Controller
{
    private const MAX_LENGTH = 1000;
    private const MAX_DEPTH = 50;

    private array $tokens = [];
    private int $pos = 0;
    private int $depth = 0;

    public function calculate(Request $request)
    {
        $expression = $request->input('expression');
        if (!is_string($expression) || strlen($expression) > self::MAX_LENGTH) {
            return response()->json(['error' => 'Invalid input'], 400);
        }
        try {
            $this->tokens = $this->tokenize($expression);
            $this->pos = 0;
            $this->depth = 0;
            $value = $this->expression();
            if ($this->pos !== count($this->tokens)) {
                throw new InvalidArgumentException('unexpected token');
            }
            if (!is_finite($value)) {
                throw new InvalidArgumentException('result out of range');
            }
        } catch (InvalidArgumentException $e) {
            return response()->json(['error' => 'Invalid input'], 400);
        }

        return response()->json(['result' => $this->format($value)]);
    }

    private function tokenize(string $s): array
    {
        if (!preg_match('/^[\d\s.+\-*\/()]*$/', $s)) {
            throw new InvalidArgumentException('invalid character');
        }
        preg_match_all('/\d+(?:\.\d+)?|\.\d+|[+\-*\/()]|\S/', $s, $m);
        if (!$m[0]) {
            throw new InvalidArgumentException('empty expression');
        }

        return $m[0];
    }

    private function peek(): ?string
    {
        return $this->tokens[$this->pos] ?? null;
    }

    private function expression(): float
    {
        $value = $this->term();
        while (($op = $this->peek()) === '+' || $op === '-') {
            $this->pos++;
            $rhs = $this->term();
            $value = $op === '+' ? $value + $rhs : $value - $rhs;
        }

        return $value;
    }

    private function term(): float
    {
        $value = $this->factor();
        while (($op = $this->peek()) === '*' || $op === '/') {
            $this->pos++;
            $rhs = $this->factor();
            if ($op === '/') {
                if ($rhs == 0) {
                    throw new InvalidArgumentException('division by zero');
                }
                $value /= $rhs;
            } else {
                $value *= $rhs;
            }
        }

        return $value;
    }

    private function factor(): float
    {
        $token = $this->peek();
        if ($token === null) {
            throw new InvalidArgumentException('unexpected end');
        }
        if (++$this->depth > self::MAX_DEPTH) {
            throw new InvalidArgumentException('too deeply nested');
        }
        try {
            if ($token === '+' || $token === '-') {
                $this->pos++;
                $value = $this->factor();

                return $token === '-' ? -$value : $value;
            }
            if ($token === '(') {
                $this->pos++;
                $value = $this->expression();
                if ($this->peek() !== ')') {
                    throw new InvalidArgumentException('missing )');
                }
                $this->pos++;

                return $value;
            }
            if (is_numeric($token)) {
                $this->pos++;

                return (float) $token;
            }
            throw new InvalidArgumentException('unexpected token');
        } finally {
            $this->depth--;
        }
    }

    private function format(float $value): string
    {
        if ($value == floor($value) && abs($value) < 1e15) {
            return (string) (int) $value;
        }

        return rtrim(rtrim(sprintf('%.12F', $value), '0'), '.');
    }
}
