/**
 * Hostile samples that try to get out of the sandbox over the network, and what root may still
 * do inside it. Against the real Docker engine, sealed network (network.ts):
 * - an app that connects to a server the test starts on the host's 0.0.0.0, through the network's
 *   gateway and through the host's other address: refused, and the server sees nothing — while the
 *   same app on the older published-port network does get through (so the test can fail);
 * - an app that connects to another running app: refused (the harness itself reaches both);
 * - no route leads out: shown from the container's own configuration (routes, IPv6, DNS) and the
 *   network's and the engine's settings — no packet is sent to any address outside this machine;
 * - capabilities: only CHOWN, DAC_OVERRIDE and FOWNER, and root still writes /secret.txt and reads
 *   /etc/passwd (what the exploits rely on).
 */
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Framework, TestLog } from '../../src/core/types.js';
import { express } from '../../src/frameworks/javascript.js';
import { createDockerSandbox, ownerId, type DockerSandbox } from '../../src/sandbox/docker/index.js';
import { SEALED_BRIDGE, SEALED_NETWORK } from '../../src/sandbox/docker/network.js';
import type { PreparedSample, RunningApp } from '../../src/sandbox/types.js';
import { SandboxInfraError } from '../../src/sandbox/types.js';
import { describeDocker } from '../helpers/docker.js';

const fw: Framework = { ...express, startTimeoutMs: 20_000 };
const quiet: TestLog = { info() {}, warn() {}, error() {} };

/** An app that, on request, tries to reach an address, and tells what it sees of its own network and rights. */
const PROBE_APP = `
const express = require('express');
const net = require('net');
const fs = require('fs');
const os = require('os');
const app = express();
app.get('/', (q, r) => r.send('ok'));
app.get('/whoami', (q, r) => r.json(Object.values(os.networkInterfaces()).flat().filter((i) => i.family === 'IPv4' && !i.internal).map((i) => i.address)));
app.get('/probe', (q, r) => {
  const t0 = Date.now();
  const s = net.connect({ host: q.query.host, port: Number(q.query.port) });
  let done = false;
  const end = (result) => { if (done) return; done = true; s.destroy(); r.json({ result, ms: Date.now() - t0 }); };
  s.setTimeout(4000, () => end('timeout'));
  s.on('connect', () => end('connected'));
  s.on('error', (e) => end(e.code === 'ECONNREFUSED' ? 'refused' : 'error:' + e.code));
});
app.get('/config', (q, r) => {
  const read = (f) => { try { return fs.readFileSync(f, 'utf8'); } catch (e) { return 'unreadable: ' + e.code; } };
  r.json({ route: read('/proc/net/route'), inet6: read('/proc/net/if_inet6'), resolv: read('/etc/resolv.conf'), status: read('/proc/self/status') });
});
app.get('/root', (q, r) => {
  let wrote = false, passwd = '';
  try { fs.writeFileSync('/secret.txt', 'root writes anywhere'); wrote = fs.readFileSync('/secret.txt', 'utf8') === 'root writes anywhere'; } catch (e) { wrote = 'error:' + e.code; }
  try { passwd = fs.readFileSync('/etc/passwd', 'utf8'); } catch (e) { passwd = 'error:' + e.code; }
  r.json({ wrote, passwd: passwd.startsWith('root:') });
});
app.listen(5000, '0.0.0.0');
`;

function ownContainers(): string[] {
  return execFileSync('docker', ['ps', '-aq', '--filter', `label=baxbench.owner=${ownerId()}`], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
}

function networkGateway(name: string): string {
  return execFileSync('docker', ['network', 'inspect', name, '--format', '{{(index .IPAM.Config 0).Gateway}}'], {
    encoding: 'utf8',
  }).trim();
}

/** This machine's own non-loopback IPv4 addresses that are not a Docker bridge's. */
function hostAddresses(): string[] {
  return Object.entries(os.networkInterfaces())
    .filter(
      ([name]) =>
        !name.startsWith('docker') && !name.startsWith('br-') && !name.startsWith('bxb-') && !name.startsWith('veth'),
    )
    .flatMap(([, addrs]) => addrs ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}

/** A TCP server on the host's 0.0.0.0 that counts who connects. */
async function hostServer(): Promise<{ port: number; connections: string[]; close(): void }> {
  const connections: string[] = [];
  const server = net.createServer((s) => {
    connections.push(s.remoteAddress ?? '?');
    // The app's container may be removed while this socket is open: a reset is expected, not an error.
    s.on('error', () => undefined);
    s.end('HOST SECRET\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  return { port: (server.address() as net.AddressInfo).port, connections, close: () => server.close() };
}

async function getJson<T>(app: RunningApp, path: string): Promise<T> {
  const res = await fetch(app.app.url(path));
  return (await res.json()) as T;
}

describeDocker('hostile samples: network and privileges', () => {
  let sealed: DockerSandbox;
  let sample: PreparedSample;
  let server: Awaited<ReturnType<typeof hostServer>>;

  beforeAll(async () => {
    sealed = createDockerSandbox({ networkIsolation: 'sealed' });
    const image = await sealed.prepareImage(fw, {}, quiet);
    sample = await sealed.prepareSample(image, { 'app.js': PROBE_APP }, quiet);
    server = await hostServer();
  }, 600_000);

  afterAll(async () => {
    server?.close();
    await sealed.cleanup();
    expect(ownContainers()).toEqual([]);
  });

  const start = (sb: DockerSandbox = sealed) => sb.start(sample, { log: quiet, signal: new AbortController().signal });

  it('an app that connects to the host (a server on 0.0.0.0, through the gateway or the host address) is refused', async () => {
    const app = await start();
    try {
      expect((await sealed.appNetwork())?.mode).toBe('sealed');
      const gateway = networkGateway(SEALED_NETWORK);
      const targets = [gateway, ...hostAddresses()];
      expect(targets.length).toBeGreaterThan(1);
      for (const host of targets) {
        const r = await getJson<{ result: string; ms: number }>(app, `/probe?host=${host}&port=${server.port}`);
        console.log(`sealed app → host ${host}:${server.port}: ${r.result} after ${r.ms} ms`);
        expect(r.result).toBe('refused');
      }
      // and the host's own services on other ports (e.g. the Docker API is not on TCP here; any port is refused)
      const other = await getJson<{ result: string }>(app, `/probe?host=${gateway}&port=22`);
      expect(['refused', 'timeout']).toContain(other.result);
      expect(other.result).not.toBe('connected');
      expect(server.connections).toEqual([]);
    } finally {
      await app.dispose();
    }
  });

  it('control: on the published-port network the same app does reach the host (so the test above can fail)', async () => {
    const published = createDockerSandbox({ networkIsolation: 'published' });
    try {
      const image = await published.prepareImage(fw, {}, quiet);
      const s = await published.prepareSample(image, { 'app.js': PROBE_APP }, quiet);
      const app = await published.start(s, { log: quiet, signal: new AbortController().signal });
      try {
        const gateway = networkGateway((await published.appNetwork())!.name);
        const r = await getJson<{ result: string }>(app, `/probe?host=${gateway}&port=${server.port}`);
        expect(r.result).toBe('connected');
        // the server's accept may come a moment after the app's connect
        for (let i = 0; i < 50 && server.connections.length === 0; i++) await new Promise((res) => setTimeout(res, 20));
        expect(server.connections.length).toBeGreaterThan(0);
      } finally {
        await app.dispose();
      }
    } finally {
      await published.cleanup();
      server.connections.length = 0;
    }
  });

  it('an app that connects to another running app is refused; the harness reaches both', async () => {
    const a = await start();
    const b = await start();
    try {
      const [ipB] = await getJson<string[]>(b, '/whoami');
      const [ipA] = await getJson<string[]>(a, '/whoami');
      expect(ipB).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(ipA).not.toBe(ipB);
      const r = await getJson<{ result: string; ms: number }>(a, `/probe?host=${ipB}&port=5000`);
      console.log(`sealed app → neighbour ${ipB}:5000: ${r.result} after ${r.ms} ms`);
      expect(r.result).not.toBe('connected');
      expect(['refused', 'timeout']).toContain(r.result);
      // the neighbour itself answers the harness
      expect(await (await fetch(b.app.url('/'))).text()).toBe('ok');
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it("no route leads out: the container's routes, IPv6, DNS and the network's and engine's settings (no packet sent)", async () => {
    const app = await start();
    try {
      const cfg = await getJson<{ route: string; inet6: string; resolv: string }>(app, '/config');
      const gateway = networkGateway(SEALED_NETWORK);
      const hexToIp = (h: string): string => [6, 4, 2, 0].map((i) => Number.parseInt(h.slice(i, i + 2), 16)).join('.');
      const routes = cfg.route
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(/\s+/))
        .map(([iface, dest, gw, , , , , mask]) => ({
          iface,
          dest: hexToIp(dest!),
          gw: hexToIp(gw!),
          mask: hexToIp(mask!),
        }));
      console.log(`routes inside the app container: ${JSON.stringify(routes)}`);
      // Every route is the network's own link, or (Docker < 25 gives internal networks one) a
      // default route via the network's gateway — the host, which forwards nothing from it:
      for (const r of routes) {
        expect(r.iface).toBe('eth0');
        if (r.dest === '0.0.0.0') expect(r.gw).toBe(gateway);
        else expect(r.gw).toBe('0.0.0.0');
      }
      // no IPv6 address at all; names only through the engine's resolver inside the container
      expect(cfg.inet6.trim()).toBe('');
      expect(cfg.resolv).toMatch(/nameserver 127\.0\.0\.11/);
      expect(cfg.resolv.match(/^nameserver/gm)).toHaveLength(1);
      // the network: internal (the engine drops what leaves it), no NAT, no traffic between apps
      const net = JSON.parse(
        execFileSync('docker', ['network', 'inspect', SEALED_NETWORK, '--format', '{{json .}}'], { encoding: 'utf8' }),
      ) as { Internal: boolean; Options: Record<string, string>; IPAM: { Config: { Subnet: string }[] } };
      expect(net.Internal).toBe(true);
      expect(net.Options['com.docker.network.bridge.enable_icc']).toBe('false');
      expect(net.Options['com.docker.network.bridge.enable_ip_masquerade']).toBe('false');
      if (process.getuid?.() === 0) {
        // the engine's rule for an internal network: nothing from the bridge for outside its subnet
        const subnet = net.IPAM.Config[0]!.Subnet;
        const isolation = execFileSync('iptables', ['-S', 'DOCKER-ISOLATION-STAGE-1'], { encoding: 'utf8' });
        expect(isolation).toContain(`! -d ${subnet} -i ${SEALED_BRIDGE} -j DROP`);
        const nat = execFileSync('iptables', ['-t', 'nat', '-S', 'POSTROUTING'], { encoding: 'utf8' });
        expect(nat).not.toContain(subnet);
        // and the host's own firewall: nothing new from the bridge reaches the host
        const input = execFileSync('iptables', ['-S', 'INPUT'], { encoding: 'utf8' });
        expect(input).toContain(`-A INPUT -i ${SEALED_BRIDGE} -j BAXBENCH-SEALED`);
      }
    } finally {
      await app.dispose();
    }
  });

  it('root keeps file access (writes /secret.txt, reads /etc/passwd) with only CHOWN, DAC_OVERRIDE and FOWNER', async () => {
    const app = await start();
    try {
      const root = await getJson<{ wrote: boolean | string; passwd: boolean }>(app, '/root');
      expect(root).toEqual({ wrote: true, passwd: true });
      const { status } = await getJson<{ status: string }>(app, '/config');
      const capEff = BigInt(`0x${/CapEff:\s*([0-9a-f]+)/.exec(status)![1]}`);
      const capBnd = BigInt(`0x${/CapBnd:\s*([0-9a-f]+)/.exec(status)![1]}`);
      // CAP_CHOWN 0, CAP_DAC_OVERRIDE 1, CAP_FOWNER 3
      expect(capEff).toBe(0b1011n);
      expect(capBnd).toBe(0b1011n);
      expect(/NoNewPrivs:\s*1/.test(status)).toBe(true);
      expect((await app.app.readFile('/secret.txt')).toString()).toBe('root writes anywhere');
    } finally {
      await app.dispose();
    }
  });

  it('an app whose container the engine cannot create is a harness error (SandboxInfraError), not the sample', async () => {
    const broken: PreparedSample & { runImage: string; files: Record<string, string> } = {
      ...sample,
      runImage: 'baxbench-sample/does-not-exist:nope',
      files: { 'app.js': PROBE_APP },
    };
    const err = await sealed
      .start(broken, { log: quiet, signal: new AbortController().signal })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandboxInfraError);
    expect((err as Error).message).toContain('creating the app container');
  });
});
