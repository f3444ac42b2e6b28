/** Waiting until a started app answers HTTP, failing fast when its container died. */
import net from 'node:net';
import type Dockerode from 'dockerode';
import { sleep } from '../../core/concurrency.js';
import type { Framework } from '../../core/types.js';
import type { StartOptions } from '../types.js';

/** Whether anything answers HTTP on 127.0.0.1:port (any status counts). */
export async function probeHttp(port: number, timeoutMs: number): Promise<boolean> {
  const ac = new AbortController();
  const t = setTimeout(() => ac.abort(), timeoutMs);
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: ac.signal, redirect: 'manual' });
    await res.body?.cancel().catch(() => undefined);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(t);
  }
}

/**
 * Whether host:port accepts a TCP connection (closed again at once). Much cheaper than a failed
 * HTTP probe through the forwarder (one connection instead of two, no fetch machinery, no error
 * formatted), so an app still starting is polled this way and asked over HTTP only once it listens.
 */
export function probeTcp(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean): void => {
      clearTimeout(t);
      s.destroy();
      resolve(ok);
    };
    const t = setTimeout(() => done(false), timeoutMs);
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/**
 * After the app first answered: leaves it alone for `settleMs` (no request), so initialisation it
 * finishes after listening (a table created once the server is up) is done before the test, as
 * the original's once-a-second readiness poll leaves it time. An app that dies meanwhile is left
 * to the test, as in the original (its liveness check before the test sees it).
 */
export async function settleAfterReady(settleMs: number, options: StartOptions): Promise<void> {
  if (settleMs <= 0) return;
  await sleep(settleMs, options.signal);
  if (options.signal.aborted) throw new Error('aborted while waiting for the app to start');
}

/**
 * Polls the app every `pollMs` until it answers HTTP on 127.0.0.1:port; every fourth poll checks
 * that the container still runs. Throws when it exited, when the framework's start timeout passed,
 * or when aborted. With `direct` (the app's own address, reachable from here: the sealed network),
 * a poll asks over HTTP only when that address accepts a connection: the verdict "ready" is still
 * an HTTP answer, the polls before the app listens cost a plain connect each.
 */
export async function waitReady(
  c: Dockerode.Container,
  port: number,
  fw: Framework,
  options: StartOptions,
  pollMs: number,
  direct?: { readonly host: string; readonly port: number },
): Promise<void> {
  const t0 = Date.now();
  let polls = 0;
  for (;;) {
    if (options.signal.aborted) throw new Error('aborted while waiting for the app to start');
    const listening = direct === undefined || (await probeTcp(direct.host, direct.port, 1000));
    if (listening && (await probeHttp(port, 1000))) {
      options.log.info(`app answered after ${Date.now() - t0} ms`);
      return;
    }
    if (++polls % 4 === 0) {
      const st = await c.inspect();
      if (!st.State.Running)
        throw new Error(
          `the app exited before answering (exit code ${st.State.ExitCode}${st.State.OOMKilled ? ', out of memory' : ''})`,
        );
    }
    if (Date.now() - t0 > fw.startTimeoutMs)
      throw new Error(`the app did not answer on port ${fw.port} within ${fw.startTimeoutMs} ms`);
    await sleep(pollMs, options.signal);
  }
}
