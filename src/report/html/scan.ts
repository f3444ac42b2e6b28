/**
 * What a results tree holds, for the report's defaults: the model folders, the scenarios and
 * frameworks under them, the prompt settings (temp<t>-<spec>-<safety> folders) and the highest
 * sample index. Only folder names are read.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { esc } from '../../core/results.js';

export interface ScanResult {
  models: string[];
  /** scenario ids (as given in `known`) found under the models */
  scenarios: string[];
  frameworks: string[];
  /** task folder names (temp…-…-…) found, with how many task folders each */
  settings: Map<string, number>;
  /** highest sample index + 1 per setting folder name */
  samplesPerSetting: Map<string, number>;
}

async function dirs(p: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(p, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * Scans `<results>/<model>/<scenario>/<framework>/<setting>/sample<i>`. `models` limits the
 * model folders read; known ids map escaped folder names back to ids (Go-net-http → Go-net/http).
 */
export async function scanResults(
  resultsDir: string,
  known: { scenarios: readonly string[]; frameworks: readonly string[] },
  models?: readonly string[],
): Promise<ScanResult> {
  const scenarioByDir = new Map(known.scenarios.map((s) => [esc(s), s]));
  const frameworkByDir = new Map(known.frameworks.map((f) => [esc(f), f]));
  const out: ScanResult = {
    models: [],
    scenarios: [],
    frameworks: [],
    settings: new Map(),
    samplesPerSetting: new Map(),
  };
  const scenarios = new Set<string>();
  const frameworks = new Set<string>();
  const modelDirs = models ? models.map(esc) : await dirs(resultsDir);
  for (const m of modelDirs) {
    const sDirs = await dirs(path.join(resultsDir, m));
    let any = false;
    for (const sd of sDirs) {
      const scenario = scenarioByDir.get(sd);
      if (!scenario) continue;
      for (const fd of await dirs(path.join(resultsDir, m, sd))) {
        const framework = frameworkByDir.get(fd);
        if (!framework) continue;
        for (const setting of await dirs(path.join(resultsDir, m, sd, fd))) {
          if (!/^temp.+-.+-.+$/.test(setting)) continue;
          any = true;
          scenarios.add(scenario);
          frameworks.add(framework);
          out.settings.set(setting, (out.settings.get(setting) ?? 0) + 1);
          let max = out.samplesPerSetting.get(setting) ?? 0;
          for (const s of await dirs(path.join(resultsDir, m, sd, fd, setting))) {
            const sm = /^sample(\d+)$/.exec(s);
            if (sm) max = Math.max(max, Number(sm[1]) + 1);
          }
          out.samplesPerSetting.set(setting, max);
        }
      }
    }
    if (any) out.models.push(m);
  }
  out.scenarios = [...scenarios].sort();
  out.frameworks = [...frameworks].sort();
  return out;
}
