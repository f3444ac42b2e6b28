/**
 * The Debian bases of the four Python variants (Docker): each carries the upstream image's everyday
 * tools (a Monitor app calls `ps`), a `python` command, and the Debian packages its definition
 * names, at the major.minor versions README and the definition state. Bases are built here when
 * missing (a few minutes each on a fresh machine; CI's validate step reuses them).
 */
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { frameworkVariant } from '../../src/frameworks/variants.js';
import { nullBuildReporter } from '../../src/sandbox/build-log.js';
import { defaultLocalBaseOptions, ensureLocalDebianBase } from '../../src/sandbox/docker/base-images.js';
import { describeDocker } from '../helpers/docker.js';

const PYTHON = ['Python-Flask', 'Python-FastAPI', 'Python-Django', 'Python-aiohttp'] as const;
const TOOLS = ['ps', 'kill', 'top', 'curl', 'wget', 'git', 'unzip', 'xz', 'bzip2', 'file', 'gpg', 'ssh', 'patch'];

/** Runs a shell command in a throwaway container of the image (no network) and returns its stdout. */
function inImage(image: string, script: string): string {
  return execFileSync('docker', ['run', '--rm', '--network', 'none', image, 'sh', '-c', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** `3:5.2.19-1~bpo13+1` → `5.2`; `2.8.3 (fpdf2 …)` → `2.8`; `8.2.0+0.really.8.1.8-1` → `8.1` (Debian's "really"). */
function majorMinor(version: string): string {
  const really = version.match(/really\.?([0-9][^-~ ]*)/)?.[1];
  const upstream = (really ?? version.replace(/^\d+:/, '')).split(/[-+~ ]/)[0]!;
  return upstream.split('.').slice(0, 2).join('.');
}

describeDocker('Python variant bases (Docker)', () => {
  it.each(PYTHON)('%s: everyday tools, python, and the declared Debian packages', { timeout: 900_000 }, async (id) => {
    const v = frameworkVariant('debian', id)!;
    await ensureLocalDebianBase(v.base, defaultLocalBaseOptions(nullBuildReporter()));
    const found = inImage(
      v.base.tag,
      `for t in ${TOOLS.join(' ')} python python3; do command -v "$t" >/dev/null && echo "$t"; done; test -s /etc/services && echo services`,
    )
      .trim()
      .split('\n');
    expect(found).toEqual([...TOOLS, 'python', 'python3', 'services']);
    expect(inImage(v.base.tag, 'python --version').trim()).toMatch(/^Python 3\.13\./);

    const declared = v.packages.flatMap((p) => (p.debian ? [p.debian] : []));
    const installed = new Map(
      inImage(v.base.tag, `dpkg-query -W -f '\${Package} \${Version}\\n' ${declared.map((d) => d.name).join(' ')}`)
        .trim()
        .split('\n')
        .map((l) => l.split(' ') as [string, string]),
    );
    for (const d of declared)
      expect(majorMinor(installed.get(d.name) ?? 'missing'), d.name).toBe(majorMinor(d.version));
    // The original has no bcrypt module either: passlib's bcrypt backend must not appear here.
    expect(inImage(v.base.tag, 'python3 -c "import bcrypt" 2>/dev/null && echo yes || echo no').trim()).toBe('no');
  });
});
