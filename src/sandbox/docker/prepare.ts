/**
 * A sample made ready to run. Frameworks without prepare steps: nothing to do, the code goes into
 * each fresh container before it starts. Frameworks that compile: the prepare steps run once in a
 * one-off container holding the code, which is then committed as the sample's image.
 */
import { createHash } from 'node:crypto';
import type { SampleFiles, TestLog } from '../../core/types.js';
import { SampleBuildError, type PreparedImage, type PreparedSample } from '../types.js';
import { docker } from './engine.js';
import { LABEL, OWNER_LABEL, ownerId } from './leftovers.js';
import type { ResolvedOptions } from './options.js';
import type { OwnedResources } from './owned.js';
import { demux } from './streams.js';
import { makeTar, type TarEntry } from './tar.js';

export interface DockerPrepared extends PreparedSample {
  /** Image to start containers from. */
  readonly runImage: string;
  /** Files to put in the workdir before start (empty when baked into runImage). */
  readonly files: SampleFiles;
}

/** Tar entries placing the sample's files under the framework's workdir. */
export function codeEntries(workdir: string, files: SampleFiles): TarEntry[] {
  const base = workdir.replace(/^\/+/, '').replace(/\/+$/, '');
  return Object.entries(files).map(([rel, data]) => ({ name: `${base}/${rel.replace(/^\/+/, '')}`, data }));
}

export async function prepareSample(
  image: PreparedImage,
  files: SampleFiles,
  log: TestLog,
  owned: OwnedResources,
  opts: ResolvedOptions,
): Promise<DockerPrepared> {
  const fw = image.framework;
  if (fw.image.prepare.length === 0) return { image, buildLog: '', runImage: image.ref, files };
  // Compile once: a one-off container with the code, run the prepare steps, commit.
  const script = fw.image.prepare.join(' && ');
  const c = await docker().createContainer({
    Image: image.ref,
    Cmd: ['sh', '-c', script],
    WorkingDir: fw.workdir,
    Labels: { [LABEL]: 'prepare', [OWNER_LABEL]: ownerId() },
    HostConfig: { Memory: 4 * 2 ** 30, PidsLimit: opts.pidsLimit, SecurityOpt: ['no-new-privileges'] },
  });
  owned.containers.add(c.id);
  try {
    await c.putArchive(await makeTar(codeEntries(fw.workdir, files)), { path: '/' });
    await c.start();
    const t0 = Date.now();
    const res = (await c.wait()) as { StatusCode: number };
    const buildLog = demux((await c.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer);
    const text = `$ ${script}\n${buildLog.stdout}${buildLog.stderr}`;
    log.info(`prepared sample in ${((Date.now() - t0) / 1000).toFixed(1)} s (exit ${res.StatusCode})`);
    if (res.StatusCode !== 0)
      throw new SampleBuildError(`sample preparation failed with exit code ${res.StatusCode}`, text);
    const hash = createHash('sha256')
      .update(JSON.stringify(Object.entries(files).sort()))
      .digest('hex')
      .slice(0, 12);
    const repo = `baxbench-sample/${image.ref.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
    await c.commit({
      repo,
      tag: hash,
      changes: [`LABEL ${LABEL}=sample`, `LABEL ${OWNER_LABEL}=${ownerId()}`],
    } as unknown as object);
    const ref = `${repo}:${hash}`;
    owned.images.add(ref);
    return { image, buildLog: text, runImage: ref, files: {} };
  } finally {
    await owned.removeContainer(c.id);
  }
}
