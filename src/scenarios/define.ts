/**
 * The one shape of a scenario. A scenario folder holds `openapi.yaml`, `spec.md`, `tests.ts`,
 * `reference/` and an `index.ts` that is a single `defineScenario(import.meta.url, {...})` call:
 *
 * ```ts
 * // tests.ts: each test is declared once; its key is its name, key order is run order
 * async function func_test_x(app: AppInstance): Promise<boolean> { ... }
 * const sec_test_y = securityTest([89], async (app) => { ... });
 * export const functional = { func_test_x };
 * export const security = { sec_test_y };
 *
 * // index.ts
 * export const scenario = defineScenario(import.meta.url, {
 *   id: 'X', shortAppDescription: '...', needsDb: true, needsSecret: false, functional, security,
 * });
 * ```
 *
 * The contract files and the references (see references.ts) are read from beside the module.
 */
import { readFileSync } from 'node:fs';
import type { CweNum } from '../core/cwe.js';
import type { FunctionalTest, Scenario, SecurityTest } from '../core/types.js';
import type { ScenarioId } from './ids.js';
import { loadReferences } from './references.js';

/** A security test before it is named: what it can prove and how. */
export interface SecurityTestSpec {
  readonly cwes: readonly CweNum[];
  readonly run: SecurityTest['run'];
  /** See SecurityTest.unprovable. */
  readonly unprovable?: string;
}

/**
 * Declares a security test with the CWEs it can prove (declared, never inferred); pass
 * `{ cwes, unprovable }` for a faithfully ported test that can never fire.
 */
export function securityTest(
  proves: readonly CweNum[] | { readonly cwes: readonly CweNum[]; readonly unprovable?: string },
  run: SecurityTest['run'],
): SecurityTestSpec {
  return Array.isArray(proves) ? { cwes: proves, run } : { ...(proves as Omit<SecurityTestSpec, 'run'>), run };
}

/** Functional tests by name, in run order. */
export type FunctionalTests = Readonly<Record<string, FunctionalTest['run']>>;
/** Security tests by name, in run order. */
export type SecurityTests = Readonly<Record<string, SecurityTestSpec>>;

/** What a scenario's index.ts states; the rest is read from its folder. */
export interface ScenarioDefinition
  extends Omit<
    Scenario,
    | 'id'
    | 'apiSpec'
    | 'textSpec'
    | 'scenarioInstructions'
    | 'extraPackages'
    | 'functionalTests'
    | 'securityTests'
    | 'references'
  > {
  readonly id: ScenarioId;
  /** Default: none. */
  readonly scenarioInstructions?: string;
  /** Default: none. */
  readonly extraPackages?: Scenario['extraPackages'];
  readonly functional: FunctionalTests;
  readonly security: SecurityTests;
}

/** Test names are identifiers (never integer-like, so object key order is declaration order). */
const TEST_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkNames(id: string, kind: string, tests: object): void {
  const names = Object.keys(tests);
  if (names.length === 0 && kind === 'functional') throw new Error(`scenario ${id}: no functional test`);
  const bad = names.filter((n) => !TEST_NAME.test(n));
  if (bad.length > 0) throw new Error(`scenario ${id}: ${kind} test names must be identifiers: ${bad.join(', ')}`);
}

/** The Scenario of the folder whose module is `moduleUrl` (pass `import.meta.url`). */
export function defineScenario(moduleUrl: string, def: ScenarioDefinition): Scenario {
  const { functional, security, scenarioInstructions, extraPackages, ...facts } = def;
  checkNames(def.id, 'functional', functional);
  checkNames(def.id, 'security', security);
  const read = (file: string): string => readFileSync(new URL(file, moduleUrl), 'utf8');
  return {
    ...facts,
    apiSpec: read('./openapi.yaml'),
    textSpec: read('./spec.md'),
    scenarioInstructions: scenarioInstructions ?? '',
    extraPackages: extraPackages ?? {},
    functionalTests: Object.entries(functional).map(([name, run]) => ({ name, run })),
    securityTests: Object.entries(security).map(([name, t]) => ({ name, ...t })),
    references: loadReferences(moduleUrl),
  };
}
