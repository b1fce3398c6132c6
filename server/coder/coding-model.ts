import OpenAI from 'openai';
import { ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/core/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { z } from 'zod';

// The seam between the LLM coder and a model: one call that returns an object valid against a
// zod schema, or throws a CodingModelError saying why not. The OpenAI-compatible implementation
// uses structured output (response_format json_schema, strict) built from the same zod schema.
// Retries are off on purpose: a failed turn falls back to the rules at once instead of waiting.

export type CodingModelFailure = 'timeout' | 'rate_limited' | 'server_error' | 'http_error' | 'network' | 'bad_json' | 'refusal';

export class CodingModelError extends Error {
  constructor(
    readonly kind: CodingModelFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CodingModelError';
  }
}

export interface CodingRequest<T> {
  system: string;
  user: string;
  schema: z.ZodType<T>;
  schemaName: string;
}

export interface CodingModel {
  readonly name: string;
  complete<T>(req: CodingRequest<T>): Promise<T>;
}

export interface OpenAiCodingModelOptions {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  timeoutMs: number;
}

/** Parse and validate the model's JSON text; a CodingModelError('bad_json') otherwise. */
export function parseModelJson<T>(content: string | null | undefined, schema: z.ZodType<T>): T {
  if (content === null || content === undefined || content.trim() === '') throw new CodingModelError('bad_json', 'bad JSON: empty reply');
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (err) {
    throw new CodingModelError('bad_json', `bad JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CodingModelError('bad_json', `bad JSON: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'does not match the schema'}`);
  }
  return parsed.data;
}

/** Map an SDK error to a failure kind and a short reason (no secrets: the SDK never puts the key in messages). */
export function classifyModelError(err: unknown, timeoutMs: number): CodingModelError {
  if (err instanceof CodingModelError) return err;
  if (err instanceof OpenAI.APIConnectionTimeoutError) return new CodingModelError('timeout', `timeout after ${timeoutMs} ms`);
  if (err instanceof OpenAI.APIUserAbortError) return new CodingModelError('timeout', `timeout after ${timeoutMs} ms`);
  if (err instanceof OpenAI.APIConnectionError) return new CodingModelError('network', `network error: ${err.message}`);
  if (err instanceof OpenAI.RateLimitError) return new CodingModelError('rate_limited', 'rate limited (429)');
  if (err instanceof OpenAI.APIError && typeof err.status === 'number') {
    if (err.status >= 500) return new CodingModelError('server_error', `server error (${err.status})`);
    return new CodingModelError('http_error', `HTTP ${err.status}`);
  }
  if (err instanceof LengthFinishReasonError) return new CodingModelError('bad_json', 'bad JSON: reply cut off (length)');
  if (err instanceof ContentFilterFinishReasonError) return new CodingModelError('refusal', 'refused: content filter');
  return new CodingModelError('network', `model call failed: ${err instanceof Error ? err.message : String(err)}`);
}

export function createOpenAiCodingModel(opts: OpenAiCodingModelOptions): CodingModel {
  const client = new OpenAI({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL,
    timeout: opts.timeoutMs,
    maxRetries: 0,
  });
  return {
    name: opts.model,
    async complete<T>(req: CodingRequest<T>): Promise<T> {
      let completion;
      try {
        completion = await client.chat.completions.create({
          model: opts.model,
          temperature: 0,
          messages: [
            { role: 'system', content: req.system },
            { role: 'user', content: req.user },
          ],
          response_format: zodResponseFormat(req.schema as never, req.schemaName),
        });
      } catch (err) {
        throw classifyModelError(err, opts.timeoutMs);
      }
      const message = completion.choices?.[0]?.message;
      if (!message) throw new CodingModelError('bad_json', 'bad JSON: no choices in the reply');
      if (message.refusal) throw new CodingModelError('refusal', `refused: ${message.refusal.slice(0, 200)}`);
      return parseModelJson(message.content, req.schema);
    },
  };
}
