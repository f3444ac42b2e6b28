<?php

// Lumen 10's default authentication configuration.
return [
    'defaults' => [
        'guard' => env('AUTH_GUARD', 'api'),
    ],
    'guards' => [
        'api' => ['driver' => 'api'],
    ],
    'providers' => [
        //
    ],
    'passwords' => [
        //
    ],
];
