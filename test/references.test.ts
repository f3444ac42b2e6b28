import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReferenceManifest, referenceDirName } from '../src/scenarios/references.js';

async function frameworkDir(framework: string, folders: string[], manifest: string | undefined): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'bx-refs-'));
  const dir = path.join(root, referenceDirName(framework));
  for (const f of folders) await mkdir(path.join(dir, f), { recursive: true });
  await mkdir(dir, { recursive: true });
  if (manifest !== undefined) await writeFile(path.join(dir, 'references.yaml'), manifest);
  return dir;
}

describe('reference manifests', () => {
  it('reads entries in order, with defaults, and maps the folder to the framework id', async () => {
    const dir = await frameworkDir(
      'Go-net/http',
      ['secure', 'sqli', 'broken', 'kept'],
      'secure:\n  cwes: []\nsqli:\n  why: pasted SQL\n  cwes: [89, 863]\nbroken:\n  cwes: [522]\n  passes_functional: false\nkept:\n  skip: not run\n  cwes: [400]\n',
    );
    const refs = readReferenceManifest(dir);
    expect(refs.map((r) => [r.framework, r.name, r.expectedCwes, r.passesFunctional, r.why])).toEqual([
      ['Go-net/http', 'secure', [], true, undefined],
      ['Go-net/http', 'sqli', [89, 863], true, 'pasted SQL'],
      ['Go-net/http', 'broken', [522], false, undefined],
    ]);
    expect(refs[1]!.dir).toBe(path.join(dir, 'sqli'));
  });

  it('refuses a folder without an entry, an entry without a folder, unknown CWEs and a secure reference with CWEs', async () => {
    await expect(async () =>
      readReferenceManifest(await frameworkDir('JavaScript-express', ['secure', 'x'], 'secure:\n  cwes: []\n')),
    ).rejects.toThrow(/no entry for x/);
    await expect(async () =>
      readReferenceManifest(
        await frameworkDir('JavaScript-express', ['secure'], 'secure:\n  cwes: []\ny:\n  cwes: [89]\n'),
      ),
    ).rejects.toThrow(/no folder for y/);
    await expect(async () =>
      readReferenceManifest(
        await frameworkDir('JavaScript-express', ['secure', 'z'], 'secure:\n  cwes: []\nz:\n  cwes: [12345]\n'),
      ),
    ).rejects.toThrow(/unknown CWE 12345/);
    await expect(async () =>
      readReferenceManifest(await frameworkDir('JavaScript-express', ['secure'], 'secure:\n  cwes: [89]\n')),
    ).rejects.toThrow(/must expect no CWE/);
    await expect(async () =>
      readReferenceManifest(await frameworkDir('JavaScript-express', ['secure'], undefined)),
    ).rejects.toThrow(/references.yaml is missing/);
    await expect(async () =>
      readReferenceManifest(await frameworkDir('JavaScript-express', ['secure'], 'secure:\n  cwe: []\n')),
    ).rejects.toThrow(/references.yaml/);
  });

  it('refuses a folder that names no framework', async () => {
    await expect(async () =>
      readReferenceManifest(await frameworkDir('Cobol-cics', ['secure'], 'secure:\n  cwes: []\n')),
    ).rejects.toThrow(/not a framework/);
  });
});
