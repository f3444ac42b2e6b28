import { Command, Option } from 'commander';
import { ALL_FRAMEWORKS } from '../../frameworks/index.js';
import { FRAMEWORK_VARIANTS, type FrameworkVariantName, variantGaps } from '../../frameworks/variants.js';
import {
  buildLocalDebianBase,
  defaultCaCerts,
  ensureLocalDebianBase,
  ensureNodeBases,
  NODE_BASES,
  type BaseImageMode,
} from '../../sandbox/docker/base-images.js';
import { checkEngine, DockerUnavailableError, imageExists } from '../../sandbox/docker/engine.js';
import { CliError } from '../errors.js';
import { addVariantOption } from '../options.js';

interface SetupFlags {
  baseImages: BaseImageMode;
  caCert?: string[];
  noDefaultCaCerts?: boolean;
  debianMirror: string;
  quiet?: boolean;
  rebuild?: boolean;
  frameworkVariant?: FrameworkVariantName;
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
    .option('--quiet', 'print only the summary');
  addVariantOption(cmd);
  return cmd.action(async (flags: SetupFlags & { defaultCaCerts?: boolean }) => {
    let version: string;
    try {
      version = await checkEngine();
    } catch (e) {
      if (e instanceof DockerUnavailableError) throw new CliError(e.message, 1);
      throw e;
    }
    const say = (l: string): void => {
      if (!flags.quiet) process.stderr.write(`${l}\n`);
    };
    process.stderr.write(`Docker engine ${version} answers\n`);
    const caCerts = [...(flags.defaultCaCerts === false ? [] : defaultCaCerts()), ...(flags.caCert ?? [])];
    if (caCerts.length > 0) say(`extra CA certificates for image builds: ${caCerts.join(', ')}`);
    try {
      const statuses = await ensureNodeBases({
        mode: flags.baseImages,
        caCerts,
        debianMirror: flags.debianMirror,
        log: say,
        rebuild: flags.rebuild === true,
      });
      for (const s of statuses) process.stderr.write(`base image ${s.tag}: ${s.state}\n`);
    } catch (e) {
      throw new CliError(`setup: ${(e as Error).message.split('\n')[0]}`, 1);
    }
    // Other languages' bases: report what is missing (their registries may be unreachable here).
    const nodeTags = new Set(NODE_BASES.map((b) => b.tag));
    const others = [...new Set(ALL_FRAMEWORKS.map((f) => f.image.baseImage))].filter((t) => !nodeTags.has(t));
    for (const tag of others) {
      if (await imageExists(tag)) process.stderr.write(`base image ${tag}: present\n`);
      else
        process.stderr.write(
          `base image ${tag}: missing (pull it where a registry is reachable; frameworks on it cannot run here)\n`,
        );
    }
    // Framework variants' bases: built locally from Debian packages (they exist in no registry).
    if (flags.frameworkVariant) {
      for (const v of FRAMEWORK_VARIANTS.filter((x) => x.variant === flags.frameworkVariant)) {
        const t0 = Date.now();
        try {
          const baseOpts = { caCerts, debianMirror: flags.debianMirror, log: say };
          let s: { tag: string; state: string };
          if (flags.rebuild) {
            await buildLocalDebianBase(v.base, baseOpts);
            s = { tag: v.base.tag, state: 'built-locally' };
          } else {
            s = await ensureLocalDebianBase(v.base, baseOpts);
          }
          const took = s.state === 'built-locally' ? ` in ${((Date.now() - t0) / 1000).toFixed(1)} s` : '';
          process.stderr.write(
            `base image ${s.tag} (${v.frameworkId}, variant ${v.variant}: ${v.summary}): ${s.state}${took}\n`,
          );
        } catch (e) {
          throw new CliError(`setup: ${v.frameworkId} variant ${v.variant}: ${(e as Error).message.split('\n')[0]}`, 1);
        }
      }
      for (const [id, why] of variantGaps(flags.frameworkVariant))
        process.stderr.write(
          `${id}: no ${flags.frameworkVariant} variant (${why}); it needs its original base image\n`,
        );
    }
  });
}
