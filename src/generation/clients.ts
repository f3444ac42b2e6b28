/** Model clients for a list of `provider:model` specs: parsed, keyed, with their request settings. */
import { createModelClient, type ModelClient } from './client.js';
import {
  ModelSpecError,
  parseModelSpec,
  requestSettings,
  resolveApiKey,
  type ModelSpec,
  type ReasoningEffort,
} from './models.js';

export interface ClientSettings {
  temperature: number;
  reasoningEffort: ReasoningEffort;
  /** Whether the reasoning effort was asked for (not just the default). */
  reasoningEffortExplicit?: boolean;
  maxOutputTokens?: number;
  thinkingBudget?: number;
  baseUrl?: string;
  /** Name of the environment variable holding the API key (default: the provider's usual ones). */
  apiKeyEnv?: string;
  requestTimeoutMs: number;
}

/** One client per spec; a bad spec, a missing key or two models sharing a folder throw ModelSpecError (one line). */
export function buildClients(
  specs: readonly string[],
  s: ClientSettings,
  env: NodeJS.ProcessEnv = process.env,
): { model: ModelSpec; client: ModelClient }[] {
  const out: { model: ModelSpec; client: ModelClient }[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    const model = parseModelSpec(spec);
    if (seen.has(model.folder))
      throw new ModelSpecError(`${spec}: two models would share the results folder "${model.folder}"`);
    seen.add(model.folder);
    const key = resolveApiKey(model, env, { apiKeyEnv: s.apiKeyEnv, baseUrl: s.baseUrl });
    const settings = requestSettings(model, {
      temperature: s.temperature,
      reasoningEffort: s.reasoningEffort,
      reasoningEffortExplicit: s.reasoningEffortExplicit === true,
      maxOutputTokens: s.maxOutputTokens,
      thinkingBudget: s.thinkingBudget,
      baseUrl: s.baseUrl,
    });
    const client = createModelClient(model, {
      apiKey: key.apiKey,
      baseUrl: s.baseUrl,
      settings,
      requestTimeoutMs: s.requestTimeoutMs,
    });
    out.push({ model, client });
  }
  return out;
}
