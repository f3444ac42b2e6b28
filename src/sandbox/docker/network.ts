/**
 * The network apps run on, and how the harness reaches them.
 *
 * **Sealed** (the default wherever it can be had: a native Linux engine whose bridges live in the
 * harness's own network namespace):
 * - an `--internal` bridge network (`baxbench-sealed`, bridge interface `bxb-sealed`): the engine
 *   drops every packet from the bridge that is not for the bridge's own subnet (its
 *   DOCKER-ISOLATION rules), so nothing leads outside; no NAT; `enable_icc=false`, so containers on it
 *   cannot reach each other (the engine drops bridge-to-bridge forwarding);
 * - a host firewall chain `BAXBENCH-SEALED`, jumped to from INPUT for the bridge interface: it
 *   accepts only packets of connections the host opened (replies to the harness) and rejects
 *   everything else, so an app cannot open a connection to the host either, on any of the host's
 *   addresses (the gateway of the bridge, the host's other addresses, any port). An internal network
 *   alone does not do that (moby/libnetwork#1151: the host's INPUT chain is not the engine's);
 *   IPv6 on the bridge is dropped likewise (containers on it get no IPv6 address at all).
 * - published ports do not exist on an internal network: the harness reaches an app at its address
 *   on the bridge, through a forwarder of its own on 127.0.0.1 (forward.ts), so a test's URL stays
 *   `http://127.0.0.1:<port>/…` as with a published port.
 *
 * The firewall chain is installed with the host's `iptables` when the harness runs as root, and
 * otherwise through the engine: a one-off privileged container in the host's namespaces
 * (`nsenter -t 1 -m -n`, from the framework's image) runs the same commands. The rules are
 * idempotent and stay in place (they only concern the bridge `bxb-sealed`).
 *
 * **Published** (the fallback, with the reason said once in every test log): where the engine's
 * bridges are not in this namespace (Docker Desktop's VM, rootless Docker, a remote engine) or
 * the firewall cannot be installed, apps run as before on `baxbench-isolated`, a bridge without NAT
 * and without inter-container traffic, with port 5000 published on 127.0.0.1. There an app can
 * still open connections to the host's addresses through the bridge's gateway.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';
import type { NetworkIsolation } from '../backend.js';
import { docker } from './engine.js';
import { LABEL, OWNER_LABEL, ownerId } from './leftovers.js';

const run = promisify(execFile);

/** The published-port network (the fallback). */
export const NETWORK_NAME = 'baxbench-isolated';
/** The sealed network and its bridge interface (at most 15 characters, Linux's limit). */
export const SEALED_NETWORK = 'baxbench-sealed';
export const SEALED_BRIDGE = 'bxb-sealed';
/** The host firewall chain for the sealed bridge. */
export const FIREWALL_CHAIN = 'BAXBENCH-SEALED';

export type AppNetwork =
  | { readonly mode: 'sealed'; readonly name: string; readonly note: string }
  | { readonly mode: 'published'; readonly name: string; readonly note: string };

/** The shell commands that install the host firewall chain (idempotent; `-w` waits for the xtables lock). */
export function firewallScript(bridge = SEALED_BRIDGE, chain = FIREWALL_CHAIN): string {
  const rule = (table: string, spec: string, add: string): string =>
    `${table} -w -C ${spec} 2>/dev/null || ${table} -w ${add} ${spec}`;
  return [
    'set -e',
    `iptables -w -N ${chain} 2>/dev/null || true`,
    rule('iptables', `${chain} -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT`, '-A'),
    rule('iptables', `${chain} -p tcp -j REJECT --reject-with tcp-reset`, '-A'),
    rule('iptables', `${chain} -j REJECT --reject-with icmp-port-unreachable`, '-A'),
    // The jump goes first in INPUT, whatever else the host's INPUT chain accepts.
    `iptables -w -C INPUT -i ${bridge} -j ${chain} 2>/dev/null || iptables -w -I INPUT 1 -i ${bridge} -j ${chain}`,
    // No IPv6 from the bridge at all (containers on it have none; this is belt and braces).
    `if command -v ip6tables >/dev/null 2>&1; then ip6tables -w -C INPUT -i ${bridge} -j DROP 2>/dev/null || ip6tables -w -I INPUT 1 -i ${bridge} -j DROP || true; fi`,
    // Prove it is in place.
    `iptables -w -C INPUT -i ${bridge} -j ${chain}`,
    `iptables -w -C ${chain} -p tcp -j REJECT --reject-with tcp-reset`,
  ].join('\n');
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? (e as { stderr?: string }).stderr?.trim() || e.message : String(e);
  return m.split('\n')[0] ?? m;
}

async function hasHostIptables(): Promise<boolean> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    await run('iptables', ['--version'], { timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Installs the firewall chain through the engine: a privileged one-off container in the host's namespaces. */
async function firewallThroughEngine(image: string, script: string): Promise<void> {
  const c = await docker().createContainer({
    Image: image,
    Entrypoint: ['nsenter', '-t', '1', '-m', '-n', '--', 'sh', '-c', script],
    Cmd: [],
    Labels: { [LABEL]: 'firewall', [OWNER_LABEL]: ownerId() },
    HostConfig: { Privileged: true, PidMode: 'host', NetworkMode: 'host' },
  });
  try {
    await c.start();
    const res = (await c.wait()) as { StatusCode: number };
    if (res.StatusCode !== 0) {
      const out = (await c.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
      throw new Error(
        `exit ${res.StatusCode}: ${out
          .toString('utf8')
          .replace(/[^\x20-\x7e\n]/g, '')
          .trim()}`,
      );
    }
  } finally {
    await c.remove({ force: true }).catch(() => undefined);
  }
}

/** Installs the host firewall chain for the sealed bridge (host iptables as root, else through the engine). */
export async function installFirewall(helperImage: string | undefined): Promise<void> {
  const script = firewallScript();
  if (await hasHostIptables()) {
    await run('sh', ['-c', script], { timeout: 60_000 });
    return;
  }
  if (!helperImage) throw new Error('not root, and no image to run the firewall helper from');
  await firewallThroughEngine(helperImage, script);
}

interface NetworkInfo {
  Name: string;
  Internal?: boolean;
  Options?: Record<string, string>;
  IPAM?: { Config?: { Subnet?: string }[] };
}

async function findNetwork(name: string): Promise<NetworkInfo | undefined> {
  const nets = (await docker().listNetworks({ filters: { name: [name] } })) as NetworkInfo[];
  return nets.find((n) => n.Name === name);
}

async function createNetwork(spec: Record<string, unknown>): Promise<void> {
  try {
    await docker().createNetwork(spec as unknown as Parameters<ReturnType<typeof docker>['createNetwork']>[0]);
  } catch (e) {
    if (!/already exists/i.test((e as Error).message)) throw e;
  }
}

/** Creates the published-port network unless it exists; resolves with its name. */
export async function ensureIsolatedNetwork(): Promise<string> {
  if (await findNetwork(NETWORK_NAME)) return NETWORK_NAME;
  await createNetwork({
    Name: NETWORK_NAME,
    Driver: 'bridge',
    Labels: { [LABEL]: 'network' },
    Options: {
      // No NAT: replies from outside cannot come back; published ports still reach the apps from the host.
      'com.docker.network.bridge.enable_ip_masquerade': 'false',
      // Apps cannot talk to each other.
      'com.docker.network.bridge.enable_icc': 'false',
    },
  });
  return NETWORK_NAME;
}

/** Creates the sealed network unless it exists (and refuses one of that name made otherwise). */
export async function ensureSealedNetwork(): Promise<string> {
  const found = await findNetwork(SEALED_NETWORK);
  if (found) {
    const bridge = found.Options?.['com.docker.network.bridge.name'];
    if (
      !found.Internal ||
      bridge !== SEALED_BRIDGE ||
      found.Options?.['com.docker.network.bridge.enable_icc'] !== 'false'
    )
      throw new Error(
        `the Docker network ${SEALED_NETWORK} exists but is not the one baxbench makes (internal, bridge ${SEALED_BRIDGE}, no inter-container traffic); remove it (docker network rm ${SEALED_NETWORK}) and run again`,
      );
    return SEALED_NETWORK;
  }
  await createNetwork({
    Name: SEALED_NETWORK,
    Driver: 'bridge',
    Internal: true,
    Labels: { [LABEL]: 'network' },
    Options: {
      'com.docker.network.bridge.name': SEALED_BRIDGE,
      'com.docker.network.bridge.enable_ip_masquerade': 'false',
      'com.docker.network.bridge.enable_icc': 'false',
    },
  });
  return SEALED_NETWORK;
}

function ipv4ToInt(a: string): number | undefined {
  const parts = a.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return (((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0) as number;
}

/**
 * Interfaces other than `bridge` that hold an IPv4 address inside `subnet` (e.g. a bridge left
 * behind by another engine with the same subnet): while one exists, traffic to the apps' addresses
 * may leave through it and never reach them, so the sealed network cannot be used.
 */
export function clashingInterfaces(
  subnet: string,
  bridge = SEALED_BRIDGE,
  interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces(),
): string[] {
  const [base, bitsText] = subnet.split('/');
  const net = base === undefined ? undefined : ipv4ToInt(base);
  const bits = Number(bitsText);
  if (net === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return [];
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const found: string[] = [];
  for (const [name, addresses] of Object.entries(interfaces)) {
    if (name === bridge) continue;
    for (const a of addresses ?? []) {
      const ip = a.family === 'IPv4' ? ipv4ToInt(a.address) : undefined;
      if (ip !== undefined && (ip & mask) >>> 0 === (net & mask) >>> 0) found.push(`${name} (${a.address})`);
    }
  }
  return found;
}

/** Whether the sealed bridge is an interface of this network namespace (so its containers' addresses are reachable from here). */
export function bridgeIsLocal(bridge = SEALED_BRIDGE): boolean {
  return process.platform === 'linux' && existsSync(`/sys/class/net/${bridge}`);
}

/**
 * The network apps run on: sealed when it can be had (and `want` allows it), published otherwise.
 * `want: 'sealed'` throws instead of falling back. `helperImage`: an image with `nsenter` and `sh`
 * for installing the firewall through the engine when the harness is not root.
 */
export async function ensureAppNetwork(want: NetworkIsolation, helperImage?: string): Promise<AppNetwork> {
  if (want !== 'published') {
    let reason: string;
    try {
      const name = await ensureSealedNetwork();
      if (!bridgeIsLocal())
        reason = `the engine's bridge ${SEALED_BRIDGE} is not in this network namespace (Docker Desktop, rootless or remote engine), so app addresses cannot be reached directly`;
      else {
        const subnet = (await findNetwork(SEALED_NETWORK))?.IPAM?.Config?.[0]?.Subnet;
        const clash = subnet ? clashingInterfaces(subnet) : [];
        if (clash.length > 0)
          throw new Error(
            `${clash.join(', ')} also hold${clash.length === 1 ? 's' : ''} an address in ${SEALED_NETWORK}'s subnet ${subnet}, so apps on it may be unreachable (a bridge left by another engine? remove it: ip link del <name>)`,
          );
        await installFirewall(helperImage);
        return {
          mode: 'sealed',
          name,
          note: `network: sealed (internal network ${SEALED_NETWORK}, no inter-container traffic, host firewall chain ${FIREWALL_CHAIN} on ${SEALED_BRIDGE}; the app reaches nothing but the test client)`,
        };
      }
    } catch (e) {
      reason = `the sealed network could not be set up: ${firstLine(e)}`;
    }
    if (want === 'sealed') throw new Error(`apps cannot be sealed here: ${reason}`);
    const name = await ensureIsolatedNetwork();
    return {
      mode: 'published',
      name,
      note: `network: NOT sealed from the host (${reason}); apps run on ${NETWORK_NAME} (no NAT, no inter-container traffic, port published on 127.0.0.1) and can still connect to the host's addresses`,
    };
  }
  const name = await ensureIsolatedNetwork();
  return {
    mode: 'published',
    name,
    note: `network: published ports (${NETWORK_NAME}: no NAT, no inter-container traffic; apps can connect to the host's addresses), as asked`,
  };
}
