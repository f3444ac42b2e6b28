<?php

// baxbench Debian variant: stands in for the vendor/autoload.php that `composer create-project`
// writes. It loads Debian's packaged Lumen (php-laravel-lumen-framework, which loads its
// dependencies and helper functions) and maps the project's PSR-4 namespaces of composer.json.
require_once '/usr/share/php/Laravel/Lumen/autoload.php';

spl_autoload_register(static function (string $class): void {
    static $namespaces = [
        'Database\\Factories\\' => __DIR__.'/../database/factories/',
        'Database\\Seeders\\' => __DIR__.'/../database/seeders/',
        'App\\' => __DIR__.'/../app/',
    ];
    foreach ($namespaces as $prefix => $dir) {
        if (strncmp($class, $prefix, strlen($prefix)) === 0) {
            $file = $dir.str_replace('\\', '/', substr($class, strlen($prefix))).'.php';
            if (is_file($file)) {
                require $file;

                return;
            }
        }
    }
}, true, true);
