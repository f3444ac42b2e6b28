/**
 * Tests that open pages in a real headless Chromium (Debian's `chromium` package, driven by
 * playwright-core; no browser is downloaded). They run whenever the browser is installed; with
 * CI=true a missing browser is a failure, otherwise the suite is skipped with a visible message.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { describe } from 'vitest';

export const CHROMIUM = process.env.BAXBENCH_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);

export const describeChromium: typeof describe = ((name: string, fn: () => void, timeout?: number) => {
  if (chromiumAvailable) return describe(name, fn, timeout);
  if (process.env.CI === 'true' || process.env.CI === '1') {
    return describe(name, () => {
      throw new Error(
        `CI=true but no Chromium at ${CHROMIUM}: browser tests must run in CI (apt-get install -y chromium)`,
      );
    });
  }
  process.stderr.write(
    `\n[skipped] ${name}: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set BAXBENCH_CHROMIUM)\n`,
  );
  return describe.skip(name, fn);
}) as typeof describe;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh browser with its own throw-away profile folder. */
export async function launchChromium(viewport = { width: 1400, height: 1000 }): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'bx-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
