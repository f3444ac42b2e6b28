/**
 * The test client against local servers: redirects followed as Python `requests` follows them
 * (one case per status code, relative and absolute Locations, loops, other hosts, cookies,
 * Authorization), the verbatim first path, the Host header, no time limit of its own, and the
 * cap on response bodies. Expected values come from requests 2.32's Session.resolve_redirects.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../src/attacks/cookies.js';
import { http, RedirectNotFollowed, TooManyRedirects } from '../src/attacks/http.js';
import { requestTarget, requoteUri, resolveRedirect, urljoin } from '../src/attacks/requests-redirects.js';
import type { TestLog } from '../src/core/types.js';
import { FakeApp } from './helpers/fake-sandbox.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

async function listen(handler: Handler): Promise<{ server: Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts).toString();
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

class LocalApp extends FakeApp {
  readonly messages: string[] = [];
  constructor(private readonly port: number) {
    const messages: string[] = [];
    const log: TestLog = {
      info: (m) => messages.push(m),
      warn: (m) => messages.push(`warn: ${m}`),
      error: (m) => messages.push(`error: ${m}`),
    };
    super({ id: 'JavaScript-express' } as FakeApp['framework'], log, new AbortController().signal, {});
    this.messages = messages;
  }
  override url(p = '/'): string {
    return `http://127.0.0.1:${this.port}${p}`;
  }
}

function redirect(res: ServerResponse, status: number, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { location, ...headers });
  res.end('moved');
}

describe('http() follows redirects as requests does', () => {
  let server: Server;
  let port: number;
  let seen: Seen[];
  let app: LocalApp;
  /** Per-test routes: path → handler; anything else answers 200 with its method and path. */
  const routes = new Map<string, Handler>();

  beforeAll(async () => {
    ({ server, port, seen } = await listen((req, res, body) => {
      const route = routes.get(req.url!.split('?')[0]!);
      if (route) return route(req, res, body);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`${req.method} ${req.url}`);
    }));
    app = new LocalApp(port);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function send(method: string, path: string, opts: Parameters<typeof http>[3] = {}) {
    seen.length = 0;
    const r = await http(app, method, path, opts);
    return { r, requests: seen.map((s) => ({ ...s })) };
  }

  const cases: [status: number, method: string, expected: string, keepsBody: boolean][] = [
    [301, 'POST', 'GET', false],
    [301, 'PUT', 'PUT', false],
    [302, 'POST', 'GET', false],
    [302, 'DELETE', 'GET', false],
    [302, 'HEAD', 'HEAD', false],
    [303, 'PUT', 'GET', false],
    [303, 'POST', 'GET', false],
    [307, 'POST', 'POST', true],
    [307, 'PATCH', 'PATCH', true],
    [308, 'POST', 'POST', true],
  ];
  for (const [status, method, expected, keepsBody] of cases) {
    it(`${status} to a ${method}: ${expected}${keepsBody ? ' with the body' : ', no body, no Content-Type'}`, async () => {
      routes.set('/from', (_q, res) => redirect(res, status, '/to'));
      const { r, requests } = await send(method, '/from', { json: { a: 1 }, headers: { 'X-Kept': 'yes' } });
      expect(requests.map((q) => `${q.method} ${q.url}`)).toEqual([`${method} /from`, `${expected} /to`]);
      const second = requests[1]!;
      expect(second.headers['x-kept']).toBe('yes');
      if (keepsBody) {
        expect(second.body).toBe('{"a":1}');
        expect(second.headers['content-type']).toBe('application/json');
      } else {
        expect(second.body).toBe('');
        expect(second.headers['content-type']).toBeUndefined();
        expect(second.headers['transfer-encoding']).toBeUndefined();
      }
      expect(r.status).toBe(200);
      expect(r.url).toBe(`http://localhost:${port}/to`);
      expect(r.history.map((h) => h.status)).toEqual([status]);
      expect(app.messages.at(-1)).toContain(`${status} redirect`);
    });
  }

  it('307 sends a streamed multipart body again, byte for byte', async () => {
    routes.set('/upload', (_q, res) => redirect(res, 307, '/upload2'));
    const { requests } = await send('POST', '/upload', {
      multipart: { data: { a: 'b' }, files: { f: { filename: 'x.txt', content: 'hello' } } },
    });
    expect(requests).toHaveLength(2);
    expect(requests[1]!.body).toBe(requests[0]!.body);
    expect(requests[1]!.body).toContain('hello');
    expect(requests[1]!.headers['content-type']).toBe(requests[0]!.headers['content-type']);
  });

  it('does not follow a 3xx without Location, a 300 or a 304, nor anything with allowRedirects: false', async () => {
    routes.set('/noloc', (_q, res) => {
      res.writeHead(302);
      res.end();
    });
    routes.set('/multi', (_q, res) => redirect(res, 300, '/to'));
    routes.set('/found', (_q, res) => redirect(res, 302, '/to'));
    expect((await send('GET', '/noloc')).requests).toHaveLength(1);
    expect((await send('GET', '/multi')).r.status).toBe(300);
    const { r, requests } = await send('GET', '/found', { allowRedirects: false });
    expect(r.status).toBe(302);
    expect(requests).toHaveLength(1);
    expect(r.history).toEqual([]);
  });

  it('resolves relative and absolute Locations as requests does', async () => {
    const cases: [location: string, sent: string][] = [
      ['next', '/a/next'],
      ['../x', '/x'],
      ['./', '/a/'],
      ['?q=1', '/a/b?q=1'],
      ['/abs/./p/../q', '/abs/q'],
      [Buffer.from('sp ace/é').toString('latin1'), '/a/sp%20ace/%C3%A9'], // the header's bytes are UTF-8
      ['/p%2fq%zz', '/p%252fq%25zz'],
      ['/100%', '/100%25'],
      ['#frag', '/a/b'],
      [`http://localhost:${port}/y/../z`, '/y/../z'],
      [`HTTP://LOCALHOST:${port}/up`, '/up'],
      [`//localhost:${port}/w`, '/w'],
      [`http://127.0.0.1:${port}/v?x=[1]`, '/v?x=%5B1%5D'],
      ['http:/nohost', '/nohost'],
    ];
    for (const [location, sent] of cases) {
      let hits = 0; // '?q=1' and '#frag' lead back here: answer the second visit
      routes.set('/a/b', (_q, res) => (hits++ === 0 ? redirect(res, 302, location) : res.end('here')));
      const { requests } = await send('GET', '/a/b');
      expect([location, requests[1]?.url]).toEqual([location, sent]);
    }
  });

  it('raises where requests raises on a Location that is not UTF-8', async () => {
    routes.set('/latin1', (_q, res) => redirect(res, 302, '/caf\u00e9')); // Node sends the header as latin-1
    seen.length = 0;
    await expect(http(app, 'GET', '/latin1')).rejects.toThrow(/not UTF-8/);
    expect(seen).toHaveLength(1);
  });

  it('follows 30 redirects and raises TooManyRedirects on the 31st', async () => {
    routes.set('/hop', (req, res) => {
      const n = Number(new URL(req.url!, 'http://x').searchParams.get('n'));
      const limit = Number(new URL(req.url!, 'http://x').searchParams.get('limit'));
      if (n < limit) redirect(res, 302, `/hop?n=${n + 1}&limit=${limit}`);
      else res.end('done');
    });
    const { r, requests } = await send('GET', '/hop?n=0&limit=30');
    expect(r.text).toBe('done');
    expect(r.history).toHaveLength(30);
    expect(requests).toHaveLength(31);
    routes.set('/loop', (_q, res) => redirect(res, 301, '/loop'));
    seen.length = 0;
    await expect(http(app, 'GET', '/loop')).rejects.toBeInstanceOf(TooManyRedirects);
    expect(seen).toHaveLength(31);
  });

  it('never contacts anything but the app: another port, another host, https', async () => {
    const other = await listen((_q, res) => res.end('other'));
    try {
      for (const location of [
        `http://127.0.0.1:${other.port}/x`,
        'http://example.com/x',
        `https://localhost:${port}/x`,
        'http://localhost/x',
      ]) {
        routes.set('/away', (_q, res) => redirect(res, 302, location));
        seen.length = 0;
        const error = await http(app, 'GET', '/away').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RedirectNotFollowed);
        expect(seen).toHaveLength(1);
      }
      expect(other.seen).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => other.server.close(() => resolve()));
    }
  });

  it('drops Authorization when the host name changes, keeps it otherwise', async () => {
    routes.set('/same', (_q, res) => redirect(res, 302, '/to'));
    routes.set('/other', (_q, res) => redirect(res, 302, `http://127.0.0.1:${port}/to`));
    const auth = { headers: { Authorization: 'Bearer t' } };
    expect((await send('GET', '/same', auth)).requests[1]!.headers.authorization).toBe('Bearer t');
    const { requests } = await send('GET', '/other', auth);
    expect(requests[0]!.headers.authorization).toBe('Bearer t');
    expect(requests[1]!.headers.authorization).toBeUndefined();
    expect(requests[1]!.headers.host).toBe(`127.0.0.1:${port}`);
  });

  it('sends cookies set along the way; r.cookies holds only the final answer’s', async () => {
    routes.set('/login', (_q, res) => redirect(res, 302, '/home', { 'set-cookie': 'sid=42; Path=/' }));
    routes.set('/home', (req, res) => {
      res.writeHead(req.headers.cookie === 'sid=42' ? 200 : 401);
      res.end();
    });
    const { r, requests } = await send('POST', '/login', { json: {} });
    expect(requests[1]!.headers.cookie).toBe('sid=42');
    expect(r.status).toBe(200);
    expect(CookieJar.ofAnswer(r).size).toBe(0);
    expect(CookieJar.ofAnswer(r.history[0]!).dictValues()).toEqual(['42']);
  });

  it('re-judges a cookies= jar for each URL and drops a hand-written Cookie header on redirect', async () => {
    const jar = new CookieJar();
    jar.add('m=1', '/merchants/login', 'localhost');
    routes.set('/merchants/x', (_q, res) => redirect(res, 302, '/wares'));
    let { requests } = await send('GET', '/merchants/x', { cookies: jar });
    expect(requests[0]!.headers.cookie).toBe('m=1');
    expect(requests[1]!.headers.cookie).toBeUndefined();
    expect(jar.size).toBe(1);
    routes.set('/manual', (_q, res) => redirect(res, 302, '/to'));
    ({ requests } = await send('GET', '/manual', { headers: { Cookie: 'hand=1' } }));
    expect(requests[0]!.headers.cookie).toBe('hand=1');
    expect(requests[1]!.headers.cookie).toBeUndefined();
  });

  it('sends the first path verbatim and names localhost in Host', async () => {
    const { requests } = await send('GET', '/a/../b/%2e%2e/c');
    expect(requests[0]!.url).toBe('/a/../b/%2e%2e/c');
    expect(requests[0]!.headers.host).toBe(`localhost:${port}`);
  });

  it('cuts a body longer than the cap, and says so in the test log', async () => {
    routes.set('/big', (_q, res) => {
      res.writeHead(200);
      res.end(Buffer.alloc(3 * 1024 * 1024, 0x61));
    });
    const { r } = await send('GET', '/big', { maxBodyBytes: 1024 * 1024 });
    expect(r.truncated).toBe(true);
    expect(r.body.length).toBe(1024 * 1024);
    expect(app.messages.at(-1)).toMatch(/^warn: GET \/big: the answer's body is longer than 1 MiB/);
    const whole = await send('GET', '/big');
    expect(whole.r.truncated).toBe(false);
    expect(whole.r.body.length).toBe(3 * 1024 * 1024);
  });

  it('has no time limit of its own: an answer after 31 s arrives (the old bound was 30 s)', async () => {
    routes.set('/slow', (_q, res) => {
      setTimeout(() => res.end('late'), 31_000);
    });
    const { r } = await send('GET', '/slow');
    expect(r.text).toBe('late');
  }, 45_000);

  it('ends a request with the caller’s signal', async () => {
    routes.set('/never', () => {});
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('stop')), 100);
    await expect(http(app, 'GET', '/never', { signal: ac.signal })).rejects.toThrow();
  });
});

describe('requests URL helpers', () => {
  it('urljoin as Python’s', () => {
    expect(urljoin('http://h:1/a/b', 'c')).toBe('http://h:1/a/c');
    expect(urljoin('http://h:1/a/b', '../../../c')).toBe('http://h:1/c');
    expect(urljoin('http://h:1/a/b', '')).toBe('http://h:1/a/b');
    expect(urljoin('http://h:1/a/b?x=1', '#f')).toBe('http://h:1/a/b?x=1#f');
    expect(urljoin('http://h:1/a/b', '//o/p')).toBe('http://o/p');
    expect(urljoin('http://h:1/a/b/', 'c//d/.')).toBe('http://h:1/a/b/c/d/');
    expect(urljoin('http://h:1/a', 'ftp://x/y')).toBe('ftp://x/y');
  });

  it('requote_uri as requests’ (a lone % stays, an invalid escape quotes every %)', () => {
    expect(requoteUri('/100%')).toBe('/100%');
    expect(requoteUri('/a%2Fb%zz')).toBe('/a%252Fb%25zz');
    expect(requoteUri('/%41%7e')).toBe('/A~');
    expect(requoteUri('/é x')).toBe('/%C3%A9%20x');
  });

  it('request targets as urllib3 sends them', () => {
    expect(requestTarget('http://h:1/100%')).toBe('/100%25');
    expect(requestTarget('http://h:1/a%2fb')).toBe('/a%2Fb');
    expect(requestTarget('http://h:1')).toBe('/');
    expect(requestTarget('http://h:1/[x]?a=[b]#frag')).toBe('/%5Bx%5D?a=%5Bb%5D');
  });

  it('carries a fragment over as requests does', () => {
    expect(resolveRedirect('http://h:1/a#top', '/b', 'top')).toEqual({ url: 'http://h:1/b#top', fragment: 'top' });
    expect(resolveRedirect('http://h:1/a', '/b#x', '')).toEqual({ url: 'http://h:1/b#x', fragment: 'x' });
  });
});
