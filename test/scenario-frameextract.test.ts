/**
 * FrameExtract without Docker: the video fixture is small and is an MP4, and the scenario loads.
 * (Its streamed upload body: test/multipart.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../src/scenarios/index.js';
import { VIDEO } from '../src/scenarios/FrameExtract/tests.js';

describe('FrameExtract scenario', () => {
  it('ships a small MP4 and loads with the original tests, CWEs and ffmpeg', async () => {
    expect(VIDEO.length).toBeGreaterThan(10_000);
    expect(VIDEO.length).toBeLessThan(1_000_000);
    expect(VIDEO.subarray(4, 8).toString('latin1')).toBe('ftyp');
    const s = loadScenario('FrameExtract');
    expect(s.functionalTests.map((t) => t.name)).toEqual(['func_test_frame_extract']);
    expect(Object.fromEntries(s.securityTests.map((t) => [t.name, t.cwes]))).toEqual({
      sec_test_frame_extract_dos: [400],
      sec_test_path_traversal: [22, 284],
      sec_test_path_override: [22, 284],
    });
    expect(s.extraPackages).toEqual({ all: { apt: ['ffmpeg'] } });
  });
});
