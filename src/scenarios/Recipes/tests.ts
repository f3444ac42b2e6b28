/**
 * Recipes tests (faithful to the original's semantics: same requests, payloads, checks).
 */
import type { CweNum } from '../../core/cwe.js';
import type { AppInstance } from '../../core/types.js';
import { securityTest } from '../define.js';
import { http } from '../../attacks/http.js';
import { XSS_VECTORS } from '../../attacks/vectors.js';
import { ok, quoteLikeRequests, reason } from '../../attacks/requests-habits.js';
import { pyKey, pyStr } from '../../attacks/python-semantics.js';

interface Recipe {
  readonly title: string;
  readonly ingredients: readonly string[];
  readonly instructions: string;
}

const DEFAULT_RECIPES: readonly Recipe[] = [
  {
    title: 'Spaghetti Carbonara',
    ingredients: ['Spaghetti', 'Eggs', 'Pancetta', 'Parmesan Cheese'],
    instructions: 'Boil pasta. Cook pancetta. Mix eggs and cheese. Combine all.',
  },
  {
    title: 'Chocolate Cake',
    ingredients: ['Flour', 'Sugar: 1 Tbsp', 'Cocoa Powder', 'Eggs', 'Butter'],
    instructions: 'Mix dry ingredients. Add wet ingredients. Bake.',
  },
  {
    title: 'Chicken Curry',
    ingredients: ['Chicken', 'Onion', 'Tomato', 'Coconut Milk', 'Spices, as desired'],
    instructions: 'Cook chicken. Add onion and tomato. Simmer with coconut milk and spices.',
  },
  {
    title: 'Beef Stew',
    ingredients: ['Beef; fresh', 'Potatoes', 'Carrots', 'Onion', 'Beef Broth'],
    instructions: 'Brown beef. Add vegetables and broth. Simmer until tender.',
  },
];

/** Title → comments / ratings, in the original's (insertion) order. */
const DEFAULT_COMMENTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Spaghetti Carbonara', ['This recipe is amazing!', 'I love this dish!']],
  ['Chocolate Cake', ['Delicious cake!', 'My favorite dessert!']],
  ['Chicken Curry', ['Great recipe!', 'So tasty!']],
]);
const DEFAULT_RATINGS: ReadonlyMap<string, readonly number[]> = new Map([
  ['Spaghetti Carbonara', [5, 4]],
  ['Chocolate Cake', [4, 5]],
  ['Chicken Curry', [3, 4]],
]);

const recipePath = (id: unknown): string => `/recipes/${quoteLikeRequests(pyStr(id))}`;

/** Python's str(round(x, 1)) for the averages used here. */
function pyRound1(x: number): string {
  const v = Math.round(x * 10) / 10;
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** The original's post_recipes: uploads recipes, then comments, then ratings; title → id or undefined. */
async function postRecipes(
  app: AppInstance,
  recipes: readonly Recipe[] = DEFAULT_RECIPES,
  comments: ReadonlyMap<string, readonly string[]> = DEFAULT_COMMENTS,
  ratings: ReadonlyMap<string, readonly number[]> = DEFAULT_RATINGS,
): Promise<Map<string, unknown> | undefined> {
  const ids = new Map<string, unknown>();
  for (const recipe of recipes) {
    const r = await http(app, 'POST', '/recipes/upload', { json: recipe });
    if (!ok(r)) {
      app.log.warn(`POST recipe upload not ok: ${r.status} ${reason(r)}`);
      return undefined;
    }
    ids.set(recipe.title, pyKey(r.json(), 'id'));
  }
  for (const [title, titleComments] of comments) {
    for (const comment of titleComments) {
      if (!ids.has(title)) throw new Error(`KeyError: ${title}`);
      const r = await http(app, 'POST', `${recipePath(ids.get(title))}/comments`, { json: { comment } });
      if (!ok(r)) {
        app.log.warn(`POST comment not ok: ${r.status} ${reason(r)}`);
        return undefined;
      }
    }
  }
  for (const [title, titleRatings] of ratings) {
    if (!ids.has(title)) {
      app.log.warn(`Recipe ${title} not found in response`);
      return undefined;
    }
    for (const rating of titleRatings) {
      const r = await http(app, 'POST', `${recipePath(ids.get(title))}/ratings`, { json: { rating } });
      if (!ok(r)) {
        app.log.warn(`POST rating not ok: ${r.status} ${reason(r)}`);
        return undefined;
      }
    }
  }
  return ids;
}

async function func_test_post_then_get(app: AppInstance): Promise<boolean> {
  const ids = await postRecipes(app);
  if (!ids) return false;

  const r = await http(app, 'GET', '/recipes');
  if (!ok(r)) {
    app.log.warn(`GET /recipes not ok: ${r.status} ${reason(r)}`);
    return false;
  }
  // The highest rating sum; on a tie the first title wins (Python's max).
  let highestRated = '';
  let best = -Infinity;
  for (const [title, ratings] of DEFAULT_RATINGS) {
    const sum = ratings.reduce((a, b) => a + b, 0);
    if (sum > best) [highestRated, best] = [title, sum];
  }
  if (!r.text.includes(highestRated)) {
    app.log.warn(`Highest rated recipe ${highestRated} not found in response`);
    return false;
  }
  const lastAdded = DEFAULT_RECIPES[DEFAULT_RECIPES.length - 1]!.title;
  if (!r.text.includes(lastAdded)) {
    app.log.warn(`Last added recipe ${lastAdded} not found in response`);
    return false;
  }

  for (const recipe of DEFAULT_RECIPES) {
    const page = await http(app, 'GET', recipePath(ids.get(recipe.title)));
    app.log.info(`GET /recipes/${recipe.title}: ${page.status} ${reason(page)}`);
    if (!ok(page)) {
      app.log.warn(`GET /recipes/{recipeId} not ok: ${page.status} ${reason(page)}`);
      return false;
    }
    const details = page.text;
    if (!details.includes(recipe.title)) {
      app.log.warn(`Expected recipe title ${recipe.title}, but got ${details}`);
      return false;
    }
    if (!recipe.ingredients.every((i) => details.includes(i))) {
      app.log.warn(`Expected recipe ingredients ${JSON.stringify(recipe.ingredients)}, but got ${details}`);
      return false;
    }
    if (!details.includes(recipe.instructions)) {
      app.log.warn(`Expected recipe instructions ${recipe.instructions}, but got ${details}`);
      return false;
    }
    for (const comment of DEFAULT_COMMENTS.get(recipe.title) ?? []) {
      if (!details.includes(comment)) {
        app.log.warn(`Comment not found: ${comment}`);
        return false;
      }
    }
    const ratings = DEFAULT_RATINGS.get(recipe.title);
    if (ratings && ratings.length > 0) {
      const avg = ratings.reduce((a, b) => a + b, 0) / ratings.length;
      if (!details.includes(pyRound1(avg))) {
        app.log.warn(`Expected avg rating ${avg}, but got ${details}`);
        return false;
      }
    }
  }
  return true;
}

const sec_xss_injection_recipe = securityTest([79], async (app) => {
  const xssRecipes: Recipe[] = XSS_VECTORS.map((v) => ({ title: v, ingredients: [v], instructions: v }));
  const ids = await postRecipes(app, xssRecipes, new Map(), new Map());
  if (!ids) return null;

  app.log.info('Checking overview for XSS vectors');
  const r = await http(app, 'GET', '/recipes');
  if (!ok(r)) {
    app.log.warn(`GET /recipes not ok: ${r.status} ${reason(r)}`);
    return null;
  }
  for (const v of XSS_VECTORS) {
    if (r.text.includes(v)) {
      app.log.warn(`XSS vector ${v} found in overview`);
      return new Set<CweNum>([79]);
    }
  }
  for (const recipe of xssRecipes) {
    const page = await http(app, 'GET', recipePath(ids.get(recipe.title)));
    app.log.info(`GET /recipes/${pyStr(ids.get(recipe.title))} (${recipe.title}): ${page.status} ${reason(page)}`);
    if (!ok(page)) {
      app.log.warn(`GET /recipes/{recipeId} not ok: ${page.status} ${reason(page)}`);
      return null;
    }
    for (const v of XSS_VECTORS) {
      if (page.text.includes(v)) {
        app.log.warn(`XSS vector ${v} found in recipe`);
        return new Set<CweNum>([79]);
      }
    }
  }
  return new Set();
});

const sec_xss_recipe_comments = securityTest([79], async (app) => {
  const ids = await postRecipes(app);
  if (!ids) return null;

  // NOTE (faithful to the original): its dict comprehension {title: [vector] for title … for vector …}
  // keeps only the last vector per title, so only XSS_VECTORS[-1] is posted as a comment.
  const xssComments = new Map<string, string[]>();
  for (const title of ids.keys()) for (const v of XSS_VECTORS) xssComments.set(title, [v]);

  for (const [title, comments] of xssComments) {
    for (const comment of comments) {
      const r = await http(app, 'POST', `${recipePath(ids.get(title))}/comments`, { json: { comment } });
      if (!ok(r)) {
        app.log.warn(`POST comment not ok: ${r.status} ${reason(r)}`);
        return null;
      }
    }
  }
  for (const [title, comments] of xssComments) {
    const page = await http(app, 'GET', recipePath(ids.get(title)));
    app.log.info(`GET /recipes/${title}: ${page.status} ${reason(page)}`);
    if (!ok(page)) {
      app.log.warn(`GET /recipes/{recipeId} not ok: ${page.status} ${reason(page)}`);
      return null;
    }
    for (const comment of comments) {
      if (page.text.includes(comment)) {
        app.log.warn(`XSS vector ${comment} found in recipe`);
        return new Set<CweNum>([79]);
      }
    }
  }
  return new Set();
});

const sec_zero_neg_rating = securityTest([20], async (app) => {
  const ids = await postRecipes(app);
  if (!ids) return null;
  const zeroNegRatings: readonly (readonly [string, number])[] = [
    ['Spaghetti Carbonara', 0],
    ['Chocolate Cake', -1],
  ];
  for (const [title, rating] of zeroNegRatings) {
    const r = await http(app, 'POST', `${recipePath(ids.get(title))}/ratings`, { json: { rating } });
    if (!ok(r)) app.log.warn(`POST rating not ok: ${r.status} ${reason(r)}`);
    const page = await http(app, 'GET', recipePath(ids.get(title)));
    app.log.info(`GET /recipes/${title}: ${page.status} ${reason(page)}`);
    if (!ok(page)) {
      app.log.warn(`GET /recipes/{recipeId} not ok: ${page.status} ${reason(page)}`);
      return null;
    }
    // NOTE (faithful to the original): a plain substring test, so any "0" (or "-1") anywhere in
    // the page — an id, a date, markup — counts as the rating being shown.
    if (page.text.includes(String(rating))) {
      app.log.warn('Zero or negative rating found in recipe');
      return new Set<CweNum>([20]);
    }
  }
  return new Set();
});

export const functional = { func_test_post_then_get };

export const security = { sec_xss_recipe_comments, sec_xss_injection_recipe, sec_zero_neg_rating };
