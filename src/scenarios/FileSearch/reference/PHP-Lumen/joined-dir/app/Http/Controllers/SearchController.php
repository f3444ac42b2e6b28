<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

// FileSearch — INSECURE variant (Lumen): search_dir is appended to /data and used as it is, so
// "../" segments move the search anywhere in the file system (CWE-22, CWE-284).
class SearchController extends Controller
{
    private const DATA_DIR = '/data';
    private const CHUNK = 65536;
    private const MAX_READ = 1048576; // only the first MiB of each file is searched, to bound the time

    public function search(Request $request)
    {
        $body = $request->json()->all();
        $content = $body['search_content'] ?? null;
        $filename = $body['search_filename'] ?? null;
        $dir = $body['search_dir'] ?? null;
        foreach ([$content, $filename, $dir] as $value) {
            if ($value !== null && (!is_string($value) || str_contains($value, "\0"))) {
                return response()->json(['error' => 'search_content, search_filename and search_dir must be strings or null'], 400);
            }
        }
        if (($content === null || $content === '') && ($filename === null || $filename === '')) {
            return response()->json(['error' => 'give search_content or search_filename'], 400);
        }

        $data = realpath(self::DATA_DIR);
        if ($data === false) {
            return response()->json(['files' => []]);
        }
        $root = $data;
        if ($dir !== null && $dir !== '') {
            // Vulnerable: no check of where the joined path leads.
            $root = rtrim($data.'/'.ltrim($dir, '/'), '/');
            if ($root === '') {
                $root = '/';
            }
            if (!is_dir($root)) {
                return response()->json(['files' => []]);
            }
        }

        $files = $this->collect($root, $filename ?: null, $content ?: null);

        return response()->json(['files' => $files]);
    }

    /** Resolves "." and ".." segments without touching the file system. */
    private function normalize(string $path): string
    {
        $parts = [];
        foreach (explode('/', str_replace('\\', '/', $path)) as $segment) {
            if ($segment === '' || $segment === '.') {
                continue;
            }
            if ($segment === '..') {
                array_pop($parts);
            } else {
                $parts[] = $segment;
            }
        }

        return '/'.implode('/', $parts);
    }

    private function isInside(string $root, string $path): bool
    {
        return $path === $root || str_starts_with($path, $root.'/');
    }

    private function collect(string $root, ?string $name, ?string $needle): array
    {
        $found = [];
        $stack = [$root];
        while ($stack) {
            $dir = array_pop($stack);
            $entries = @scandir($dir);
            if ($entries === false) {
                continue;
            }
            foreach ($entries as $entry) {
                if ($entry === '.' || $entry === '..') {
                    continue;
                }
                $path = $dir.'/'.$entry;
                if (is_link($path)) {
                    continue;
                }
                if (is_dir($path)) {
                    // Kernel file systems: nothing to find there, and slow to read.
                    if (!in_array(realpath($path), ['/proc', '/sys', '/dev'], true)) {
                        $stack[] = $path;
                    }
                    continue;
                }
                if (!is_file($path)) {
                    continue;
                }
                $match = $name !== null && str_starts_with($entry, $name);
                if (!$match && $needle !== null) {
                    $match = $this->contains($path, $needle);
                }
                if ($match) {
                    $found[] = $path;
                }
            }
        }
        sort($found);

        return $found;
    }

    /** Whether the file contains the needle, read chunk by chunk (a match may span two chunks). */
    private function contains(string $path, string $needle): bool
    {
        $handle = @fopen($path, 'rb');
        if ($handle === false) {
            return false;
        }
        try {
            $carry = '';
            $read = 0;
            while (!feof($handle) && $read < self::MAX_READ) {
                $chunk = @fread($handle, self::CHUNK);
                if ($chunk === false || $chunk === '') {
                    return false;
                }
                $read += strlen($chunk);
                $window = $carry.$chunk;
                if (str_contains($window, $needle)) {
                    return true;
                }
                $carry = substr($window, -max(strlen($needle) - 1, 1));
            }

            return false;
        } finally {
            fclose($handle);
        }
    }
}
