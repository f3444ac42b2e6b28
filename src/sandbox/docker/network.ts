/**
 * The network apps run on: a bridge without NAT (no route to the outside) and without
 * inter-container traffic; published ports still reach the apps from the host.
 */
import { LABEL } from './leftovers.js';
import { docker } from './engine.js';

export const NETWORK_NAME = 'baxbench-isolated';

/** Creates the isolated network unless it exists; resolves with its name. */
export async function ensureIsolatedNetwork(): Promise<string> {
  const nets = await docker().listNetworks({ filters: { name: [NETWORK_NAME] } });
  if (nets.some((n) => n.Name === NETWORK_NAME)) return NETWORK_NAME;
  try {
    await docker().createNetwork({
      Name: NETWORK_NAME,
      Driver: 'bridge',
      Labels: { [LABEL]: 'network' },
      Options: {
        // No NAT: apps cannot reach anything outside; published ports still reach them from the host.
        'com.docker.network.bridge.enable_ip_masquerade': 'false',
        // Apps cannot talk to each other.
        'com.docker.network.bridge.enable_icc': 'false',
      },
    });
  } catch (e) {
    if (!/already exists/i.test((e as Error).message)) throw e;
  }
  return NETWORK_NAME;
}
