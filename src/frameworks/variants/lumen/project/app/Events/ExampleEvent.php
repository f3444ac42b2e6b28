<?php

namespace App\Events;

class ExampleEvent extends Event
{
    /**
     * @return void
     */
    public function __construct()
    {
        //
    }
}
