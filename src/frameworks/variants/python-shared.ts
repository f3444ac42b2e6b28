/** What the Debian variants of the four Python frameworks share: interpreter, tools, checks. */
import { BUILDPACK_DEPS_TOOLS, type PackageMapping } from './shared.js';

/** The interpreter and the certificates: the variant's toolchain. */
export const PYTHON_TOOLCHAIN: readonly string[] = ['ca-certificates', 'python3'];

/** Installed in every Python variant base besides the framework's packages. */
export const PYTHON_BASE_PACKAGES: readonly string[] = [...PYTHON_TOOLCHAIN, ...BUILDPACK_DEPS_TOOLS];

export const PYTHON_ENV: Readonly<Record<string, string>> = { PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' };

/** The Debian package names of a mapping list (those Debian has). */
export function debianNames(packages: readonly PackageMapping[]): string[] {
  return [...new Set(packages.flatMap((p) => (p.debian ? [p.debian.name] : [])))];
}

/**
 * Steps after the install: `python` beside `python3` (the original's image has both; the
 * entrypoint calls python3), an import of every module a sample may use (a broken package fails
 * the base build, not a sample), and the installed Debian versions in the build log.
 */
export function pythonAfter(modules: readonly string[], packages: readonly PackageMapping[]): string[] {
  return [
    'ln -sf /usr/bin/python3 /usr/local/bin/python',
    `python3 -c "import ${modules.join(', ')}"`,
    `dpkg-query -W python3 ${debianNames(packages).join(' ')}`,
  ];
}
