/**
 * What the Go variants (net/http, Gin) share: Go 1.24 from Debian trixie, the allowed modules as
 * Debian's golang-*-dev source packages, GOPATH mode, and the everyday tools of the original's
 * golang:1.23-bullseye image, so an app that shells out finds what it would find there.
 */
import type { LocalDebianBase } from '../../core/types.js';
import type { FrameworkId } from '../ids.js';
import { deb, type PackageMapping, withTag } from './shared.js';

const GOCODE = '/usr/share/gocode/src';

/** The Go tool chain: compiler, cgo's C compiler and libc headers (go-sqlite3), goimports. */
export const GO_TOOLCHAIN: readonly string[] = [
  'ca-certificates',
  'golang-go',
  'gcc',
  'libc6-dev',
  'golang-golang-x-tools',
];

/**
 * The tools of the original's image: golang:1.23-bullseye is buildpack-deps:bullseye-scm (curl,
 * wget, netbase, gnupg; git, mercurial, openssh-client, subversion, procps) plus g++, gcc,
 * libc6-dev, make, pkg-config; the original's Dockerfile adds build-essential (so also dpkg-dev,
 * bzip2, xz-utils, patch) and, as for every image, the sqlite3 command. Not there (as in the
 * original): unzip, file, zip.
 */
export const GOLANG_IMAGE_TOOLS: readonly string[] = [
  'curl',
  'wget',
  'netbase',
  'gnupg',
  'git',
  'mercurial',
  'openssh-client',
  'subversion',
  'procps',
  'g++',
  'make',
  'pkg-config',
  'build-essential',
  'sqlite3',
];

/** The four modules every Go framework of the original allows, and Debian's packages for them. */
export const GO_COMMON_PACKAGES: readonly PackageMapping[] = [
  { original: 'github.com/mattn/go-sqlite3 v1.14.24', debian: deb('golang-github-mattn-go-sqlite3-dev', '1.14.27') },
  { original: 'github.com/golang-jwt/jwt/v5 v5.2.1', debian: deb('golang-github-golang-jwt-jwt-v5-dev', '5.2.2') },
  { original: 'github.com/google/uuid v1.6.0', debian: deb('golang-github-google-uuid-dev', '1.6.0') },
  { original: 'golang.org/x/crypto v0.32.0', debian: deb('golang-golang-x-crypto-dev', '0.25.0') },
];

/** The base of a Go variant: tool chain, tools, and the Debian packages of `packages`. */
export function goBase(frameworkId: FrameworkId, packages: readonly PackageMapping[]): LocalDebianBase {
  return withTag('debian', frameworkId, {
    debianSuite: 'trixie',
    aptPackages: [
      ...GO_TOOLCHAIN,
      ...GOLANG_IMAGE_TOOLS,
      ...packages.flatMap((p) => (p.debian ? [p.debian.name] : [])),
    ],
    after: [
      // GOPATH mode resolves `github.com/golang-jwt/jwt/v5` as a directory: make sure it exists.
      `test -d ${GOCODE}/github.com/golang-jwt/jwt/v5 || ln -s . ${GOCODE}/github.com/golang-jwt/jwt/v5`,
      'mkdir -p /go/src',
    ],
    env: { GO111MODULE: 'off', GOPATH: '/go:/usr/share/gocode', GOFLAGS: '', GOTOOLCHAIN: 'local', CGO_ENABLED: '1' },
  });
}

/**
 * As the original, compile every allowed dependency once in the image (the build cache keeps
 * them); unlike it, the standard library too (25 s once; a sample then builds in seconds).
 */
export const GO_STEPS: readonly string[] = [
  '{{extra}}',
  'RUN go build -o /tmp/warm-up build_helper.go && rm -f /tmp/warm-up && go build std',
];

/** The original's per-sample build (goimports, go build into ./myapp) in GOPATH mode: no `go mod tidy`. */
export const GO_PREPARE: readonly string[] = [
  'rm -rf build_helper.go myapp',
  'goimports -w .',
  'CGO_ENABLED=1 go build -o myapp . || echo "build failed"',
];

export const GO_NOTES: readonly string[] = [
  'GOPATH mode (GO111MODULE=off): go.mod is written but not read; `go mod tidy` is not run (nothing to fetch), so a sample importing a module outside the allowed list fails to build here where the original would download it',
  'goimports from Debian golang-golang-x-tools 0.25 (the original installs v0.36.0)',
  "the golang image's tools (curl, wget, git, mercurial, subversion, ssh, ps, gcc/g++, make, bzip2, xz, sqlite3) are installed; like the original, no unzip, zip or file",
];
