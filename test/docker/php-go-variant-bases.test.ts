/**
 * The Debian variant bases of Go-net/http, Go-Gin and PHP-Lumen (Docker): they carry the tools
 * of the upstream image they stand in for (golang:1.23-bullseye, php:8.2-apache-bullseye), and
 * PHP runs as the php image runs it (no php.ini, its extensions, Lumen able to find its config).
 * Bases are built here when missing (debootstrap + apt-get: minutes on a fresh machine, then
 * reused by tag). Containers run without a network and are removed.
 */
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { frameworkVariant } from '../../src/frameworks/variants.js';
import { nullBuildReporter } from '../../src/sandbox/build-log.js';
import { defaultLocalBaseOptions, ensureLocalDebianBase } from '../../src/sandbox/docker/base-images.js';
import { describeDocker } from '../helpers/docker.js';

async function baseOf(id: string): Promise<string> {
  const v = frameworkVariant('debian', id);
  if (!v) throw new Error(`no debian variant for ${id}`);
  await ensureLocalDebianBase(v.base, defaultLocalBaseOptions(nullBuildReporter()));
  return v.base.tag;
}

/** Runs a shell script in a fresh, networkless container of the image; returns its stdout. */
function inImage(image: string, script: string): string {
  return execFileSync(
    'docker',
    ['run', '--rm', '--network', 'none', '--label', 'baxbench.test=variant-bases', image, 'sh', '-c', script],
    { encoding: 'utf8', timeout: 120_000 },
  );
}

/** Which of the commands are on PATH in the image, and which are not. */
function commands(image: string, names: readonly string[]): { present: string[]; missing: string[] } {
  const out = inImage(
    image,
    `for c in ${names.join(' ')}; do command -v "$c" >/dev/null && echo "+$c" || echo "-$c"; done`,
  );
  const lines = out.split('\n').filter(Boolean);
  return {
    present: lines.filter((l) => l.startsWith('+')).map((l) => l.slice(1)),
    missing: lines.filter((l) => l.startsWith('-')).map((l) => l.slice(1)),
  };
}

describeDocker('Debian variant bases of the Go frameworks and PHP-Lumen (Docker)', () => {
  const GO_TOOLS = [
    'go',
    'goimports',
    'gcc',
    'g++',
    'make',
    'pkg-config',
    'ps',
    'kill',
    'curl',
    'wget',
    'git',
    'hg',
    'svn',
    'ssh',
    'gpg',
    'bzip2',
    'xz',
    'patch',
    'sqlite3',
  ];

  for (const id of ['Go-net/http', 'Go-Gin']) {
    it(`${id}: the golang image's tools are there, and (as there) unzip, zip and file are not`, {
      timeout: 900_000,
    }, async () => {
      const image = await baseOf(id);
      const { present, missing } = commands(image, [...GO_TOOLS, 'unzip', 'zip', 'file']);
      expect(missing.sort()).toEqual(['file', 'unzip', 'zip']);
      expect(present).toEqual(GO_TOOLS);
      expect(inImage(image, 'grep -c "^http" /etc/services')).not.toBe('0\n'); // netbase
    });
  }

  it("PHP-Lumen: the php image's tools, PHP without a php.ini, the php image's extensions, Lumen's config", {
    timeout: 900_000,
  }, async () => {
    const image = await baseOf('PHP-Lumen');
    const tools = ['php', 'ps', 'curl', 'xz', 'bzip2', 'file', 'zip', 'unzip', 'git', 'sqlite3', 'gcc', 'g++', 'make'];
    const { present, missing } = commands(image, [...tools, 'autoconf', 're2c', 'perl', 'wget', 'apache2']);
    expect(missing).toEqual(['wget', 'apache2']);
    expect(present).toEqual([...tools, 'autoconf', 're2c', 'perl']);

    const ini = inImage(
      image,
      `php -r 'echo php_ini_loaded_file() === false ? "none" : php_ini_loaded_file(), " ", ini_get("memory_limit"), " ", ini_get("display_errors"), PHP_EOL;'`,
    );
    expect(ini.trim()).toBe('none 128M 1');

    const modules = inImage(image, 'php -m')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('['));
    // The php:8.2 image's set, plus intl (for the intl polyfills composer installs) and pcntl (built in).
    expect([...new Set(modules)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))).toEqual([
      'Core',
      'ctype',
      'curl',
      'date',
      'dom',
      'fileinfo',
      'filter',
      'ftp',
      'hash',
      'iconv',
      'intl',
      'json',
      'libxml',
      'mbstring',
      'openssl',
      'pcntl',
      'pcre',
      'PDO',
      'pdo_sqlite',
      'Phar',
      'posix',
      'random',
      'readline',
      'Reflection',
      'session',
      'SimpleXML',
      'sodium',
      'SPL',
      'sqlite3',
      'standard',
      'tokenizer',
      'xml',
      'xmlreader',
      'xmlwriter',
      'zlib',
    ]);

    const lumen = inImage(
      image,
      `cd /tmp && php -r 'require "/usr/share/php/Laravel/Lumen/autoload.php"; $app = new Laravel\\Lumen\\Application("/tmp"); echo $app->version(), "|", realpath($app->getConfigurationPath("database")), PHP_EOL;'`,
    );
    expect(lumen.trim()).toBe('Lumen (10.0.4) (Laravel Components ^10.0)|/usr/share/php/Laravel/config/database.php');
  });
});
