import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import { clashingInterfaces } from '../src/sandbox/docker/network.js';

const v4 = (address: string): os.NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.0.0',
  family: 'IPv4',
  mac: '00:00:00:00:00:00',
  internal: false,
  cidr: `${address}/16`,
});

describe('the sealed subnet is ours alone', () => {
  it('names another interface holding an address in the subnet (a bridge left by another engine)', () => {
    const ifaces = {
      lo: [v4('127.0.0.1')],
      'bxb-sealed': [v4('172.20.0.1')],
      'br-c2e3c88a76f8': [v4('172.20.0.1')],
      docker0: [v4('172.17.0.1')],
    };
    expect(clashingInterfaces('172.20.0.0/16', 'bxb-sealed', ifaces)).toEqual(['br-c2e3c88a76f8 (172.20.0.1)']);
  });

  it('finds nothing when only the sealed bridge is in the subnet', () => {
    const ifaces = { 'bxb-sealed': [v4('172.20.0.1')], docker0: [v4('172.17.0.1')], eth0: [v4('10.0.2.15')] };
    expect(clashingInterfaces('172.20.0.0/16', 'bxb-sealed', ifaces)).toEqual([]);
  });

  it('honours the prefix length and ignores IPv6 and malformed subnets', () => {
    const ifaces = {
      a: [v4('172.21.0.1')],
      b: [{ ...v4('fe80::1'), family: 'IPv6' as const, scopeid: 0 }],
      c: [v4('172.20.255.9')],
    };
    expect(clashingInterfaces('172.20.0.0/16', 'bxb-sealed', ifaces)).toEqual(['c (172.20.255.9)']);
    expect(clashingInterfaces('172.20.0.0/15', 'bxb-sealed', ifaces)).toEqual(['a (172.21.0.1)', 'c (172.20.255.9)']);
    expect(clashingInterfaces('not-a-subnet', 'bxb-sealed', ifaces)).toEqual([]);
  });
});
