import path from 'node:path';
import { Command, Option } from 'commander';
import { ALL_FRAMEWORKS } from '../../frameworks/index.js';
import { FRAMEWORK_VARIANTS, type FrameworkVariantName, variantGaps } from '../../frameworks/variants.js';
import { baseStatusLine, buildLogLine, caCertsLine, engineLine, otherBaseLine } from '../../report/setup.js';
import { defaultLogDir, fileBuildReporter, logFileName, type BaseImageMode } from '../../sandbox/index.js';
import { CliError } from '../errors.js';
import { addVariantOption } from '../options.js';
import { buildStatus, LiveLine } from '../progress.js';
import { checkedBackend } from '../sandbox.js';

interface SetupFlags {
  baseImages: BaseImageMode;
  caCert?: string[];
  noDefaultCaCerts?: boolean;
  debianMirror: string;
  quiet?: boolean;
  rebuild?: boolean;
  logFile?: string;
  /** false with --no-cache */
  cache?: boolean;
  frameworkVariant?: FrameworkVariantName;
  /** --envs: with --framework-variant, only these frameworks' variant bases */
  envs?: string[];
}

export function setupCommand(): Command {
  const cmd = new Command('setup')
    .description(
      'check the Docker engine and prepare base images (pulled, or built locally from Debian packages where no registry answers)',
    )
    .addOption(
      new Option('--base-images <mode>', 'auto: pull, else build locally; pull: only pull; local: only build locally')
        .choices(['auto', 'pull', 'local'])
        .default('auto'),
    )
    .option(
      '--ca-cert <files...>',
      'extra CA certificates (PEM) to trust in images, for builds behind a TLS-inspecting proxy',
    )
    .option('--no-default-ca-certs', 'do not add NODE_EXTRA_CA_CERTS and /usr/local/share/ca-certificates/*.crt')
    .option('--debian-mirror <url>', 'Debian mirror for debootstrap', 'http://deb.debian.org/debian')
    .option(
      '--rebuild',
      'build the local base images again even when present (e.g. after changing CA certificates); framework images follow automatically',
    )
    .option(
      '--no-cache',
      "with --rebuild: build every step again instead of reusing Docker's layer cache (an unchanged recipe otherwise rebuilds in seconds from the cache)",
    )
    .option(
      '--log-file <file>',
      'where the full output of image builds goes (default: ~/.cache/baxbench/logs/setup-<time>.log, or $BAXBENCH_LOG_DIR)',
    )
    .option('--quiet', 'print only the summary')
    .option(
      '--envs <frameworks...>',
      "with --framework-variant: build only these frameworks' variant bases (default: every framework the variant covers)",
    );
  addVariantOption(cmd);
  return cmd.action(async (flags: SetupFlags & { defaultCaCerts?: boolean }) => {
    checkEnvs(flags);
    const { backend, version } = await checkedBackend();
    const live = new LiveLine();
    const say = (l: string): void => {
      if (!flags.quiet) live.print(l);
    };
    live.print(engineLine(backend.name, version));
    const caCerts = [...(flags.defaultCaCerts === false ? [] : backend.defaultCaCerts()), ...(flags.caCert ?? [])];
    if (caCerts.length > 0) say(caCertsLine(caCerts));
    // One progress line per image; the full output (debootstrap, apt, npm …) in the log file.
    const tookMs = new Map<string, number>();
    const status = buildStatus(
      (render) => {
        if (!flags.quiet) live.show(render);
      },
      () => live.width,
    );
    const report = fileBuildReporter(path.resolve(flags.logFile ?? path.join(defaultLogDir(), logFileName('setup'))), {
      note: say,
      progress: (p) => {
        if (p.state !== 'running') tookMs.set(p.image, Date.now() - p.startedAt);
        status(p);
      },
    });
    const fail = (what: string, e: unknown): CliError => {
      live.end();
      const first = (e as Error).message.split('\n')[0] ?? '';
      const log = report.written && !first.includes(report.logFile) ? ` (full output: ${report.logFile})` : '';
      return new CliError(`setup: ${what}${first}${log}`, 1);
    };
    const opts = {
      caCerts,
      debianMirror: flags.debianMirror,
      rebuild: flags.rebuild === true,
      noCache: flags.cache === false,
      report,
    };
    try {
      const statuses = await backend.ensureBaseImages({ ...opts, mode: flags.baseImages });
      for (const s of statuses) live.print(baseStatusLine(s, { tookMs: tookMs.get(s.tag) }));
    } catch (e) {
      throw fail('', e);
    }
    // Other languages' bases: report what is missing (their registries may be unreachable here).
    const local = new Set(backend.localBaseTags);
    const others = [...new Set(ALL_FRAMEWORKS.map((f) => f.image.baseImage))].filter((t) => !local.has(t));
    for (const tag of others) live.print(otherBaseLine(tag, await backend.imageExists(tag)));
    // Framework variants' bases: built locally from Debian packages (they exist in no registry).
    if (flags.frameworkVariant) {
      const covered = FRAMEWORK_VARIANTS.filter((x) => x.variant === flags.frameworkVariant);
      for (const v of covered.filter((x) => !flags.envs || flags.envs.includes(x.frameworkId))) {
        try {
          const s = await backend.ensureVariantBase(v.base, opts);
          live.print(
            baseStatusLine(s, {
              tookMs: tookMs.get(s.tag),
              what: `${v.frameworkId}, variant ${v.variant}: ${v.summary}`,
            }),
          );
        } catch (e) {
          throw fail(`${v.frameworkId} variant ${v.variant}: `, e);
        }
      }
      for (const [id, why] of variantGaps(flags.frameworkVariant))
        live.print(`${id}: no ${flags.frameworkVariant} variant (${why}); it needs its original base image`);
    }
    if (report.written) live.print(buildLogLine(report.logFile));
    live.end();
  });
}

/** --envs needs --framework-variant and names only frameworks it covers (checked before any work). */
function checkEnvs(flags: SetupFlags): void {
  if (!flags.envs) return;
  if (!flags.frameworkVariant)
    throw new CliError(
      '--envs only selects variant bases: give --framework-variant too (e.g. --framework-variant debian)',
    );
  const covered: string[] = FRAMEWORK_VARIANTS.filter((x) => x.variant === flags.frameworkVariant).map(
    (v) => v.frameworkId,
  );
  const unknown = flags.envs.filter((id) => !covered.includes(id));
  if (unknown.length > 0)
    throw new CliError(
      `--envs: no ${flags.frameworkVariant} variant for ${unknown.join(', ')}; it covers ${covered.join(', ')}`,
    );
}
