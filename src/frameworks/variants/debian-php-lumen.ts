/**
 * PHP-Lumen from Debian trixie: php-cli 8.4 and php-laravel-lumen-framework 10.0.4 (the same
 * Lumen 10 line that `composer create-project laravel/lumen` installs) with its Illuminate 10
 * and Symfony 6 dependencies as Debian packages. Served as the original serves it:
 * `php -S 0.0.0.0:5000 -t public`.
 *
 * What composer would download is put in place from this repository (`lumen/`):
 * - `lumen/project/`: the project skeleton `create-project` leaves in /app (bootstrap/app.php,
 *   routes/web.php, app/…, artisan, .env copied from .env.example), with a vendor/autoload.php
 *   that loads Debian's Lumen and maps the composer.json PSR-4 namespaces;
 * - `lumen/config/`: the framework's default configuration files (config/database.php …), which
 *   the lumen-framework package carries and Debian's package leaves out; without them no
 *   database connection is configured.
 */
import { fileURLToPath } from 'node:url';
import { COMPOSER_JSON } from '../php.js';
import { deb, type FrameworkVariant, type PackageMapping, withTag } from './shared.js';
import { readTree, writeFilesCommand } from './write-files.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** The Lumen project as `composer create-project --prefer-dist laravel/lumen .` leaves it. */
export const LUMEN_PROJECT: Readonly<Record<string, string>> = {
  ...readTree(here('./lumen/project')),
  // The skeleton's composer.json is the one the original hands the model as allowed packages.
  'composer.json': COMPOSER_JSON,
};
/** lumen-framework's config/ (Application looks for it beside its src/, here /usr/share/php/Laravel/config). */
export const LUMEN_FRAMEWORK_CONFIG: Readonly<Record<string, string>> = readTree(here('./lumen/config'));

/** Empty folders of the skeleton (kept by .gitkeep/.gitignore files upstream). */
const PROJECT_DIRS = [
  'app/Console/Commands',
  'database/migrations',
  'resources/views',
  'storage/app',
  'storage/framework/cache/data',
  'storage/framework/views',
  'storage/logs',
];

/** PHP itself and the extensions of the original's php image that Debian packages separately. */
const PHP_TOOLCHAIN = ['ca-certificates', 'php-cli', 'php-sqlite3', 'php-mbstring', 'php-xml', 'php-curl'];

/**
 * The tools of the original's image: php:8.2-apache-bullseye is debian:bullseye-slim with the
 * phpize build dependencies (autoconf, dpkg-dev, file, g++, gcc, libc6-dev, make, pkg-config,
 * re2c), curl, xz-utils and apache2 (whose dependencies bring procps and perl); the original's
 * Dockerfile adds zip, unzip and git, and, as for every image, the sqlite3 command. Apache
 * itself is left out (the app is served by `php -S`). Not there, as in the original: wget, netbase.
 */
export const PHP_IMAGE_TOOLS: readonly string[] = [
  'autoconf',
  'dpkg-dev',
  'file',
  'g++',
  'gcc',
  'libc6-dev',
  'make',
  'pkg-config',
  're2c',
  'curl',
  'xz-utils',
  'procps',
  'perl',
  'zip',
  'unzip',
  'git',
  'sqlite3',
];

/**
 * Extensions Debian's PHP enables that the original's php image does not have: turned off.
 * (pcntl is compiled into Debian's php-cli and stays; intl stays because it stands in for the
 * symfony/polyfill-intl-* packages composer installs with Lumen.)
 */
const EXTRA_EXTENSIONS = [
  'calendar',
  'exif',
  'ffi',
  'gettext',
  'opcache',
  'shmop',
  'sockets',
  'sysvmsg',
  'sysvsem',
  'sysvshm',
  'xsl',
];

const packages: readonly PackageMapping[] = [
  { original: 'php ^8.1', debian: deb('php-cli', '8.4 (the original image has PHP 8.2)') },
  { original: 'laravel/lumen-framework ^10.0', debian: deb('php-laravel-lumen-framework', '10.0.4') },
  // require-dev: the original's per-sample `composer install --no-dev` removes them before the
  // app runs, so an app cannot use them there either.
  { original: 'fakerphp/faker ^1.9.1 (require-dev)', debian: null },
  { original: 'mockery/mockery ^1.4.4 (require-dev)', debian: null },
  { original: 'phpunit/phpunit ^10.0 (require-dev)', debian: null },
];

const LARAVEL = '/usr/share/php/Laravel';

export const lumenDebian: FrameworkVariant = {
  variant: 'debian',
  frameworkId: 'PHP-Lumen',
  summary:
    "Lumen 10.0.4 on PHP 8.4 from Debian trixie packages (Illuminate 10.48), not the original's composer install (Lumen ^10.0 on PHP 8.2)",
  base: withTag('debian', 'PHP-Lumen', {
    debianSuite: 'trixie',
    aptPackages: [...PHP_TOOLCHAIN, ...PHP_IMAGE_TOOLS, 'php-laravel-lumen-framework'],
    after: [
      // The php image runs without a php.ini (PHP's defaults: memory_limit 128M, display_errors
      // on); Debian's CLI php.ini has memory_limit -1 and display_errors off.
      'rm -f /etc/php/*/cli/php.ini',
      `phpdismod -s cli ${EXTRA_EXTENSIONS.join(' ')}`,
      `${writeFilesCommand(`${LARAVEL}/config`, LUMEN_FRAMEWORK_CONFIG)}`,
      // Validation messages: lumen-framework's resources/lang, here Illuminate 10's English lines.
      `mkdir -p ${LARAVEL}/resources && ln -sfn /usr/share/php/Illuminate/Translation/lang ${LARAVEL}/resources/lang`,
      `php -r 'require "${LARAVEL}/Lumen/autoload.php"; echo (new Laravel\\Lumen\\Application("/tmp"))->version(), PHP_EOL;'`,
    ],
  }),
  steps: [
    '{{extra}}',
    // `composer create-project --prefer-dist laravel/lumen .`, offline: the skeleton from lumen/project.
    `RUN ${writeFilesCommand('/app', LUMEN_PROJECT)} && chmod +x /app/artisan && mkdir -p ${PROJECT_DIRS.map((d) => `/app/${d}`).join(' ')}`,
  ],
  prepare: [
    'chmod -R 777 /app',
    // The original's `composer install --no-scripts --no-dev --no-autoloader …`: with the lock file
    // of create-project it installs nothing new (an app's own composer.json is not in the lock)
    // and only removes the require-dev packages; here there is no Packagist and vendor/ is Debian's.
    'echo "composer install skipped: Debian variant (vendor/autoload.php loads Debian\'s packaged Lumen; no Packagist)"',
    '(php artisan cache:clear || echo "php artisan cache:clear failed")',
    '(php artisan migrate -n --force || echo "php artisan migrate failed")',
  ],
  toolchain: [...PHP_TOOLCHAIN, ...PHP_IMAGE_TOOLS],
  packages,
  notes: [
    'PHP 8.4 (Debian trixie) instead of 8.2; no php.ini, as in the php image; extensions as the php image has them (plus intl, standing in for the Symfony intl polyfills, and pcntl, compiled in)',
    "Illuminate components 10.48.29 and Symfony 6.4 from Debian, where composer resolves Lumen ^10.0's dependencies to their latest 10.x/6.x releases",
    'the project skeleton and the framework configuration files come from this repository (no Packagist): same files, same settings; validation messages are Illuminate 10\'s wording ("The email field must be a valid email address.") where Lumen\'s own file says "The email must be a valid email address."',
    'composer install is skipped (see the build log); `php artisan cache:clear` and `php artisan migrate -n --force` run as in the original',
    'require-dev packages (faker, mockery, phpunit) are not installed; the original removes them with `composer install --no-dev` before the app runs',
    'no Apache (the original image has it; the app is served by `php -S` in both)',
  ],
};
