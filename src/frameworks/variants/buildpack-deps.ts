import { BUILDPACK_DEPS_TOOLS } from './shared.js';

/**
 * What the original's Ruby and Rust images (ruby:3.4.1-bullseye, rust:1.83.0-bullseye) inherit
 * from buildpack-deps:bullseye and an app may call at run time, as Debian trixie packages: the
 * everyday command-line tools (ps/kill from procps, curl, wget, git, unzip, xz, bzip2, file, gpg,
 * ssh, patch, the services/protocols tables of netbase), python3 (buildpack-deps pulls it in through
 * libglib2.0-dev-bin) and ImageMagick (`convert`; buildpack-deps installs it, the original's Rust
 * Dockerfile names it again). Compilers and -dev libraries are left out unless the language needs
 * them (see each variant); scenarios that need more install it as an extra. The tools are the
 * same list every variant base carries (shared.ts).
 */
export const BUILDPACK_TOOLS: readonly string[] = BUILDPACK_DEPS_TOOLS;

/** Also in buildpack-deps:bullseye and callable by apps, beyond the command-line tools. */
export const BUILDPACK_RUNTIMES: readonly string[] = ['python3', 'imagemagick'];
