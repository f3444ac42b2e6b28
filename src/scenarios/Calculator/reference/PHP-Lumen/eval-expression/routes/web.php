<?php

/** @var \Laravel\Lumen\Routing\Router $router */

$router->post('/calculator', 'CalculatorController@calculate');
