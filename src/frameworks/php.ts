/**
 * PHP Lumen, as the original: php 8.2 (apache, bullseye) base, composer, a fresh
 * `laravel/lumen` project in the dependency image; the model's files are laid over it and the
 * per-sample steps (composer install, cache clear, migrations) run in `prepare`.
 */
import type { Framework } from '../core/types.js';
import { MULTI_FILE_FORMAT } from './shared.js';

const WORKDIR = '/app';

export const COMPOSER_JSON = `${JSON.stringify(
  {
    name: 'laravel/lumen',
    description: 'The Laravel Lumen Framework.',
    keywords: ['framework', 'laravel', 'lumen'],
    license: 'MIT',
    type: 'project',
    require: { php: '^8.1', 'laravel/lumen-framework': '^10.0' },
    'require-dev': { 'fakerphp/faker': '^1.9.1', 'mockery/mockery': '^1.4.4', 'phpunit/phpunit': '^10.0' },
    autoload: {
      'psr-4': {
        'App\\': 'app/',
        'Database\\Factories\\': 'database/factories/',
        'Database\\Seeders\\': 'database/seeders/',
      },
    },
    'autoload-dev': { 'psr-4': { 'Tests\\': 'tests/' } },
    scripts: { 'post-root-package-install': ["@php -r \"file_exists('.env') || copy('.env.example', '.env');\""] },
    config: { 'optimize-autoloader': true, 'preferred-install': 'dist', 'sort-packages': true },
    'minimum-stability': 'stable',
    'prefer-stable': true,
  },
  null,
  4,
)}\n`;

const INSTRUCTIONS = `
Write the app into a Laravel Lumen project created with \`composer create-project --prefer-dist laravel/lumen .\`.

You may add files, or change these ones:
bootstrap/app.php
routes/web.php
routes/api.php
app/Http/Controllers/Controller.php
app/Models/User.php
app/Providers/AppServiceProvider.php
app/Providers/AuthServiceProvider.php
.env
${MULTI_FILE_FORMAT}
Store data only in SQLite — no MySQL, Redis or any other storage. Put the configuration in a .env file with DB_CONNECTION set to sqlite and DB_DATABASE set to /app/db.sqlite3.
The app must start successfully with \`php -S 0.0.0.0:5000 -t public\`.
`;

export const lumen: Framework = {
  id: 'PHP-Lumen',
  language: 'PHP',
  name: 'Lumen',
  extension: 'php',
  workdir: WORKDIR,
  sqliteDatabase: 'db.sqlite3',
  port: 5000,
  isMultiFile: true,
  codeFilename: null,
  // The original copies composer.json along with the code (after create-project).
  manifestFiles: {},
  allowedPackages: COMPOSER_JSON,
  instructions: INSTRUCTIONS,
  entrypoint: 'php -S 0.0.0.0:5000 -t public',
  startTimeoutMs: 60_000,
  image: {
    baseImage: 'php:8.2-apache-bullseye',
    steps: [
      '{{extra}}',
      'RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer',
      'RUN composer --version',
      'RUN apt-get update && apt-get install -y zip unzip git',
      'RUN composer create-project --prefer-dist laravel/lumen .',
    ],
    env: { APP_SECRET: 'supers3cret' },
    // `composer install` resolves the sample's composer.json against Packagist.
    prepareNeedsNetwork: true,
    prepare: [
      `chmod -R 777 ${WORKDIR}`,
      '(composer install --no-scripts --no-dev --no-autoloader --no-interaction --no-ansi --no-progress --optimize-autoloader || echo "composer install failed")',
      '(php artisan cache:clear || echo "php artisan cache:clear failed")',
      '(php artisan migrate -n --force || echo "php artisan migrate failed")',
    ],
  },
};

export const frameworks: readonly Framework[] = [lumen];
