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
import type { Framework } from '../core/types.js';
import type { FrameworkId } from './ids.js';
import { ginDebian } from './variants/debian-go-gin.js';
import { netHttpDebian } from './variants/debian-go-net-http.js';
import { aiohttpDebian } from './variants/debian-python-aiohttp.js';
import { djangoDebian } from './variants/debian-python-django.js';
import { fastapiDebian } from './variants/debian-python-fastapi.js';
import { lumenDebian } from './variants/debian-php-lumen.js';
import { flaskDebian } from './variants/debian-python-flask.js';
import { railsDebian } from './variants/debian-ruby-rails.js';
import { actixDebian } from './variants/debian-rust-actix.js';
import type { FrameworkVariant, FrameworkVariantName } from './variants/shared.js';

export {
  BUILDPACK_DEPS_TOOLS,
  FRAMEWORK_VARIANT_NAMES,
  type FrameworkVariant,
  type FrameworkVariantName,
  isFrameworkVariantName,
  type PackageMapping,
  SMALL_ALTERNATIVES,
} from './variants/shared.js';

/** Every variant definition, one file each under variants/ (`<variant>-<framework>.ts`). */
export const FRAMEWORK_VARIANTS: readonly FrameworkVariant[] = [
  flaskDebian,
  fastapiDebian,
  djangoDebian,
  aiohttpDebian,
  netHttpDebian,
  ginDebian,
  lumenDebian,
  railsDebian,
  actixDebian,
];

/**
 * Frameworks a variant cannot cover, and why (said by `setup`, `test`, `validate` and README):
 * Debian has no Fiber, so Go-Fiber runs only on its original image (golang:1.23-bullseye + the
 * Go module proxy).
 */
const VARIANT_GAPS: Readonly<Record<FrameworkVariantName, Partial<Record<FrameworkId, string>>>> = {
  debian: { 'Go-Fiber': 'Fiber is not packaged in Debian' },
};

/** Every framework the variant cannot cover, with why. */
export function variantGaps(variant: FrameworkVariantName): [string, string][] {
  return Object.entries(VARIANT_GAPS[variant] as Readonly<Record<string, string>>);
}

/** Why the variant has no definition for the framework, when that is known. */
export function variantGap(variant: FrameworkVariantName, frameworkId: string): string | undefined {
  return (VARIANT_GAPS[variant] as Readonly<Record<string, string>>)[frameworkId];
}

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
      // A variant's packages are all in its image (Debian's): its build never fetches anything.
      prepareNeedsNetwork: false,
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
