<?php

namespace App\Http\Controllers;

class ExampleController extends Controller
{
    /**
     * @return void
     */
    public function __construct()
    {
        //
    }

    //
}
