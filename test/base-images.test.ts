/** The local node base's recipe (no Docker): the upstream layout and packages, and its recipe id. */
import { describe, expect, it } from 'vitest';
import {
  BUILDPACK_DEPS_BULLSEYE,
  NODE_BASES,
  nodeBaseDockerfile,
  nodeBaseRecipeId,
} from '../src/sandbox/docker/base-images.js';
import { debootstrapArgs, rootfsTag } from '../src/sandbox/docker/rootfs.js';

describe('local base images', () => {
  it('keep /bin, /lib, /sbin as directories for bullseye (as its official image), merge /usr for later suites', () => {
    expect(debootstrapArgs('bullseye', '/d', 'http://m')).toEqual([
      '--variant=minbase',
      '--no-merged-usr',
      'bullseye',
      '/d',
      'http://m',
    ]);
    expect(rootfsTag('bullseye')).toBe('baxbench/debian:bullseye-split-usr');
    expect(debootstrapArgs('trixie', '/d', 'http://m')).toEqual(['--variant=minbase', 'trixie', '/d', 'http://m']);
    expect(rootfsTag('trixie')).toBe('baxbench/debian:trixie');
  });

  it('install buildpack-deps’ three layers, the node user, nodejs and yarn as the upstream node image has them', () => {
    const spec = NODE_BASES[0]!;
    const df = nodeBaseDockerfile(spec, rootfsTag(spec.debianSuite), ['extra-0-proxy.crt']);
    const lines = df.split('\n');
    expect(lines[0]).toBe('FROM baxbench/debian:bullseye-split-usr');
    for (const layer of [BUILDPACK_DEPS_BULLSEYE.curl, BUILDPACK_DEPS_BULLSEYE.scm, BUILDPACK_DEPS_BULLSEYE.full])
      expect(lines.some((l) => l.includes(`install -y --no-install-recommends ${layer.join(' ')} `))).toBe(true);
    expect(df).toContain('useradd --uid 1000 --gid node --shell /bin/bash --create-home node');
    expect(df).toContain('ln -s /usr/local/bin/node /usr/local/bin/nodejs');
    expect(df).toContain('ln -s /opt/yarn-v1.22.22/bin/yarn /usr/local/bin/yarn');
    expect(df).toContain('ENV NODE_VERSION=22.12.0');
    expect(df).toContain('ENV YARN_VERSION=1.22.22');
    // The build-time frontend setting does not stay in the image's environment (upstream has none).
    expect(df).not.toMatch(/^ENV DEBIAN_FRONTEND/m);
    expect(df).toContain(`baxbench.recipe=${nodeBaseRecipeId(spec)}`);
  });

  it('give a recipe id that ignores the machine’s CA certificates and follows the recipe', () => {
    const spec = NODE_BASES[0]!;
    expect(nodeBaseRecipeId(spec)).toMatch(/^[0-9a-f]{12}$/);
    expect(nodeBaseDockerfile(spec, 'x', [])).toContain(`baxbench.recipe=${nodeBaseRecipeId(spec)}`);
    expect(nodeBaseRecipeId({ ...spec, nodeVersion: '22.13.0' })).not.toBe(nodeBaseRecipeId(spec));
  });
});
