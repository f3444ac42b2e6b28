/** The Docker backend's pure parts: capped collection, the stream splitter, error classes, firewall rules. */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { Demuxer, HeadTail } from '../src/sandbox/docker/capped.js';
import { isTransientBuildFailure } from '../src/sandbox/docker/dependency-image.js';
import { ImageBuildError } from '../src/sandbox/docker/engine.js';
import { forwardPort } from '../src/sandbox/docker/forward.js';
import { infraError, isEngineFailure } from '../src/sandbox/docker/engine-errors.js';
import { KEPT_CAPABILITIES } from '../src/sandbox/docker/limits.js';
import { firewallScript } from '../src/sandbox/docker/network.js';
import { SandboxInfraError } from '../src/sandbox/types.js';

function frame(stream: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(payload.length, 4);
  return Buffer.concat([head, payload]);
}

describe('HeadTail', () => {
  it('keeps everything under the cap', () => {
    const h = new HeadTail(4, 4);
    h.push(Buffer.from('abc'));
    h.push(Buffer.from('def'));
    expect(h.dropped).toBe(0);
    expect(h.text(() => '|cut|')).toBe('abcdef');
  });

  it('keeps the head and the tail of a flood, counts and marks the rest', () => {
    const h = new HeadTail(3, 4);
    for (let i = 0; i < 1000; i++) h.push(Buffer.from(`${i % 10}`.repeat(7)));
    expect(h.total).toBe(7000);
    expect(h.dropped).toBe(7000 - 7);
    expect(h.text((n) => `[${n}]`)).toBe(`000[${7000 - 7}]9999`);
  });

  it('a head-only collector keeps the first bytes', () => {
    const h = new HeadTail(5, 0);
    h.push(Buffer.from('0123456789'));
    h.push(Buffer.from('abc'));
    expect(h.text((n) => `…${n}`)).toBe('01234…8');
  });
});

describe('Demuxer', () => {
  it('splits frames that span chunks, stdout and stderr apart', () => {
    const out: string[] = [];
    const err: string[] = [];
    const d = new Demuxer((which, data) => (which === 'stderr' ? err : out).push(data.toString()));
    const all = Buffer.concat([frame(1, 'hello '), frame(2, 'oops'), frame(1, 'world')]);
    for (let i = 0; i < all.length; i += 3) d.push(all.subarray(i, i + 3));
    expect(out.join('')).toBe('hello world');
    expect(err.join('')).toBe('oops');
  });
});

describe('engine failures', () => {
  it('are told apart from the sample by status, socket and host errors', () => {
    expect(isEngineFailure(Object.assign(new Error('(HTTP code 500) server error'), { statusCode: 500 }))).toBe(true);
    expect(isEngineFailure(Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT' }))).toBe(
      true,
    );
    expect(isEngineFailure(new Error('write /var/lib/docker/x: no space left on device'))).toBe(true);
    expect(isEngineFailure(new SandboxInfraError('x'))).toBe(true);
    // the sample's: the app stopped (409), a file that is not there (404), an app that exited
    expect(isEngineFailure(Object.assign(new Error('container is not running'), { statusCode: 409 }))).toBe(false);
    expect(isEngineFailure(Object.assign(new Error('no such file'), { statusCode: 404 }))).toBe(false);
    expect(isEngineFailure(new Error('the app exited before answering (exit code 1)'))).toBe(false);
    expect(infraError('starting the app', new Error('boom\nmore')).message).toBe('starting the app: boom');
  });

  it('a dependency image build is retried only when it failed on the network or the engine', () => {
    expect(
      isTransientBuildFailure(
        new ImageBuildError('building x failed: exit 100', 'E: Temporary failure resolving deb.debian.org\n'),
      ),
    ).toBe(true);
    expect(isTransientBuildFailure(new ImageBuildError('building x failed', 'npm ERR! network request failed'))).toBe(
      true,
    );
    expect(
      isTransientBuildFailure(new ImageBuildError('building x failed: exit 1', 'E: Unable to locate package nope')),
    ).toBe(false);
    expect(isTransientBuildFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
  });
});

describe('sealing rules', () => {
  it('the firewall chain accepts only replies and rejects every new connection from the bridge, and proves it is in place', () => {
    const s = firewallScript('bxb-test', 'CHAIN');
    expect(s).toContain('-I INPUT 1 -i bxb-test -j CHAIN');
    const order = [
      '--ctstate ESTABLISHED,RELATED -j ACCEPT',
      'REJECT --reject-with tcp-reset',
      'icmp-port-unreachable',
    ];
    const at = order.map((r) => s.indexOf(r));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(s).toContain('ip6tables');
    expect(s.trimEnd().split('\n').at(-1)).toContain('-C CHAIN');
  });

  it('apps keep only the capabilities of root file access', () => {
    expect([...KEPT_CAPABILITIES].sort()).toEqual(['CHOWN', 'DAC_OVERRIDE', 'FOWNER']);
  });
});

describe('forwarder', () => {
  it('passes bytes both ways and half-closes, as a published port does', async () => {
    const target = net.createServer({ allowHalfOpen: true }, (s) => {
      const chunks: Buffer[] = [];
      s.on('data', (d: Buffer) => chunks.push(d));
      // answers once the client has finished sending (half-close)
      s.on('end', () => s.end(`got ${Buffer.concat(chunks).toString()}`));
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const fwd = await forwardPort('127.0.0.1', (target.address() as net.AddressInfo).port);
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const c = net.connect({ host: '127.0.0.1', port: fwd.port, allowHalfOpen: true });
        let text = '';
        c.on('data', (d: Buffer) => {
          text += d.toString();
        });
        c.on('end', () => resolve(text));
        c.on('error', reject);
        c.end('hello');
      });
      expect(answer).toBe('got hello');
    } finally {
      fwd.close();
      target.close();
    }
  });

  it('closes the client at once when nothing listens behind it', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const deadPort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const fwd = await forwardPort('127.0.0.1', deadPort);
    try {
      const ended = await new Promise<string>((resolve) => {
        const c = net.connect({ host: '127.0.0.1', port: fwd.port });
        c.on('data', () => resolve('data'));
        c.on('close', () => resolve('closed'));
        c.on('error', () => undefined);
      });
      expect(ended).toBe('closed');
    } finally {
      fwd.close();
    }
  });
});
