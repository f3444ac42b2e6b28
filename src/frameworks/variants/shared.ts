/** What every framework variant definition shares: its shape and small helpers. */
import { createHash } from 'node:crypto';
import type { LocalDebianBase } from '../../core/types.js';
import type { FrameworkId } from '../ids.js';
import { tagName } from '../shared.js';

export const FRAMEWORK_VARIANT_NAMES = ['debian'] as const;
export type FrameworkVariantName = (typeof FRAMEWORK_VARIANT_NAMES)[number];

export function isFrameworkVariantName(s: string): s is FrameworkVariantName {
  return (FRAMEWORK_VARIANT_NAMES as readonly string[]).includes(s);
}

/** One allowed package of the original and what the variant has in its place. */
export interface PackageMapping {
  /** The original's requirement, e.g. `Flask==3.1.0`. */
  readonly original: string;
  /** The Debian package and the version it has in the variant's suite, or null when Debian has none. */
  readonly debian: { readonly name: string; readonly version: string } | null;
}

export interface FrameworkVariant {
  readonly variant: FrameworkVariantName;
  readonly frameworkId: FrameworkId;
  /** The one line every log prints, e.g. `Flask 3.1.1 from Debian trixie, not the original's pins`. */
  readonly summary: string;
  /** The locally built base image (debootstrap + these packages). */
  readonly base: LocalDebianBase;
  /** Replaces the recipe's steps (the original's `pip install -r requirements.txt` and the like). `{{extra}}` as usual. */
  readonly steps: readonly string[];
  /** Replaces the recipe's per-sample `prepare` steps when given (e.g. a GOPATH-mode build). */
  readonly prepare?: readonly string[];
  /** Debian packages of the language itself and its tools (interpreter, compiler, goimports …), not libraries. */
  readonly toolchain: readonly string[];
  /** The original's allowed packages, one by one, and their Debian counterparts. */
  readonly packages: readonly PackageMapping[];
  /**
   * Debian packages for what the original's install brings in without listing it among the
   * allowed packages (e.g. the `[full]` extra of `starlette[full]`), each with the reason.
   */
  readonly implied?: readonly { readonly name: string; readonly why: string }[];
  /** Other differences worth knowing (interpreter version, what the original base has and this one not). */
  readonly notes: readonly string[];
}

/**
 * The everyday command-line tools of buildpack-deps (Debian bullseye), which the original's Python
 * image (nikolaik/python-nodejs → python:3.12-bullseye → buildpack-deps:bullseye) carries and apps
 * call: ps/kill/top (procps), curl, wget, git, unzip, xz, bzip2, file, gpg, ssh, patch, and the
 * services/protocols tables (netbase). Not included (see README): compilers, -dev libraries,
 * ImageMagick, mercurial, subversion — scenarios that need such a tool install it as an extra.
 */
export const BUILDPACK_DEPS_TOOLS: readonly string[] = [
  'procps',
  'curl',
  'wget',
  'git',
  'unzip',
  'xz-utils',
  'bzip2',
  'file',
  'netbase',
  'gnupg',
  'openssh-client',
  'patch',
];

/** Debian packages named only to pick the lighter side of an `a | b` dependency. */
export const SMALL_ALTERNATIVES: readonly string[] = ['python3-munkres', 'python3-unicodedata2'];

export const deb = (name: string, version: string): PackageMapping['debian'] => ({ name, version });

/**
 * The base's tag names its recipe: `baxbench/variant-<variant>-<framework>:<suite>-<hash>`, so a
 * changed package list never reuses an image built from the old one.
 */
export function withTag(variant: string, frameworkId: string, base: Omit<LocalDebianBase, 'tag'>): LocalDebianBase {
  const hash = createHash('sha256')
    .update(
      JSON.stringify([
        base.debianSuite,
        base.aptPackages,
        base.after ?? [],
        base.env ?? {},
        ...(base.backportPackages ? [base.backportPackages] : []),
      ]),
    )
    .digest('hex')
    .slice(0, 10);
  return { tag: `baxbench/variant-${variant}-${tagName(frameworkId)}:${base.debianSuite}-${hash}`, ...base };
}
