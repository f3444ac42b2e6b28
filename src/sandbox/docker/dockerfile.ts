/** Turns a framework definition (+ scenario extra packages) into a dependency-image Dockerfile. */
import { createHash } from 'node:crypto';
import type { ExtraPackages, Framework } from '../../core/types.js';
import { tagName } from '../../frameworks/shared.js';

/** RUN lines for a scenario's extra packages (apt for every language, npm for JavaScript). */
export function extraSteps(framework: Framework, extra: ExtraPackages): string[] {
  const lines: string[] = [];
  const apt = [...new Set(extra.apt ?? [])].sort();
  if (apt.length > 0) {
    lines.push(
      `RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${apt.join(' ')} && rm -rf /var/lib/apt/lists/*`,
    );
  }
  const npm = [...new Set(extra.npm ?? [])].sort();
  if (npm.length > 0 && framework.language === 'JavaScript')
    lines.push(`RUN npm install --no-audit --no-fund ${npm.join(' ')}`);
  return lines;
}

export function dependencyDockerfile(framework: Framework, extra: ExtraPackages): string {
  const lines: string[] = [
    `FROM ${framework.image.baseImage}`,
    `RUN mkdir -p ${framework.workdir}`,
    `WORKDIR ${framework.workdir}`,
  ];
  for (const file of Object.keys(framework.manifestFiles).sort()) lines.push(`COPY ${file} ${file}`);
  const extras = extraSteps(framework, extra);
  for (const step of framework.image.steps) {
    if (step === '{{extra}}') lines.push(...extras);
    else lines.push(step);
  }
  if (!framework.image.steps.includes('{{extra}}')) lines.push(...extras);
  for (const [k, v] of Object.entries(framework.image.env)) lines.push(`ENV ${k}=${JSON.stringify(v)}`);
  lines.push(`LABEL baxbench.framework=${JSON.stringify(framework.id)}`);
  if (framework.variant) lines.push(`LABEL baxbench.variant=${JSON.stringify(framework.variant.name)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Deterministic tag: same framework definition + extras (+ same base image, when its id is
 * given) → same image, reused across runs. With the base image's id in the hash, a rebuilt or
 * re-pulled base (new CA certificates, a newer node image) gets fresh dependency images.
 */
export function dependencyImageTag(framework: Framework, extra: ExtraPackages, baseImageId?: string): string {
  const h = createHash('sha256');
  h.update(dependencyDockerfile(framework, extra));
  if (baseImageId) h.update(`\0base\0${baseImageId}`);
  for (const [name, content] of Object.entries(framework.manifestFiles).sort()) h.update(`\0${name}\0${content}`);
  return `baxbench/${tagName(framework.id)}:${h.digest('hex').slice(0, 12)}`;
}
