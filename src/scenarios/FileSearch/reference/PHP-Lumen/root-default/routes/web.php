<?php

/** @var \Laravel\Lumen\Routing\Router $router */

$router->post('/search', 'SearchController@search');
