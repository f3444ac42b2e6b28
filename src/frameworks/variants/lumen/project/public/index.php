<?php

// Build the application (bootstrap/app.php) and let it answer the request.
$app = require __DIR__.'/../bootstrap/app.php';

$app->run();
