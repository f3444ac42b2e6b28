/**
 * Local stand-ins for model APIs, for tests: an HTTP server on 127.0.0.1 (port 0) speaking the
 * OpenAI chat-completions protocol, Anthropic's messages protocol or Gemini's generateContent.
 * Each records the requests it gets; scripted replies (429, 500 …) are served first, then the
 * `answer` function produces normal answers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface ScriptedReply {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
}

export interface FakeAnswer {
  text: string;
  thinking?: string;
  finishReason?: string;
  inputTokens?: number;
  outputTokens?: number;
}

export interface FakeServerOptions {
  /** Replies served first, in order (errors to exercise retries). */
  script?: ScriptedReply[];
  /** The normal answer to a request. */
  answer?: (req: RecordedRequest) => FakeAnswer | string;
  /** Delay before answering (to observe concurrency). */
  delayMs?: number;
}

export interface FakeServer {
  /** Base URL to give the client, ending in /v1 (or /v1beta for Gemini). */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Requests being answered right now, and the most seen at once. */
  readonly inFlight: { now: number; peak: number };
  readonly script: ScriptedReply[];
  close(): Promise<void>;
}

type Protocol = 'openai' | 'anthropic' | 'google';

function userText(protocol: Protocol, body: Record<string, unknown>): string {
  if (protocol === 'google') {
    const contents = (body.contents as { parts: { text?: string }[] }[] | undefined) ?? [];
    return contents.flatMap((c) => c.parts.map((p) => p.text ?? '')).join('\n');
  }
  const messages = (body.messages as { role: string; content: unknown }[] | undefined) ?? [];
  const parts: string[] = [];
  for (const m of messages) {
    if (m.role !== 'user') continue;
    if (typeof m.content === 'string') parts.push(m.content);
    else if (Array.isArray(m.content)) for (const c of m.content as { text?: string }[]) parts.push(c.text ?? '');
  }
  return parts.join('\n');
}

/** The user prompt text of a recorded request, whatever the protocol. */
export function promptOf(req: RecordedRequest): string {
  const protocol: Protocol = req.path.includes(':generateContent')
    ? 'google'
    : req.path.endsWith('/messages')
      ? 'anthropic'
      : 'openai';
  return userText(protocol, req.body);
}

function reply(protocol: Protocol, body: Record<string, unknown>, a: FakeAnswer, n: number): unknown {
  const inTok = a.inputTokens ?? 100;
  const outTok = a.outputTokens ?? 50;
  const model = String(body.model ?? 'unknown');
  if (protocol === 'openai') {
    return {
      id: `chatcmpl-${n}`,
      object: 'chat.completion',
      created: 1_700_000_000,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: a.text }, finish_reason: a.finishReason ?? 'stop' }],
      usage: { prompt_tokens: inTok, completion_tokens: outTok, total_tokens: inTok + outTok },
    };
  }
  if (protocol === 'anthropic') {
    const content: unknown[] = [];
    if (a.thinking !== undefined) content.push({ type: 'thinking', thinking: a.thinking, signature: 'fake-signature' });
    content.push({ type: 'text', text: a.text });
    return {
      id: `msg_${n}`,
      type: 'message',
      role: 'assistant',
      model,
      content,
      stop_reason: a.finishReason ?? 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: inTok, output_tokens: outTok },
    };
  }
  return {
    candidates: [
      { content: { role: 'model', parts: [{ text: a.text }] }, finishReason: a.finishReason ?? 'STOP', index: 0 },
    ],
    usageMetadata: { promptTokenCount: inTok, candidatesTokenCount: outTok, totalTokenCount: inTok + outTok },
    modelVersion: 'fake',
  };
}

function endpointOk(protocol: Protocol, method: string, path: string): boolean {
  if (method !== 'POST') return false;
  if (protocol === 'openai') return path === '/v1/chat/completions';
  if (protocol === 'anthropic') return path === '/v1/messages';
  return /^\/v1beta\/models\/[^/]+:generateContent$/.test(path);
}

async function start(protocol: Protocol, opts: FakeServerOptions): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const inFlight = { now: 0, peak: 0 };
  const script = [...(opts.script ?? [])];
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        inFlight.now++;
        inFlight.peak = Math.max(inFlight.peak, inFlight.now);
        try {
          const path = (req.url ?? '').split('?')[0]!;
          let body: Record<string, unknown> = {};
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
          } catch {
            body = {};
          }
          const rec: RecordedRequest = { method: req.method ?? '', path, headers: req.headers, body };
          requests.push(rec);
          if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
          const send = (status: number, json: unknown, headers: Record<string, string> = {}): void => {
            res.writeHead(status, { 'content-type': 'application/json', ...headers });
            res.end(JSON.stringify(json));
          };
          if (!endpointOk(protocol, rec.method, path)) {
            send(404, { error: { message: `no such endpoint ${rec.method} ${path}`, type: 'not_found' } });
            return;
          }
          const scripted = script.shift();
          if (scripted) {
            send(
              scripted.status,
              scripted.json ?? { error: { message: `scripted ${scripted.status}`, type: 'scripted_error' } },
              scripted.headers,
            );
            return;
          }
          const a = opts.answer ? opts.answer(rec) : 'hello';
          n++;
          send(200, reply(protocol, body, typeof a === 'string' ? { text: a } : a, n));
        } finally {
          inFlight.now--;
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/${protocol === 'google' ? 'v1beta' : 'v1'}`,
    requests,
    inFlight,
    script,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const startFakeOpenAI = (opts: FakeServerOptions = {}): Promise<FakeServer> => start('openai', opts);
export const startFakeAnthropic = (opts: FakeServerOptions = {}): Promise<FakeServer> => start('anthropic', opts);
export const startFakeGemini = (opts: FakeServerOptions = {}): Promise<FakeServer> => start('google', opts);
