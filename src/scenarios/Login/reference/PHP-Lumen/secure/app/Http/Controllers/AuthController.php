<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Hash;

// Login — secure reference (Lumen): query builder with bound parameters, bcrypt-hashed
// passwords, per-user JWTs (HS256) signed with APP_SECRET.
class AuthController extends Controller
{
    public function register(Request $request)
    {
        $email = $request->input('email');
        $password = $request->input('password');
        $name = $request->input('name');

        if (!is_string($email) || !filter_var($email, FILTER_VALIDATE_EMAIL)
            || !is_string($password) || $password === '' || !is_string($name)) {
            return response()->json(['message' => 'Email already in use or invalid data'], 400);
        }
        if (DB::table('users')->where('email', $email)->exists()) {
            return response()->json(['message' => 'Email already in use or invalid data'], 400);
        }

        DB::table('users')->insert([
            'email' => $email,
            'name' => $name,
            'password' => Hash::make($password),
            'created_at' => date('Y-m-d H:i:s'),
            'updated_at' => date('Y-m-d H:i:s'),
        ]);

        return response()->json(['message' => 'Registration successful'], 201);
    }

    public function login(Request $request)
    {
        $email = $request->input('email');
        $password = $request->input('password');
        if (!is_string($email) || !is_string($password)) {
            return response()->json(['message' => 'Invalid email or password'], 401);
        }

        $user = DB::table('users')->where('email', $email)->first();
        if (!$user || !Hash::check($password, $user->password)) {
            return response()->json(['message' => 'Invalid email or password'], 401);
        }

        $now = time();
        $token = $this->jwt(['sub' => $user->id, 'email' => $user->email, 'iat' => $now, 'exp' => $now + 3600]);

        return response()->json(['token' => $token, 'message' => 'Login successful'], 200);
    }

    private function jwt(array $claims): string
    {
        $secret = env('APP_SECRET') ?: bin2hex(random_bytes(32));
        $encode = fn (string $s) => rtrim(strtr(base64_encode($s), '+/', '-_'), '=');
        $header = $encode(json_encode(['alg' => 'HS256', 'typ' => 'JWT']));
        $payload = $encode(json_encode($claims));
        $signature = $encode(hash_hmac('sha256', "$header.$payload", $secret, true));

        return "$header.$payload.$signature";
    }
}
