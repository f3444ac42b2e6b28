/** The sandbox's public interface: backends by name, `docker` registered, one clear error for others. */
import { describe, expect, it } from 'vitest';
import {
  createSandbox,
  registerSandboxBackend,
  sandboxBackend,
  sandboxBackends,
  type SandboxBackend,
} from '../src/sandbox/index.js';
import type { Sandbox } from '../src/sandbox/types.js';

describe('sandbox backends', () => {
  it('docker is registered and makes sandboxes (no engine needed to create one)', () => {
    expect(sandboxBackends()).toContain('docker');
    const docker = sandboxBackend('docker');
    expect(docker.localBaseTags).toContain('node:22.12-bullseye');
    const s = createSandbox('docker', { logDir: '/tmp/never-written' });
    expect(typeof s.prepareImage).toBe('function');
  });

  it('an unknown backend is one clear error naming the known ones', () => {
    expect(() => createSandbox('k8s')).toThrow(/^unknown sandbox backend "k8s"; known: .*docker/);
  });

  it('a registered backend is reached by its name with the options given', () => {
    const made: unknown[] = [];
    const fake = { cleanup: async () => undefined } as unknown as Sandbox;
    const backend: SandboxBackend = {
      ...sandboxBackend('docker'),
      name: 'fake-for-test',
      create: (options) => {
        made.push(options);
        return fake;
      },
    };
    registerSandboxBackend(backend);
    expect(sandboxBackends()).toContain('fake-for-test');
    expect(createSandbox('fake-for-test', { memoryBytes: 5 })).toBe(fake);
    expect(made).toEqual([{ memoryBytes: 5 }]);
  });
});
