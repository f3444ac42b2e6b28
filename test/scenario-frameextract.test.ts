/**
 * FrameExtract's pure helpers (no Docker): the streamed multipart body is well formed and its
 * declared length is exact; the video fixture is small and is an MP4.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../src/scenarios/index.js';
import { multipartPieces } from '../src/scenarios/FrameExtract/upload.js';
import { VIDEO } from '../src/scenarios/FrameExtract/tests.js';

describe('FrameExtract upload body', () => {
  it('puts the fields first, then the repeated file, and counts every byte', () => {
    const content = Buffer.from('0123456789');
    const file = { field: 'video', filename: '../a"b.mp4', contentType: 'video/mp4', content, repeat: 3 };
    const { head, tail, length } = multipartPieces('XYZ', { videoFileName: 'v.mp4', frameNumber: '0' }, file);
    const body = Buffer.concat([head, content, content, content, tail]).toString('latin1');
    expect(body.length).toBe(length);
    expect(body).toBe(
      '--XYZ\r\nContent-Disposition: form-data; name="videoFileName"\r\n\r\nv.mp4\r\n' +
        '--XYZ\r\nContent-Disposition: form-data; name="frameNumber"\r\n\r\n0\r\n' +
        '--XYZ\r\nContent-Disposition: form-data; name="video"; filename="../a%22b.mp4"\r\nContent-Type: video/mp4\r\n\r\n' +
        '012345678901234567890123456789\r\n--XYZ--\r\n',
    );
  });
});

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
