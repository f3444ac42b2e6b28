/**
 * Tests that open pages in a real headless Chromium (Debian's `chromium` package, driven by
 * playwright-core). They run whenever the browser is installed; with CI=true a missing browser
 * is a failure, otherwise the suite is skipped with a visible message.
 */
import { describe } from 'vitest';
import { CHROMIUM, chromiumAvailable } from './chromium-launch.js';

export { CHROMIUM, chromiumAvailable, launchChromium, type Browser } from './chromium-launch.js';

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
