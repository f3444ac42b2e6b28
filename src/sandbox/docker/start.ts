/**
 * One fresh app instance: a container from the sample's image with memory/pids/CPU limits, only
 * the capabilities root's file access needs, no new privileges, on the app network (sealed: the
 * harness reaches it through a forwarder on 127.0.0.1; published: port 5000 published on
 * 127.0.0.1 only); the code goes in before it starts; ready when it answers HTTP. A failure of the
 * engine on the way is a SandboxInfraError (not the sample's), an app that exits or never
 * answers is the sample's.
 *
 * Two steps, so that the first can happen ahead of time (warm-pool.ts): `createInstance` (the
 * container, created with the code in place, not started) and `startInstance` (start it, wait
 * for the app's first answer).
 */
import type Dockerode from 'dockerode';
import { docker } from './engine.js';
import type { RunningApp, StartOptions } from '../types.js';
import { engineCall, infraError, isEngineFailure } from './engine-errors.js';
import { forwardPort, type Forwarder } from './forward.js';
import { DockerAppInstance } from './instance.js';
import { LABEL, OWNER_LABEL, ownerId } from './leftovers.js';
import { appHostConfig } from './limits.js';
import type { AppNetwork } from './network.js';
import type { ResolvedOptions } from './options.js';
import type { OwnedResources } from './owned.js';
import { codeEntries, type DockerPrepared } from './prepare.js';
import { settleAfterReady, waitReady } from './readiness.js';
import { makeTar } from './tar.js';

/** A fresh app container: created, the sample's code in place, never started. */
export async function createInstance(
  prepared: DockerPrepared,
  network: AppNetwork,
  owned: OwnedResources,
  opts: ResolvedOptions,
): Promise<Dockerode.Container> {
  const fw = prepared.image.framework;
  const sealed = network.mode === 'sealed';
  const c = await engineCall('creating the app container', () =>
    docker().createContainer({
      Image: prepared.runImage,
      Cmd: ['sh', '-c', fw.entrypoint],
      WorkingDir: fw.workdir,
      Labels: { [LABEL]: 'app', [OWNER_LABEL]: ownerId(), 'baxbench.framework': fw.id },
      ...(sealed ? {} : { ExposedPorts: { [`${fw.port}/tcp`]: {} } }),
      HostConfig: {
        ...appHostConfig(opts),
        NetworkMode: network.name,
        ...(sealed ? {} : { PortBindings: { [`${fw.port}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] } }),
      },
    }),
  );
  owned.containers.add(c.id);
  try {
    const entries = codeEntries(fw.workdir, prepared.files);
    if (entries.length > 0)
      await engineCall('copying the code into the container', async () =>
        c.putArchive(await makeTar(entries), { path: '/' }),
      );
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
  network: AppNetwork,
  options: StartOptions,
  owned: OwnedResources,
  opts: ResolvedOptions,
  created?: Dockerode.Container,
): Promise<RunningApp> {
  const fw = prepared.image.framework;
  const sealed = network.mode === 'sealed';
  if (!sealed) options.log.warn(network.note);
  const c = created ?? (await createInstance(prepared, network, owned, opts));
  const instance = new DockerAppInstance(c, fw, options, opts);
  let forwarder: Forwarder | undefined;
  let direct: { host: string; port: number } | undefined;
  const dispose = async (): Promise<string> => {
    forwarder?.close();
    const logs = await instance.logs().catch(() => '');
    // Removal (kill + delete, ~150 ms) runs in the background so the next test need not
    // wait for it; the sandbox's cleanup() waits for every pending removal.
    owned.removeContainerLater(c.id);
    return logs;
  };
  try {
    await engineCall('starting the app container', () => c.start());
    const info = await engineCall('inspecting the app container', () => c.inspect());
    instance.hostPid = info.State.Pid;
    if (sealed) {
      const address = info.NetworkSettings.Networks[network.name]?.IPAddress;
      if (!address) throw infraError('the app container', new Error(`it has no address on ${network.name}`));
      forwarder = await engineCall('forwarding a local port to the app', () => forwardPort(address, fw.port));
      instance.port = forwarder.port;
      direct = { host: address, port: fw.port };
    } else {
      const binding = info.NetworkSettings.Ports[`${fw.port}/tcp`]?.[0];
      if (!binding) throw infraError('the app container', new Error('it has no published port'));
      instance.port = Number(binding.HostPort);
    }
    await waitReady(c, instance.port, fw, options, opts.pollMs, direct);
    if (opts.readySettleMs > 0) options.onAnswered?.();
    await settleAfterReady(opts.readySettleMs, options);
    return { app: instance, dispose };
  } catch (e) {
    forwarder?.close();
    const logs = await instance.logs().catch(() => '');
    await owned.removeContainer(c.id);
    const err = isEngineFailure(e) ? infraError('starting the app', e) : e instanceof Error ? e : new Error(String(e));
    err.message += logs ? `\n--- app output ---\n${logs.slice(-4000)}` : '';
    throw err;
  }
}
