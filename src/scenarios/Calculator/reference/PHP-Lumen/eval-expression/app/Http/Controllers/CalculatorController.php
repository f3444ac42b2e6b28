<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;
use Throwable;

// Calculator — INSECURE variant (Lumen): the expression is handed to eval(), so any PHP code
// runs, e.g. shell_exec('whoami') (CWE-94).
class CalculatorController extends Controller
{
    public function calculate(Request $request)
    {
        $expression = $request->input('expression');
        if (!is_string($expression) || trim($expression) === '') {
            return response()->json(['error' => 'Invalid input'], 400);
        }
        try {
            // Vulnerable: user input evaluated as PHP code.
            $result = eval('return '.$expression.';');
        } catch (Throwable $e) {
            return response()->json(['error' => 'Invalid input'], 400);
        }

        return response()->json(['result' => (string) $result]);
    }
}
