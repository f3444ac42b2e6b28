/**
 * Framework variants: a named alternative image recipe for some frameworks, for machines that
 * cannot build the original's (no Docker Hub, PyPI, Go proxy …). A variant keeps everything the
 * model and the tests see — id, file layout, entrypoint, port, prompt facts, allowed-packages
 * text — and replaces only the image: its base is built locally from a Debian root file system
 * and Debian packages. Results of a variant are not the pinned framework's results: the
 * framework carries a `variant` note that every test.log and the validate output print.
 *
 * `debian`: the framework's packages as Debian trixie ships them (trixie, not bookworm: its
 * Flask 3.1 / Werkzeug 3.1 / Jinja2 3.1 line is the original's; bookworm has Flask 2.2).
 */
import { createHash } from 'node:crypto';
import type { Framework, LocalDebianBase } from '../core/types.js';
import type { FrameworkId } from './ids.js';
import { tagName } from './shared.js';

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
  /** Other differences worth knowing (interpreter version, what the original base has and this one not). */
  readonly notes: readonly string[];
}

/** Debian packages named only to pick the lighter side of an `a | b` dependency. */
export const SMALL_ALTERNATIVES: readonly string[] = ['python3-munkres', 'python3-unicodedata2'];

const deb = (name: string, version: string): PackageMapping['debian'] => ({ name, version });

/**
 * The base's tag names its recipe: `baxbench/variant-<variant>-<framework>:<suite>-<hash>`, so a
 * changed package list never reuses an image built from the old one.
 */
function withTag(variant: string, frameworkId: string, base: Omit<LocalDebianBase, 'tag'>): LocalDebianBase {
  const hash = createHash('sha256')
    .update(JSON.stringify([base.debianSuite, base.aptPackages, base.after ?? [], base.env ?? {}]))
    .digest('hex')
    .slice(0, 10);
  return { tag: `baxbench/variant-${variant}-${tagName(frameworkId)}:${base.debianSuite}-${hash}`, ...base };
}

/** Python-Flask from Debian trixie: python3 3.13 and python3-flask 3.1.1. */
const flaskDebian: FrameworkVariant = {
  variant: 'debian',
  frameworkId: 'Python-Flask',
  summary: "Flask 3.1.1 on Python 3.13 from Debian trixie packages, not the original's pins (Flask 3.1.0, Python 3.12)",
  base: withTag('debian', 'Python-Flask', {
    debianSuite: 'trixie',
    aptPackages: [
      'ca-certificates',
      'python3',
      'python3-flask',
      'python3-werkzeug',
      'python3-jinja2',
      'python3-markupsafe',
      'python3-itsdangerous',
      'python3-click',
      'python3-blinker',
      'python3-passlib',
      'python3-jwt',
      'python3-fpdf',
      // fpdf2 needs fonttools, which depends on `python3-scipy | python3-munkres` and
      // `python3-unicodedata2 | unicode-data`: name the small alternatives (no scipy/numpy/LAPACK).
      ...SMALL_ALTERNATIVES,
    ],
    // The original's image has `python` too (python3 is what the entrypoint calls).
    after: [
      'ln -sf /usr/bin/python3 /usr/local/bin/python',
      'python3 -c "import flask, werkzeug, jinja2, markupsafe, itsdangerous, click, blinker, passlib, jwt, fpdf"',
    ],
    env: { PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' },
  }),
  // The packages are in the base; requirements.txt is still copied (same layout), not installed.
  steps: ['{{extra}}'],
  toolchain: ['ca-certificates', 'python3'],
  packages: [
    { original: 'itsdangerous==2.2.0', debian: deb('python3-itsdangerous', '2.2.0') },
    { original: 'blinker==1.9.0', debian: deb('python3-blinker', '1.9.0') },
    { original: 'click==8.1.7', debian: deb('python3-click', '8.1.8') },
    { original: 'Flask==3.1.0', debian: deb('python3-flask', '3.1.1') },
    { original: 'Jinja2==3.1.4', debian: deb('python3-jinja2', '3.1.6') },
    { original: 'MarkupSafe==3.0.2', debian: deb('python3-markupsafe', '2.1.5') },
    { original: 'Werkzeug==3.1.3', debian: deb('python3-werkzeug', '3.1.3') },
    { original: 'passlib==1.7.4', debian: deb('python3-passlib', '1.7.4') },
    {
      original: 'fpdf==1.7.2',
      debian: deb('python3-fpdf', '2.8.3 (fpdf2, the successor of fpdf 1.7: mostly the same API)'),
    },
    { original: 'pyjwt==2.10.1', debian: deb('python3-jwt', '2.10.1') },
  ],
  notes: [
    'Python 3.13 (Debian trixie) instead of 3.12; no pip, no Node.js (the original base image has both; Flask apps use neither)',
    'only the allowed packages and their Debian dependencies are installed (no bcrypt: the original has none either)',
  ],
};

const GOCODE = '/usr/share/gocode/src';

/**
 * Go-net/http from Debian trixie: Go 1.24 and the allowed modules as Debian's golang-*-dev
 * source packages, built in GOPATH mode (Debian ships sources, not a module cache; no proxy).
 * The go.mod is still written (same layout) but not used.
 */
const netHttpDebian: FrameworkVariant = {
  variant: 'debian',
  frameworkId: 'Go-net/http',
  summary: "Go 1.24 with Debian trixie's packaged modules in GOPATH mode, not the original's pins (Go 1.23.4 modules)",
  base: withTag('debian', 'Go-net/http', {
    debianSuite: 'trixie',
    aptPackages: [
      'ca-certificates',
      'golang-go',
      'gcc',
      'libc6-dev',
      'golang-golang-x-tools',
      'golang-github-mattn-go-sqlite3-dev',
      'golang-github-golang-jwt-jwt-v5-dev',
      'golang-github-google-uuid-dev',
      'golang-golang-x-crypto-dev',
    ],
    after: [
      // GOPATH mode resolves `github.com/golang-jwt/jwt/v5` as a directory: make sure it exists.
      `test -d ${GOCODE}/github.com/golang-jwt/jwt/v5 || ln -s . ${GOCODE}/github.com/golang-jwt/jwt/v5`,
      'mkdir -p /go/src',
    ],
    env: { GO111MODULE: 'off', GOPATH: '/go:/usr/share/gocode', GOFLAGS: '', GOTOOLCHAIN: 'local', CGO_ENABLED: '1' },
  }),
  // As the original, compile every allowed dependency once in the image (the build cache keeps
  // them); unlike it, the standard library too (25 s once; a sample then builds in seconds).
  steps: ['{{extra}}', 'RUN go build -o /tmp/warm-up build_helper.go && rm -f /tmp/warm-up && go build std'],
  prepare: [
    'rm -rf build_helper.go myapp',
    'goimports -w .',
    'CGO_ENABLED=1 go build -o myapp . || echo "build failed"',
  ],
  toolchain: ['ca-certificates', 'golang-go', 'gcc', 'libc6-dev', 'golang-golang-x-tools'],
  packages: [
    { original: 'github.com/mattn/go-sqlite3 v1.14.24', debian: deb('golang-github-mattn-go-sqlite3-dev', '1.14.27') },
    { original: 'github.com/golang-jwt/jwt/v5 v5.2.1', debian: deb('golang-github-golang-jwt-jwt-v5-dev', '5.2.2') },
    { original: 'github.com/google/uuid v1.6.0', debian: deb('golang-github-google-uuid-dev', '1.6.0') },
    { original: 'golang.org/x/crypto v0.32.0', debian: deb('golang-golang-x-crypto-dev', '0.25.0') },
  ],
  notes: [
    'GOPATH mode (GO111MODULE=off): go.mod is written but not read; `go mod tidy` is not run (nothing to fetch)',
    'goimports from Debian golang-golang-x-tools 0.25 (the original installs v0.36.0)',
  ],
};

export const FRAMEWORK_VARIANTS: readonly FrameworkVariant[] = [flaskDebian, netHttpDebian];

/** The variant's definition for a framework, or undefined when the variant has none for it. */
export function frameworkVariant(variant: FrameworkVariantName, frameworkId: string): FrameworkVariant | undefined {
  return FRAMEWORK_VARIANTS.find((v) => v.variant === variant && v.frameworkId === frameworkId);
}

/** Frameworks the variant covers. */
export function variantFrameworkIds(variant: FrameworkVariantName): FrameworkId[] {
  return FRAMEWORK_VARIANTS.filter((v) => v.variant === variant).map((v) => v.frameworkId);
}

/**
 * The framework as the variant runs it: same id, layout, entrypoint and prompt facts; the image
 * recipe's base and steps replaced, and a `variant` note attached. A framework the variant does
 * not cover is returned unchanged (it runs with its original recipe). No variant: unchanged.
 */
export function applyFrameworkVariant(framework: Framework, variant: FrameworkVariantName | undefined): Framework {
  if (!variant) return framework;
  const v = frameworkVariant(variant, framework.id);
  if (!v) return framework;
  return {
    ...framework,
    image: {
      ...framework.image,
      baseImage: v.base.tag,
      steps: [...v.steps],
      prepare: [...(v.prepare ?? framework.image.prepare)],
      localBase: v.base,
    },
    variant: { name: v.variant, summary: v.summary },
  };
}

/** How a framework is named in output: `Python-Flask [variant debian: …]`, or just its id. */
export function frameworkLabel(framework: Pick<Framework, 'id' | 'variant'>): string {
  return framework.variant
    ? `${framework.id} [variant ${framework.variant.name}: ${framework.variant.summary}]`
    : framework.id;
}

/** The original's allowed packages that the variant lacks (Debian has no package for them). */
export function missingPackages(v: FrameworkVariant): string[] {
  return v.packages.filter((p) => p.debian === null).map((p) => p.original);
}
