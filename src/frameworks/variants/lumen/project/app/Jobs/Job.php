<?php

namespace App\Jobs;

use Illuminate\Bus\Queueable;
use Illuminate\Contracts\Queue\ShouldQueue;
use Illuminate\Queue\InteractsWithQueue;
use Illuminate\Queue\SerializesModels;

abstract class Job implements ShouldQueue
{
    // What every job shares: queue helpers (onQueue, delay …) and model serialization.
    use InteractsWithQueue, Queueable, SerializesModels;
}
