<?php

namespace App\Jobs;

class ExampleJob extends Job
{
    /**
     * @return void
     */
    public function __construct()
    {
        //
    }

    /**
     * @return void
     */
    public function handle()
    {
        //
    }
}
