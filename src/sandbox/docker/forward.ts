/**
 * A TCP forwarder on 127.0.0.1: how the harness reaches an app on the sealed network, where the
 * engine publishes no ports. One per app instance; each accepted connection gets its own
 * connection to the app's address on the bridge, bytes are piped both ways with back-pressure
 * (so a body that never ends costs no memory here), half-closes are passed on, and an app that
 * does not listen (yet) closes the client's connection at once, as a published port does.
 */
import net from 'node:net';

export interface Forwarder {
  /** The port on 127.0.0.1 that leads to the app. */
  readonly port: number;
  /** Stops listening and cuts every open connection. */
  close(): void;
}

export async function forwardPort(targetHost: string, targetPort: number): Promise<Forwarder> {
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket): void => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    track(client);
    client.setNoDelay(true);
    const upstream = net.connect({ host: targetHost, port: targetPort, allowHalfOpen: true });
    track(upstream);
    upstream.setNoDelay(true);
    const cut = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', cut);
    upstream.on('error', cut);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => undefined);
  // An instance left undisposed (an interrupted run) must not keep the process alive.
  server.unref();
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the forwarder has no TCP port');
  return {
    port: address.port,
    close() {
      server.close();
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
  };
}
