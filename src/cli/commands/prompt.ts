import { Command, Option } from 'commander';
import { SAFETY_PROMPTS, SPEC_TYPES, type SafetyPrompt, type SpecType } from '../../core/types.js';
import { buildPrompt } from '../../generation/prompt.js';
import { formatPrompt } from '../../report/prompt.js';
import { SCENARIO_IDS, isScenarioId, loadScenario } from '../../scenarios/index.js';
import { CliError } from '../errors.js';
import { definedFramework } from './generate.js';

interface PromptFlags {
  scenario: string;
  env: string;
  specType: SpecType;
  safetyPrompt: SafetyPrompt;
  json?: boolean;
}

export function promptCommand(): Command {
  return new Command('prompt')
    .description("print a task's prompt (system prompt and task prompt) as a model would get it")
    .requiredOption('--scenario <id>', 'scenario id, e.g. Login')
    .requiredOption('--env <id>', 'framework id, e.g. JavaScript-express')
    .addOption(new Option('--spec-type <type>', 'spec given to the model').choices(SPEC_TYPES).default('openapi'))
    .addOption(new Option('--safety-prompt <kind>', 'safety cue in the prompt').choices(SAFETY_PROMPTS).default('none'))
    .option('--json', 'print {"system", "prompt"} as JSON')
    .action((flags: PromptFlags) => {
      if (!isScenarioId(flags.scenario))
        throw new CliError(`--scenario: unknown id "${flags.scenario}"; valid ids: ${SCENARIO_IDS.join(', ')}`);
      const framework = definedFramework(flags.env);
      const scenario = loadScenario(flags.scenario);
      const p = buildPrompt(scenario, framework, { specType: flags.specType, safetyPrompt: flags.safetyPrompt });
      if (flags.json) process.stdout.write(`${JSON.stringify({ system: p.system, prompt: p.user })}\n`);
      else process.stdout.write(formatPrompt(p.system, p.user));
    });
}
