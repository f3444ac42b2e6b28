/**
 * The layer rules of DESIGN.md, enforced by dependency-cruiser (`npm run lint`).
 * Layers, top to bottom; a module may import only from its own layer or a lower one:
 *   index.ts > cli > report > pipeline > generation > testing > sandbox > scenarios > attacks > frameworks > core
 */
const LAYERS = ['cli', 'report', 'pipeline', 'generation', 'testing', 'sandbox', 'scenarios', 'attacks', 'frameworks', 'core'];

/** For each layer, a rule forbidding imports of every layer above it. */
const upward = LAYERS.slice(1).map((layer, i) => ({
  name: `no-upward-from-${layer}`,
  comment: `${layer}/ may import only layers below it (DESIGN.md: imports only point down)`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(0, i + 1).join('|')})/|^src/index\\.ts$` },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'core-imports-nothing-of-ours',
      comment: 'core/ is pure types and logic: it imports nothing else of the project',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'catalogs-only-from-pipeline-and-cli',
      comment: 'the scenario and framework catalogs are imported only by pipeline/, cli/ and the library entry',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(pipeline|cli|report)/|^src/index\\.ts$|^src/(scenarios|frameworks)/' },
      to: { path: '^src/(scenarios|frameworks)/index\\.ts$' },
    },
    {
      name: 'no-scenario-imports-another',
      comment: 'shared probes, fixtures and wire helpers live in attacks/',
      severity: 'error',
      from: { path: '^src/scenarios/([^/]+)/' },
      to: { path: '^src/scenarios/([^/]+)/', pathNot: '^src/scenarios/$1/' },
    },
    {
      name: 'cli-through-sandbox-interface',
      comment: 'the CLI reaches a sandbox backend only through the sandbox public interface (sandbox/index.ts)',
      severity: 'error',
      from: { path: '^src/(cli|report|pipeline)/' },
      to: { path: '^src/sandbox/(?!index\\.ts$|types\\.ts$)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/scenarios/[^/]+/reference/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
