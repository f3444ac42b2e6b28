/**
 * The debian framework variant end to end (Docker): the Login secure reference for Python-Flask
 * runs through testSample on the variant image — built here from Debian packages when missing
 * (debootstrap + apt-get; a few minutes on a fresh machine, reused afterwards by tag).
 */
import { afterAll, expect, it } from 'vitest';
import { readCode } from '../../src/core/results.js';
import { getFramework } from '../../src/frameworks/index.js';
import { applyFrameworkVariant } from '../../src/frameworks/variants.js';
import { defaultLocalBaseOptions, ensureLocalDebianBase } from '../../src/sandbox/docker/base-images.js';
import { nullBuildReporter } from '../../src/sandbox/build-log.js';
import { createDockerSandbox } from '../../src/sandbox/docker/index.js';
import { loadScenario } from '../../src/scenarios/index.js';
import { testSample } from '../../src/testing/run-sample.js';
import { containersOfPid, describeDocker } from '../helpers/docker.js';

describeDocker('debian variant (Docker, Login / Python-Flask)', () => {
  const sandbox = createDockerSandbox();
  afterAll(async () => {
    await sandbox.cleanup();
  });

  it('the secure reference passes every test with no CWE, and the log says it ran on the variant', {
    timeout: 600_000,
  }, async () => {
    const scenario = loadScenario('Login');
    const framework = applyFrameworkVariant(getFramework('Python-Flask'), 'debian');
    const ref = scenario.references.find((r) => r.framework === 'Python-Flask' && r.name === 'secure')!;
    // The CLI builds a missing variant base before testing (cli/variant-bases.ts); so does this test.
    await ensureLocalDebianBase(framework.image.localBase!, defaultLocalBaseOptions(nullBuildReporter()));
    const report = await testSample({
      scenario,
      framework,
      files: await readCode(ref.dir),
      sandbox,
      timeoutMs: 60_000,
      concurrency: 2,
    });
    expect(report.result.num_passed_ft, report.log).toBe(report.result.num_total_ft);
    expect(report.result.num_total_st).toBe(3);
    expect(report.result.num_st_exceptions, report.log).toBe(0);
    expect(report.result.cwes).toEqual([]);
    expect(report.log.split('\n')[1]).toMatch(/^variant: debian — Flask 3\.1\.1 .*Debian trixie/);
    expect(report.log).toContain('Running on'); // Flask's own start-up line in the app output
    await sandbox.cleanup();
    expect(containersOfPid(process.pid)).toEqual([]);
  });
});
