/**
 * The contracts every layer shares: frameworks, scenarios, the AppInstance a test sees,
 * tasks and samples. Pure types — no concrete scenario or framework lives here.
 */
import type { CweNum } from './cwe.js';

export const LANGUAGES = ['Python', 'JavaScript', 'Go', 'PHP', 'Ruby', 'Rust'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SPEC_TYPES = ['openapi', 'text'] as const;
export type SpecType = (typeof SPEC_TYPES)[number];

export const SAFETY_PROMPTS = ['none', 'generic', 'specific'] as const;
export type SafetyPrompt = (typeof SAFETY_PROMPTS)[number];

/** Extra packages a scenario needs in the framework image. */
export interface ExtraPackages {
  /** Debian packages, installed with apt-get in every language's image (ffmpeg, imagemagick …). */
  readonly apt?: readonly string[];
  /** npm packages (`name@version` or `name`), installed in JavaScript images only. */
  readonly npm?: readonly string[];
}

/** How a framework's dependency image is made; the sandbox turns this into a Dockerfile. */
export interface ImageRecipe {
  /** Base image reference, e.g. `node:22.12-bullseye` (the original's). */
  readonly baseImage: string;
  /**
   * Dockerfile lines after FROM that install the framework's dependencies, with the manifests
   * already copied into the workdir. `{{extra}}` is where scenario extra packages go.
   */
  readonly steps: readonly string[];
  /** Environment variables set in the image (APP_SECRET …). */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Steps run on a fresh container from the dependency image with the sample's code in place,
   * before the app starts (compilation, e.g. `npm run build` for NestJS, `go build` for Go).
   * Empty for interpreted single-file frameworks.
   */
  readonly prepare: readonly string[];
  /**
   * Whether the `prepare` steps must fetch packages (e.g. `go mod tidy`, `composer install`,
   * `bundler install`, `cargo build` with the original's pins): only then does the build container
   * get a network (the engine's default bridge); every other build runs with no network at all.
   */
  readonly prepareNeedsNetwork?: boolean;
  /**
   * How to make `baseImage` locally from Debian packages (debootstrap + apt-get) when it is not
   * there: set by framework variants whose base exists in no registry.
   */
  readonly localBase?: LocalDebianBase;
}

/** A base image made from a Debian root file system and Debian packages, nothing else. */
export interface LocalDebianBase {
  /** The tag it gets (the recipe's baseImage). */
  readonly tag: string;
  /** Debian suite for debootstrap, e.g. bookworm, trixie. */
  readonly debianSuite: string;
  /** Debian packages to install (apt-get install --no-install-recommends). */
  readonly aptPackages: readonly string[];
  /**
   * Packages taken from `<suite>-backports` instead (installed in the same step, e.g. a newer
   * Django than the suite has); the rest of the install stays on the suite.
   */
  readonly backportPackages?: readonly string[];
  /** Shell commands run after the install (links, checks), each its own RUN. */
  readonly after?: readonly string[];
  /** Environment set in the base image. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Set on a framework whose image recipe was replaced by a named variant (e.g. `debian`: the
 * framework's packages from Debian instead of the original's pins). Id, file layout, entrypoint
 * and prompt are the framework's own; only the image differs, and every log says so.
 */
export interface FrameworkVariantNote {
  /** The variant's name, e.g. `debian`. */
  readonly name: string;
  /** One line saying what is different, e.g. `Flask 3.1.1 from Debian trixie, not the original's pins`. */
  readonly summary: string;
}

/** A framework: language + web framework + the image it runs in. */
export interface Framework {
  /** The original's env id: `${language}-${name}`, e.g. `JavaScript-express`, `Go-net/http`. */
  readonly id: string;
  readonly language: Language;
  /** The framework's name as the prompt says it: express, net/http, Flask … */
  readonly name: string;
  /** File extension of source files (js, ts, py, go, php, rb, rs). */
  readonly extension: string;
  readonly workdir: string;
  /** Name of the SQLite file the prompt asks for, relative to workdir. */
  readonly sqliteDatabase: string;
  readonly port: number;
  readonly isMultiFile: boolean;
  /** Where single-file code goes (relative to workdir); null for multi-file frameworks. */
  readonly codeFilename: string | null;
  /** Files written into the workdir before dependencies install (package.json, go.mod …). */
  readonly manifestFiles: Readonly<Record<string, string>>;
  /** The allowed-packages text shown to the model. */
  readonly allowedPackages: string;
  /** Framework-specific prompt instructions. */
  readonly instructions: string;
  /** The command that starts the app (the original's ENTRYPOINT, shell form). */
  readonly entrypoint: string;
  /** How long the app may take to answer its first request, in ms. */
  readonly startTimeoutMs: number;
  readonly image: ImageRecipe;
  /** Present when the image recipe is a variant's, not the original's (see frameworks/variants.ts). */
  readonly variant?: FrameworkVariantNote;
}

/** The few framework facts a test may read. */
export interface FrameworkFacts {
  readonly id: string;
  readonly language: Language;
  readonly workdir: string;
  readonly sqliteDatabase: string;
}

export interface TestLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Raised by AppInstance.readFile when the file does not exist in the sandbox. */
export class FileNotFoundInSandbox extends Error {
  constructor(readonly path: string) {
    super(`file not found in the sandbox: ${path}`);
    this.name = 'FileNotFoundInSandbox';
  }
}

/** Everything a test may touch, whatever the sandbox. */
export interface AppInstance {
  /** Absolute URL of a path on the running app, e.g. url('/login'). */
  url(path?: string): string;
  /** Reads a file inside the sandbox; throws FileNotFoundInSandbox when absent. */
  readFile(path: string): Promise<Buffer>;
  /** Writes a file inside the sandbox (parent folders are created). */
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** Runs a command inside the sandbox. */
  exec(argv: readonly string[], options?: { timeoutMs?: number }): Promise<ExecResult>;
  /** Whether the app's process is still alive. */
  isRunning(): Promise<boolean>;
  /** Current memory use of the sandbox; undefined when it cannot be read (e.g. it died). */
  memoryUsageBytes(): Promise<number | undefined>;
  /**
   * The highest memory use of the sandbox since it started (the same measure as memoryUsageBytes,
   * kept by the kernel, so no short peak is missed); undefined when it cannot be read.
   */
  memoryPeakBytes(): Promise<number | undefined>;
  /** Disk use under a path in the sandbox; undefined when it cannot be read. */
  diskUsageBytes(path: string): Promise<number | undefined>;
  /** The app's stdout and stderr so far. */
  logs(): Promise<string>;
  readonly framework: FrameworkFacts;
  /** The test's own log (goes to the sample's test.log). */
  readonly log: TestLog;
  /** Aborted when the test's time is up; pass it to fetch and loops. */
  readonly signal: AbortSignal;
}

export interface FunctionalTest {
  readonly name: string;
  /** true when the app behaves as the spec says. May throw (counted as an exception). */
  run(app: AppInstance): Promise<boolean>;
}

export interface SecurityTest {
  readonly name: string;
  /** The CWEs this test can prove (declared, never inferred from source text). */
  readonly cwes: readonly CweNum[];
  /** The CWEs proven (empty: none found), or null when the test could not be completed. */
  run(app: AppInstance): Promise<ReadonlySet<CweNum> | null>;
  /**
   * Set only when the original's test, ported faithfully, can never fire (an evident bug kept so
   * results stay comparable): why. validate then reports the test as unprovable instead of
   * demanding a variant that proves it.
   */
  readonly unprovable?: string;
}

/** A bundled sample: a secure reference solution or an insecure variant of a scenario. */
export interface ReferenceSample {
  /** `secure` for the reference solution, otherwise the variant's name. */
  readonly name: string;
  readonly framework: string;
  /** Folder (absolute) holding the sample's code files, laid out as the model would answer. */
  readonly dir: string;
  /** CWEs the security tests must prove on it (empty for the secure reference). */
  readonly expectedCwes: readonly CweNum[];
  /** Whether all functional tests should still pass (true for most variants). */
  readonly passesFunctional: boolean;
  /** What the variant gets wrong (for people reading validate's output and the code). */
  readonly why?: string;
  /**
   * Secure reference only: security tests of the scenario that no sample in this framework's
   * language can make fire (e.g. a regex bomb where the regex engine is linear-time), test name →
   * why. validate lists them instead of failing when no variant of the run proves them.
   */
  readonly inexpressible?: Readonly<Record<string, string>>;
}

export interface Scenario {
  /** The original's id: Login, Calculator, … */
  readonly id: string;
  readonly shortAppDescription: string;
  /** The OpenAPI contract (YAML text). */
  readonly apiSpec: string;
  /** The prose version of the contract. */
  readonly textSpec: string;
  readonly scenarioInstructions: string;
  readonly needsDb: boolean;
  readonly needsSecret: boolean;
  /** Extra packages per language; `all` goes to every language. */
  readonly extraPackages: Partial<Record<Language | 'all', ExtraPackages>>;
  /** CWEs to mention in the specific safety prompt beyond those of the security tests. */
  readonly additionalPotentialCwes?: readonly CweNum[];
  readonly functionalTests: readonly FunctionalTest[];
  readonly securityTests: readonly SecurityTest[];
  /** Secure references and insecure variants shipped with the scenario. */
  readonly references: readonly ReferenceSample[];
}

/** A task: one scenario × one framework for one model and prompt setting. */
export interface TaskKey {
  readonly model: string;
  readonly scenario: string;
  readonly framework: string;
  readonly temperature: number;
  readonly specType: SpecType;
  readonly safetyPrompt: SafetyPrompt;
}

/** A sample's code: relative path → content. */
export type SampleFiles = Readonly<Record<string, string>>;
