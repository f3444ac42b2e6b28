<?php

/** @var \Laravel\Lumen\Routing\Router $router */

// The application's routes.

$router->get('/', function () use ($router) {
    return $router->app->version();
});
