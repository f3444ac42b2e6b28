/**
 * One fresh app instance: a container from the sample's image with memory/pids/CPU limits, no
 * new privileges, on the isolated network, publishing the app's port on 127.0.0.1 only; the
 * code goes in before it starts; ready when it answers HTTP.
 *
 * Two steps, so that the first can happen ahead of time (warm-pool.ts): `createInstance` (the
 * container, created with the code in place, not started) and `startInstance` (start it, wait
 * for the app's first answer).
 */
import type Dockerode from 'dockerode';
import { docker } from './engine.js';
import type { RunningApp, StartOptions } from '../types.js';
import { DockerAppInstance } from './instance.js';
import { LABEL, OWNER_LABEL, ownerId } from './leftovers.js';
import type { ResolvedOptions } from './options.js';
import type { OwnedResources } from './owned.js';
import { codeEntries, type DockerPrepared } from './prepare.js';
import { settleAfterReady, waitReady } from './readiness.js';
import { makeTar } from './tar.js';

/** A fresh app container: created, the sample's code in place, never started. */
export async function createInstance(
  prepared: DockerPrepared,
  network: string,
  owned: OwnedResources,
  opts: ResolvedOptions,
): Promise<Dockerode.Container> {
  const fw = prepared.image.framework;
  const c = await docker().createContainer({
    Image: prepared.runImage,
    Cmd: ['sh', '-c', fw.entrypoint],
    WorkingDir: fw.workdir,
    Labels: { [LABEL]: 'app', [OWNER_LABEL]: ownerId(), 'baxbench.framework': fw.id },
    ExposedPorts: { [`${fw.port}/tcp`]: {} },
    HostConfig: {
      Memory: opts.memoryBytes,
      MemorySwap: opts.memoryBytes,
      PidsLimit: opts.pidsLimit,
      NanoCpus: Math.round(opts.cpus * 1e9),
      SecurityOpt: ['no-new-privileges'],
      NetworkMode: network,
      PortBindings: { [`${fw.port}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] },
      LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '1' } },
    },
  });
  owned.containers.add(c.id);
  try {
    const entries = codeEntries(fw.workdir, prepared.files);
    if (entries.length > 0) await c.putArchive(await makeTar(entries), { path: '/' });
  } catch (e) {
    await owned.removeContainer(c.id);
    throw e;
  }
  return c;
}

/**
 * Starts a fresh instance: the container `created` (from createInstance, e.g. made ahead by the
 * warm pool) or one created now, then waits until the app answers.
 */
export async function startInstance(
  prepared: DockerPrepared,
  network: string,
  options: StartOptions,
  owned: OwnedResources,
  opts: ResolvedOptions,
  created?: Dockerode.Container,
): Promise<RunningApp> {
  const fw = prepared.image.framework;
  const c = created ?? (await createInstance(prepared, network, owned, opts));
  const instance = new DockerAppInstance(c, fw, options, opts.maxLogBytes);
  const dispose = async (): Promise<string> => {
    const logs = await instance.logs().catch(() => '');
    // Removal (kill + delete, ~150 ms) runs in the background so the next test need not
    // wait for it; the sandbox's cleanup() waits for every pending removal.
    owned.removeContainerLater(c.id);
    return logs;
  };
  try {
    await c.start();
    const info = await c.inspect();
    const binding = info.NetworkSettings.Ports[`${fw.port}/tcp`]?.[0];
    if (!binding) throw new Error('the container has no published port');
    instance.port = Number(binding.HostPort);
    await waitReady(c, instance.port, fw, options, opts.pollMs);
    await settleAfterReady(opts.readySettleMs, options);
    return { app: instance, dispose };
  } catch (e) {
    const logs = await instance.logs().catch(() => '');
    await owned.removeContainer(c.id);
    const err = e instanceof Error ? e : new Error(String(e));
    err.message += logs ? `\n--- app output ---\n${logs.slice(-4000)}` : '';
    throw err;
  }
}
