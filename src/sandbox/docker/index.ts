/**
 * The Docker backend: what sandbox/index.ts registers under the name `docker`, plus the
 * backend's own exports for tests and benchmarks that are about Docker itself.
 */
import type { SandboxBackend } from '../backend.js';
import { defaultCaCerts, ensureLocalDebianBase, ensureNodeBases, NODE_BASES, pullImage } from './base-images.js';
import { checkEngine, imageExists } from './engine.js';
import { removeLeftovers } from './leftovers.js';
import { createDockerSandbox } from './sandbox.js';

export const dockerBackend: SandboxBackend = {
  name: 'docker',
  description: 'Docker Engine: one container per app instance, limits, no route out',
  check: checkEngine,
  create: (options) => createDockerSandbox(options),
  removeLeftovers,
  imageExists,
  pullImage,
  localBaseTags: NODE_BASES.map((b) => b.tag),
  ensureBaseImages: ensureNodeBases,
  ensureVariantBase: ensureLocalDebianBase,
  defaultCaCerts: () => defaultCaCerts(),
};

export { createDockerSandbox, DockerSandbox } from './sandbox.js';
export type { DockerSandboxOptions } from './options.js';
export { LABEL, OWNER_LABEL, ownerId, removeLeftovers } from './leftovers.js';
export { NETWORK_NAME } from './network.js';
