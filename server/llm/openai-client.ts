import OpenAI from 'openai';
import { LlmError, type LlmClient, type LlmStreamRequest } from './llm-client.ts';

// LlmClient over the openai SDK (any OpenAI-compatible server: OpenAI, Ollama, vLLM). Retries are
// off in the SDK on purpose: the caller decides (the patient voice retries once, then goes offline).

export interface OpenAiClientOptions {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  temperature?: number;
  timeoutMs: number;
}

/** Map anything thrown by the SDK (or the stream) to an LlmError kind with a short reason. */
export function toLlmError(err: unknown, timeoutMs: number): LlmError {
  if (err instanceof LlmError) return err;
  if (err instanceof OpenAI.APIConnectionTimeoutError || err instanceof OpenAI.APIUserAbortError)
    return new LlmError('timeout', `timeout after ${timeoutMs} ms`);
  if (err instanceof OpenAI.APIConnectionError) return new LlmError('network', `network error: ${err.message}`);
  if (err instanceof OpenAI.RateLimitError) return new LlmError('rate_limited', 'rate limited (429)');
  if (err instanceof OpenAI.APIError && typeof err.status === 'number') {
    if (err.status >= 500) return new LlmError('server', `server error (${err.status})`);
    return new LlmError('other', `HTTP ${err.status}`);
  }
  if (err instanceof SyntaxError) return new LlmError('bad_output', `malformed stream: ${err.message}`);
  if (err instanceof OpenAI.OpenAIError) return new LlmError('bad_output', `bad reply: ${err.message}`);
  const msg = err instanceof Error ? err.message : String(err);
  if (/terminated|socket|ECONNRESET|aborted|premature/i.test(msg)) return new LlmError('network', `stream broken: ${msg}`);
  return new LlmError('other', `model call failed: ${msg}`);
}

export function createOpenAiClient(opts: OpenAiClientOptions): LlmClient {
  const client = new OpenAI({ apiKey: opts.apiKey, baseURL: opts.baseURL, timeout: opts.timeoutMs, maxRetries: 0 });
  return {
    model: opts.model,
    async stream(req: LlmStreamRequest): Promise<string> {
      // The SDK timeout covers the response headers only; this bounds the whole stream.
      const abort = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        abort.abort();
      }, opts.timeoutMs);
      const onOuterAbort = () => abort.abort();
      req.signal?.addEventListener('abort', onOuterAbort, { once: true });
      let text = '';
      try {
        const stream = await client.chat.completions.create(
          {
            model: opts.model,
            temperature: opts.temperature ?? 0.7,
            stream: true,
            messages: [{ role: 'system', content: req.system }, ...req.messages],
          },
          { signal: abort.signal },
        );
        let finished = false;
        for await (const chunk of stream) {
          const choice = chunk.choices?.[0];
          const delta = choice?.delta?.content;
          if (typeof delta === 'string' && delta !== '') {
            text += delta;
            req.onDelta?.(delta);
          }
          if (choice?.finish_reason) finished = true;
        }
        if (!finished) throw new LlmError('bad_output', 'stream ended without a finish reason (truncated)');
      } catch (err) {
        if (timedOut) throw new LlmError('timeout', `timeout after ${opts.timeoutMs} ms`);
        throw toLlmError(err, opts.timeoutMs);
      } finally {
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onOuterAbort);
      }
      if (text.trim() === '') throw new LlmError('empty', 'empty reply');
      return text;
    },
  };
}
