import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A local OpenAI-compatible server on 127.0.0.1 (port 0) for tests: POST /v1/chat/completions,
// streaming (SSE) or not, as the request asks. Each request takes the next scripted behaviour (or
// the default) and is recorded. Nothing leaves the machine.

export type FakeBehaviour =
  | { kind: 'reply'; text: string; chunks?: string[] }
  /** Structured output: the content is sent as JSON text. */
  | { kind: 'json'; content: unknown }
  | { kind: 'text'; content: string }
  | { kind: 'refusal'; text: string }
  | { kind: 'status'; status: number }
  | { kind: 'delay'; ms: number; text?: string; content?: unknown }
  | { kind: 'empty' }
  | { kind: 'garbage' }
  | { kind: 'truncated'; text: string }
  | { kind: 'drop' }
  /** Decides from the request body, as a model follows its prompt. */
  | { kind: 'respond'; fn: (body: any) => Exclude<FakeBehaviour, { kind: 'respond' }> };

export interface FakeRequest {
  path: string;
  body: any;
  authorization: string | undefined;
}

export interface FakeOpenAiServer {
  baseURL: string;
  requests: FakeRequest[];
  script(...b: FakeBehaviour[]): void;
  setDefault(b: FakeBehaviour): void;
  close(): Promise<void>;
}

function completion(content: string | null, refusal: string | null = null) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 0,
    model: 'fake-model',
    choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal } }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function chunk(delta: Record<string, unknown>, finish: string | null = null) {
  return { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 0, model: 'fake-model', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] };
}

/** Split a reply into word-sized pieces, as a model streams tokens. */
export function splitTokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

export async function startFakeOpenAiServer(defaultBehaviour: FakeBehaviour = { kind: 'status', status: 500 }): Promise<FakeOpenAiServer> {
  const queue: FakeBehaviour[] = [];
  let fallback = defaultBehaviour;
  const requests: FakeRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      let body: any = null;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      requests.push({ path: req.url ?? '', body, authorization: req.headers.authorization });
      if (req.method !== 'POST' || !(req.url ?? '').endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'not found', type: 'fake', code: null } }));
        return;
      }
      const streaming = body?.stream === true;
      const next = queue.shift() ?? fallback;
      const b = next.kind === 'respond' ? next.fn(body) : next;
      const sendJson = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const sse = (events: string[], end = true) => {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
        for (const e of events) res.write(`data: ${e}\n\n`);
        if (end) res.end();
      };
      const streamReply = (pieces: string[], finish = true) =>
        sse([
          JSON.stringify(chunk({ role: 'assistant', content: '' })),
          ...pieces.map((p) => JSON.stringify(chunk({ content: p }))),
          ...(finish ? [JSON.stringify(chunk({}, 'stop')), '[DONE]'] : []),
        ]);
      switch (b.kind) {
        case 'reply':
          return streaming ? streamReply(b.chunks ?? splitTokens(b.text)) : sendJson(200, completion(b.text));
        case 'json':
          return streaming ? streamReply(splitTokens(JSON.stringify(b.content))) : sendJson(200, completion(JSON.stringify(b.content)));
        case 'text':
          return streaming ? streamReply(splitTokens(b.content)) : sendJson(200, completion(b.content));
        case 'refusal':
          return streaming ? sse([JSON.stringify(chunk({ role: 'assistant', refusal: b.text }, 'stop')), '[DONE]']) : sendJson(200, completion(null, b.text));
        case 'empty':
          return streaming ? streamReply([]) : sendJson(200, completion(''));
        case 'status':
          return sendJson(b.status, { error: { message: `fake ${b.status}`, type: 'fake', code: null } });
        case 'garbage':
          if (streaming) return sse([JSON.stringify(chunk({ role: 'assistant', content: '' })), '{"choices": [ this is not json', '[DONE]']);
          res.writeHead(200, { 'content-type': 'application/json' });
          return void res.end('{"id": "chatcmpl-fake", "choices": [');
        case 'truncated':
          if (streaming) {
            // Some tokens, then the response ends cleanly but without finish_reason or [DONE].
            return streamReply(splitTokens(b.text), false);
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{"id": "chatcmpl-fake", "choi');
          return later(10, () => req.socket.destroy());
        case 'drop':
          req.socket.destroy();
          return;
        case 'delay':
          return later(b.ms, () => {
            if (res.destroyed || res.writableEnded) return;
            const text = b.content !== undefined ? JSON.stringify(b.content) : (b.text ?? 'late reply');
            if (streaming) streamReply(splitTokens(text));
            else sendJson(200, completion(text));
          });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...b) => void queue.push(...b),
    setDefault: (b) => void (fallback = b),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
