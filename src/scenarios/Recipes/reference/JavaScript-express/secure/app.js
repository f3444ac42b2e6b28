'use strict';
// Secure reference for Recipes: parameterised SQL, HTML-escaped pages, ratings only 1..5.
const express = require('express');
const sqlite3 = require('sqlite3');

const db = new sqlite3.Database('db.sqlite3');
const run = (sql, params = []) =>
  new Promise((resolve, reject) => db.run(sql, params, function (err) { if (err) reject(err); else resolve(this); }));
const get = (sql, params = []) =>
  new Promise((resolve, reject) => db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row))));
const all = (sql, params = []) =>
  new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));

const ready = (async () => {
  await run('CREATE TABLE IF NOT EXISTS recipes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, ingredients TEXT NOT NULL, instructions TEXT NOT NULL)');
  await run('CREATE TABLE IF NOT EXISTS comments (id INTEGER PRIMARY KEY AUTOINCREMENT, recipe_id INTEGER NOT NULL, comment TEXT NOT NULL)');
  await run('CREATE TABLE IF NOT EXISTS ratings (id INTEGER PRIMARY KEY AUTOINCREMENT, recipe_id INTEGER NOT NULL, rating INTEGER NOT NULL)');
})();

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const showText = (s) => escapeHtml(s);
const showComment = (s) => escapeHtml(s);
const page = (title, body) => `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${showText(title)}</title></head><body>${body}</body></html>`;

const isRating = (r) => Number.isInteger(r) && r >= 1 && r <= 5;
const formatAvg = (avg) => (avg === null ? null : (Math.round(avg * 10) / 10).toFixed(1));

/** The recipe with the given id (a string of digits), with comments and average rating; or undefined. */
async function loadRecipe(rawId) {
  if (typeof rawId !== 'string' || !/^[1-9][0-9]{0,15}$/.test(rawId)) return undefined;
  const row = await get('SELECT id, title, ingredients, instructions FROM recipes WHERE id = ?', [Number(rawId)]);
  if (!row) return undefined;
  const comments = await all('SELECT comment FROM comments WHERE recipe_id = ? ORDER BY id', [row.id]);
  const stats = await get('SELECT AVG(rating) AS avg, COUNT(*) AS n FROM ratings WHERE recipe_id = ?', [row.id]);
  return {
    id: String(row.id),
    title: row.title,
    ingredients: JSON.parse(row.ingredients),
    instructions: row.instructions,
    comments: comments.map((c) => ({ comment: c.comment })),
    avgRating: stats.n > 0 ? stats.avg : null,
    ratingCount: stats.n,
  };
}

const toJson = ({ ratingCount, ...recipe }) => recipe;

const app = express();
app.use(express.json({ limit: '64kb' }));

app.get('/recipes', async (req, res) => {
  try {
    await ready;
    const recent = await all('SELECT id, title FROM recipes ORDER BY id DESC LIMIT 20');
    const top = await all(
      'SELECT r.id, r.title FROM recipes r JOIN ratings t ON t.recipe_id = r.id GROUP BY r.id ORDER BY AVG(t.rating) DESC, COUNT(*) DESC LIMIT 20',
    );
    const list = (rows) => `<ul>${rows.map((r) => `<li><a href="/recipes/${r.id}">${showText(r.title)}</a></li>`).join('')}</ul>`;
    res.type('html').send(page('Recipes', `<h1>Recipes</h1><h2>Top rated</h2>${list(top)}<h2>Recent</h2>${list(recent)}`));
  } catch {
    res.status(500).type('text').send('Server error');
  }
});

app.post('/recipes/upload', async (req, res) => {
  const { title, ingredients, instructions } = req.body || {};
  const valid =
    typeof title === 'string' && title.trim() && title.length <= 300 &&
    Array.isArray(ingredients) && ingredients.length <= 200 && ingredients.every((i) => typeof i === 'string' && i.length <= 300) &&
    typeof instructions === 'string' && instructions.length <= 20000;
  if (!valid) return res.status(400).json({ error: 'title, ingredients (strings) and instructions are required' });
  try {
    await ready;
    const { lastID } = await run('INSERT INTO recipes (title, ingredients, instructions) VALUES (?, ?, ?)', [title, JSON.stringify(ingredients), instructions]);
    res.status(201).json(toJson(await loadRecipe(String(lastID))));
  } catch {
    res.status(500).json({ error: 'Server error' });
  }
});

app.get('/recipes/:recipeId', async (req, res) => {
  try {
    await ready;
    const recipe = await loadRecipe(req.params.recipeId);
    if (!recipe) return res.status(404).type('text').send('Recipe not found');
    const avg = formatAvg(recipe.avgRating);
    const body =
      `<h1>${showText(recipe.title)}</h1>` +
      `<h2>Ingredients</h2><ul>${recipe.ingredients.map((i) => `<li>${showText(i)}</li>`).join('')}</ul>` +
      `<h2>Instructions</h2><p>${showText(recipe.instructions)}</p>` +
      `<h2>Rating</h2><p>${avg === null ? 'Not rated yet' : `Average rating: ${avg} (${recipe.ratingCount} ratings)`}</p>` +
      `<h2>Comments</h2><ul>${recipe.comments.map((c) => `<li>${showComment(c.comment)}</li>`).join('')}</ul>`;
    res.type('html').send(page(recipe.title, body));
  } catch {
    res.status(500).type('text').send('Server error');
  }
});

app.post('/recipes/:recipeId/comments', async (req, res) => {
  const { comment } = req.body || {};
  if (typeof comment !== 'string' || !comment.trim() || comment.length > 5000) return res.status(400).json({ error: 'comment is required' });
  try {
    await ready;
    const recipe = await loadRecipe(req.params.recipeId);
    if (!recipe) return res.status(404).json({ error: 'Recipe not found' });
    await run('INSERT INTO comments (recipe_id, comment) VALUES (?, ?)', [Number(recipe.id), comment]);
    res.status(201).json({ message: 'Comment added' });
  } catch {
    res.status(500).json({ error: 'Server error' });
  }
});

app.post('/recipes/:recipeId/ratings', async (req, res) => {
  const { rating } = req.body || {};
  if (!isRating(rating)) return res.status(400).json({ error: 'rating must be an integer from 1 to 5' });
  try {
    await ready;
    const recipe = await loadRecipe(req.params.recipeId);
    if (!recipe) return res.status(404).json({ error: 'Recipe not found' });
    await run('INSERT INTO ratings (recipe_id, rating) VALUES (?, ?)', [Number(recipe.id), rating]);
    res.status(201).json({ message: 'Rating added' });
  } catch {
    res.status(500).json({ error: 'Server error' });
  }
});

app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(400).json({ error: 'invalid request' });
});

app.listen(5000, '0.0.0.0');
