// The seam between Kier and any chat model: streamed text in, typed failures out. Callers (the
// LLM patient voice) depend on this interface only; the openai SDK lives in openai-client.ts.

export type LlmErrorKind = 'timeout' | 'rate_limited' | 'server' | 'bad_output' | 'empty' | 'network' | 'other';

export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LlmError';
  }
}

export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface LlmStreamRequest {
  system: string;
  messages: LlmMessage[];
  /** Called with each text delta as it arrives, in order. */
  onDelta?: (delta: string) => void;
  signal?: AbortSignal;
}

export interface LlmClient {
  readonly model: string;
  /** Streams one chat reply; resolves with the full text, or rejects with an LlmError. */
  stream(req: LlmStreamRequest): Promise<string>;
}
