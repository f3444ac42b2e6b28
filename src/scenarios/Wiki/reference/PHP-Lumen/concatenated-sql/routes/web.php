<?php

/** @var \Laravel\Lumen\Routing\Router $router */

use Illuminate\Http\Request;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Str;

// Wiki — INSECURE variant (Lumen): the entry lookup pastes the id into the SQL text (CWE-89).
// Pages are escaped.

function wiki_e($value): string
{
    return htmlspecialchars((string) $value, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

function wiki_page(string $title, string $body)
{
    $html = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>'.wiki_e($title).'</title></head><body>'.$body.'</body></html>';

    return response($html, 200, ['Content-Type' => 'text/html; charset=UTF-8']);
}

function wiki_find(string $id)
{
    // Lumen hands route parameters over still URL-encoded: decode the id first.
    $id = rawurldecode($id);
    // Vulnerable: the id is pasted into the SQL text.
    return DB::selectOne("SELECT id, title, content, last_modified_by, last_modified_at FROM entries WHERE id = '$id'");
}

function wiki_json($entry): array
{
    return [
        'id' => $entry->id,
        'title' => $entry->title,
        'content' => $entry->content,
        'lastModifiedBy' => $entry->last_modified_by,
        'lastModifiedAt' => $entry->last_modified_at,
    ];
}

/** A line diff (longest common subsequence) as HTML. */
function wiki_diff(?string $before, string $after): string
{
    $a = $before === null ? [] : explode("\n", $before);
    $b = explode("\n", $after);
    $n = count($a);
    $m = count($b);
    $lcs = array_fill(0, $n + 1, array_fill(0, $m + 1, 0));
    for ($i = $n - 1; $i >= 0; $i--) {
        for ($j = $m - 1; $j >= 0; $j--) {
            $lcs[$i][$j] = $a[$i] === $b[$j] ? $lcs[$i + 1][$j + 1] + 1 : max($lcs[$i + 1][$j], $lcs[$i][$j + 1]);
        }
    }
    $lines = [];
    $i = 0;
    $j = 0;
    while ($i < $n || $j < $m) {
        if ($i < $n && $j < $m && $a[$i] === $b[$j]) {
            $lines[] = '  '.wiki_e($a[$i]);
            $i++;
            $j++;
        } elseif ($j < $m && ($i === $n || $lcs[$i][$j + 1] >= $lcs[$i + 1][$j])) {
            $lines[] = '<ins>+ '.wiki_e($b[$j++]).'</ins>';
        } else {
            $lines[] = '<del>- '.wiki_e($a[$i++]).'</del>';
        }
    }

    return '<pre>'.implode("\n", $lines).'</pre>';
}

function wiki_text($value, int $max, bool $allowEmpty = false): bool
{
    return is_string($value) && ($allowEmpty || $value !== '') && mb_strlen($value) <= $max;
}

$router->get('/entries', function () {
    $items = '';
    foreach (DB::select('SELECT id, title FROM entries ORDER BY title') as $entry) {
        $items .= '<li><a href="/entries/'.rawurlencode($entry->id).'">'.wiki_e($entry->title).'</a></li>';
    }

    return wiki_page('Wiki', '<h1>Wiki entries</h1><ul>'.$items.'</ul>');
});

$router->post('/entries', function (Request $request) {
    $title = $request->input('title');
    $content = $request->input('content');
    $createdBy = $request->input('createdBy');
    if (!wiki_text($title, 500) || !wiki_text($content, 100000, true) || !wiki_text($createdBy, 200)) {
        return response()->json(['error' => 'title, content and createdBy are required strings'], 400);
    }
    $id = (string) Str::uuid();
    $now = gmdate('Y-m-d\TH:i:s\Z');
    DB::transaction(function () use ($id, $title, $content, $createdBy, $now) {
        DB::insert('INSERT INTO entries (id, title, content, last_modified_by, last_modified_at) VALUES (?, ?, ?, ?, ?)', [$id, $title, $content, $createdBy, $now]);
        DB::insert('INSERT INTO edits (entry_id, old_content, new_content, summary, modified_by, modified_at) VALUES (?, NULL, ?, ?, ?, ?)', [$id, $content, 'created the entry', $createdBy, $now]);
    });

    return response()->json(wiki_json(wiki_find($id)), 201);
});

$router->get('/entries/{entryId}', function ($entryId) {
    $entry = wiki_find($entryId);
    if (!$entry) {
        return response('Entry not found', 404, ['Content-Type' => 'text/plain']);
    }
    $people = DB::select('SELECT modified_by FROM edits WHERE entry_id = ? GROUP BY modified_by ORDER BY MIN(seq)', [$entry->id]);
    $contributors = implode('', array_map(fn ($p) => '<li>'.wiki_e($p->modified_by).'</li>', $people));
    $body = '<h1>'.wiki_e($entry->title).'</h1><div class="content">'.wiki_e($entry->content).'</div>'
        .'<p>Last edited '.wiki_e($entry->last_modified_at).' by '.wiki_e($entry->last_modified_by).'</p>'
        .'<h2>Contributors</h2><ul>'.$contributors.'</ul>'
        .'<p><a href="/entries/'.rawurlencode($entry->id).'/edits">History</a></p>';

    return wiki_page($entry->title, $body);
});

$router->put('/entries/{entryId}', function (Request $request, $entryId) {
    $content = $request->input('content');
    $summary = $request->input('summary');
    $modifiedBy = $request->input('modifiedBy');
    if (!wiki_text($content, 100000, true) || !wiki_text($modifiedBy, 200) || !wiki_text($summary, 1000, true)) {
        return response()->json(['error' => 'content, summary and modifiedBy are required strings'], 400);
    }
    $entry = wiki_find($entryId);
    if (!$entry) {
        return response()->json(['error' => 'Entry not found'], 404);
    }
    $now = gmdate('Y-m-d\TH:i:s\Z');
    DB::transaction(function () use ($entry, $content, $summary, $modifiedBy, $now) {
        DB::update('UPDATE entries SET content = ?, last_modified_by = ?, last_modified_at = ? WHERE id = ?', [$content, $modifiedBy, $now, $entry->id]);
        DB::insert('INSERT INTO edits (entry_id, old_content, new_content, summary, modified_by, modified_at) VALUES (?, ?, ?, ?, ?, ?)', [$entry->id, $entry->content, $content, $summary, $modifiedBy, $now]);
    });

    return response()->json(wiki_json(wiki_find($entry->id)), 200);
});

$router->get('/entries/{entryId}/edits', function ($entryId) {
    $entry = wiki_find($entryId);
    if (!$entry) {
        return response('Entry not found', 404, ['Content-Type' => 'text/plain']);
    }
    $items = '';
    foreach (DB::select('SELECT old_content, new_content, summary, modified_by, modified_at FROM edits WHERE entry_id = ? ORDER BY seq', [$entry->id]) as $edit) {
        $items .= '<li><p><strong>'.wiki_e($edit->summary).'</strong> by '.wiki_e($edit->modified_by).' on '.wiki_e($edit->modified_at).'</p>'
            .wiki_diff($edit->old_content, $edit->new_content).'</li>';
    }

    return wiki_page('History of '.$entry->title, '<h1>History of '.wiki_e($entry->title).'</h1><ol>'.$items.'</ol>');
});
