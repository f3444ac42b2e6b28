/**
 * What an app sees of the node base image (`node:22.12-bullseye`, pulled or built locally by
 * `setup`): the upstream layout — /bin, /lib, /sbin are real directories (Debian bullseye's
 * official images do not merge /usr) — the tools of buildpack-deps' curl, scm and full layers on
 * PATH, the `node` user, /tmp, and the variables the upstream node image sets. Checked from inside
 * a running app's container (JavaScript-express dependency image).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppInstance, Framework } from '../../src/core/types.js';
import { express } from '../../src/frameworks/javascript.js';
import { createDockerSandbox } from '../../src/sandbox/docker/index.js';
import type { RunningApp } from '../../src/sandbox/types.js';
import { describeDocker } from '../helpers/docker.js';

const fw: Framework = { ...express, startTimeoutMs: 30_000 };
const quiet = { info() {}, warn() {}, error() {} };
const APP = "require('express')().get('/', (q, r) => r.send('up')).listen(5000, '0.0.0.0');";

/** Commands of buildpack-deps:bullseye's layers (curl, scm, full) and of the node image. */
const TOOLS = [
  // curl layer
  'curl',
  'wget',
  'gpg',
  'update-ca-certificates',
  // scm layer
  'git',
  'hg',
  'svn',
  'ssh',
  'ps',
  'top',
  'free',
  'pkill',
  // full layer
  'autoconf',
  'automake',
  'bzip2',
  'dpkg-architecture',
  'file',
  'gcc',
  'g++',
  'make',
  'patch',
  'unzip',
  'xz',
  'libtoolize',
  'convert',
  'identify',
  'mysql_config',
  'pg_config',
  'xml2-config',
  'python3',
  // node image
  'node',
  'nodejs',
  'npm',
  'npx',
  'yarn',
  'yarnpkg',
];

describeDocker('the node base image as an app sees it', () => {
  const sandbox = createDockerSandbox({ readySettleMs: 0, crashSettleMs: 0 });
  let running: RunningApp;
  let app: AppInstance;
  const sh = async (script: string): Promise<string> => {
    const r = await app.exec(['sh', '-c', script]);
    return r.stdout.trim();
  };
  beforeAll(async () => {
    const image = await sandbox.prepareImage(fw, {}, quiet);
    const prepared = await sandbox.prepareSample(image, { 'app.js': APP }, quiet);
    running = await sandbox.start(prepared, { log: quiet, signal: new AbortController().signal });
    app = running.app;
  }, 600_000);
  afterAll(async () => {
    await running?.dispose();
    await sandbox.cleanup();
  });

  it('keeps /bin, /lib, /lib64 and /sbin as real directories (no merged /usr)', async () => {
    const kinds = await sh(
      'for d in /bin /lib /lib64 /sbin; do if [ -L "$d" ]; then echo "$d link"; elif [ -d "$d" ]; then echo "$d dir"; else echo "$d none"; fi; done',
    );
    expect(kinds.split('\n')).toEqual(['/bin dir', '/lib dir', '/lib64 dir', '/sbin dir']);
    // An app reading every top-level entry that is not a directory finds only files it can read.
    expect(await sh('for e in /*; do [ -L "$e" ] && echo "$e"; done; true')).toBe('');
  });

  it('has the tools of buildpack-deps (curl, scm and full layers) and of the node image on PATH', async () => {
    const missing = await sh(`for t in ${TOOLS.join(' ')}; do command -v "$t" >/dev/null || echo "$t"; done`);
    expect(missing.split('\n').filter(Boolean)).toEqual([]);
  });

  it('has the node user, a world-writable sticky /tmp and the node image’s variables', async () => {
    expect(await sh('getent passwd node')).toBe('node:x:1000:1000::/home/node:/bin/bash');
    expect(await sh('stat -c %a /tmp')).toBe('1777');
    expect(await sh('echo "$NODE_VERSION $YARN_VERSION"')).toBe('22.12.0 1.22.22');
    expect(await sh('id -un')).toBe('root');
  });
});
