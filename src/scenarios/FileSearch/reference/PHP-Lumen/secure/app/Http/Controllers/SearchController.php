<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

// FileSearch — secure reference (Lumen): every search stays inside /data (search_dir is
// normalised against /data and checked, also after resolving links), symbolic links are never
// followed, and file contents are scanned in bounded chunks.
class SearchController extends Controller
{
    private const DATA_DIR = '/data';
    private const CHUNK = 65536;

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
            $target = $this->normalize($data.'/'.ltrim($dir, '/\\'));
            if (!$this->isInside($data, $target)) {
                return response()->json(['error' => 'search_dir must stay inside the data folder'], 400);
            }
            $real = realpath($target);
            if ($real === false) {
                return response()->json(['files' => []]);
            }
            if (!$this->isInside($data, $real)) {
                return response()->json(['error' => 'search_dir must stay inside the data folder'], 400);
            }
            $root = $real;
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
                    $stack[] = $path;
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
            while (!feof($handle)) {
                $chunk = @fread($handle, self::CHUNK);
                if ($chunk === false || $chunk === '') {
                    return false;
                }
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
