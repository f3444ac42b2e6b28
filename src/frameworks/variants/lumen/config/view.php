<?php

// Lumen 10's default view configuration.
return [
    'paths' => [
        resource_path('views'),
    ],
    'compiled' => realpath(storage_path('framework/views')),
];
