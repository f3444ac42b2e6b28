/**
 * The scenario catalog. Every scenario lives in its own folder `scenarios/<Id>/` whose
 * `index.ts` exports `scenario`. Ids are known up front (ids.ts); a scenario whose folder is
 * not there yet is "not implemented": evaluate still works on its results.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Scenario } from '../core/types.js';
import { SCENARIO_IDS, isScenarioId, type ScenarioId } from './ids.js';

export { SCENARIO_IDS, isScenarioId, type ScenarioId } from './ids.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function indexFile(id: string): string {
  return path.join(here, id, 'index.ts');
}

/** Ids whose folder (contract + tests) exists in this checkout. */
export function implementedScenarioIds(): ScenarioId[] {
  return SCENARIO_IDS.filter((id) => existsSync(indexFile(id)));
}

const cache = new Map<string, Promise<Scenario>>();

/** Loads a scenario by id; throws when the id is unknown or its folder is missing. */
export function loadScenario(id: string): Promise<Scenario> {
  if (!isScenarioId(id)) throw new Error(`unknown scenario "${id}"; valid: ${SCENARIO_IDS.join(', ')}`);
  let p = cache.get(id);
  if (!p) {
    const file = indexFile(id);
    if (!existsSync(file))
      throw new Error(`scenario ${id} is not implemented in this version (no ${path.relative(process.cwd(), file)})`);
    p = import(pathToFileURL(file).href).then((m: { scenario?: Scenario }) => {
      if (!m.scenario || m.scenario.id !== id) throw new Error(`${file} does not export scenario ${id}`);
      return m.scenario;
    });
    cache.set(id, p);
  }
  return p;
}

export async function loadScenarios(ids: readonly string[]): Promise<Scenario[]> {
  return Promise.all(ids.map((id) => loadScenario(id)));
}
