import http from 'node:http';
import net from 'node:net';
import type Dockerode from 'dockerode';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestLog } from '../src/core/types.js';
import { getFramework } from '../src/frameworks/index.js';
import { probeTcp, waitReady } from '../src/sandbox/docker/readiness.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(() => server.close());
  const a = server.address();
  if (a === null || typeof a === 'string') throw new Error('no port');
  return a.port;
}

/** A port nothing listens on (bound once, then closed). */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  const port = await listen(s);
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const quiet: TestLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** A container that always runs (waitReady asks every fourth poll). */
const running = {
  inspect: async () => ({ State: { Running: true, ExitCode: 0, OOMKilled: false } }),
} as unknown as Dockerode.Container;
const fw = getFramework('JavaScript-express');

describe('probeTcp', () => {
  it('is true where something accepts connections and false where nothing listens', async () => {
    const port = await listen(net.createServer((s) => s.destroy()));
    expect(await probeTcp('127.0.0.1', port, 1000)).toBe(true);
    expect(await probeTcp('127.0.0.1', await closedPort(), 1000)).toBe(false);
  });
});

describe('waitReady with the app address beside the forwarded port', () => {
  it('asks over HTTP only once the app address accepts connections', async () => {
    let httpProbes = 0;
    const httpPort = await listen(
      http.createServer((_req, res) => {
        httpProbes++;
        res.end('ok');
      }),
    );
    const appPort = await closedPort();
    const t0 = Date.now();
    const late = net.createServer((s) => s.destroy());
    closers.push(() => late.close());
    setTimeout(() => late.listen(appPort, '127.0.0.1'), 300);
    const ac = new AbortController();
    await waitReady(running, httpPort, fw, { log: quiet, signal: ac.signal }, 25, { host: '127.0.0.1', port: appPort });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    expect(httpProbes).toBe(1);
  });

  it('without it, the first HTTP answer is ready', async () => {
    let httpProbes = 0;
    const httpPort = await listen(
      http.createServer((_req, res) => {
        httpProbes++;
        res.end('ok');
      }),
    );
    const t0 = Date.now();
    await waitReady(running, httpPort, fw, { log: quiet, signal: new AbortController().signal }, 25);
    expect(Date.now() - t0).toBeLessThan(280);
    expect(httpProbes).toBe(1);
  });

  it('a listening app address is not enough: ready needs the HTTP answer', async () => {
    const appPort = await listen(net.createServer((s) => s.destroy()));
    const httpPort = await closedPort();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    await expect(
      waitReady(running, httpPort, fw, { log: quiet, signal: ac.signal }, 25, { host: '127.0.0.1', port: appPort }),
    ).rejects.toThrow(/aborted/);
  });
});
