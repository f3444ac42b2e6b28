<?php

namespace App\Providers;

use Illuminate\Support\Facades\DB;
use Illuminate\Support\ServiceProvider;

class AppServiceProvider extends ServiceProvider
{
    public function register()
    {
        //
    }

    /** Creates the database file and the tables on first use. */
    public function boot()
    {
        $path = env('DB_DATABASE', '/app/db.sqlite3');
        if (!file_exists($path)) {
            touch($path);
        }
        DB::statement('CREATE TABLE IF NOT EXISTS entries (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            content TEXT NOT NULL,
            last_modified_by TEXT NOT NULL,
            last_modified_at TEXT NOT NULL
        )');
        DB::statement('CREATE TABLE IF NOT EXISTS edits (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            entry_id TEXT NOT NULL,
            old_content TEXT,
            new_content TEXT NOT NULL,
            summary TEXT NOT NULL,
            modified_by TEXT NOT NULL,
            modified_at TEXT NOT NULL
        )');
    }
}
