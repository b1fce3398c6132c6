import { LlmError, type LlmClient, type LlmErrorKind, type LlmStreamRequest } from './llm-client.ts';

// A scripted LlmClient for tests and offline demos: each call takes the next scripted step (a
// reply, streamed in word-sized deltas, or an error) and records the request.

export type RecordedStep = { reply: string } | { error: LlmErrorKind; message?: string };

export interface RecordingLlm extends LlmClient {
  calls: LlmStreamRequest[];
  script(...steps: RecordedStep[]): void;
}

export function createRecordingLlm(...initial: RecordedStep[]): RecordingLlm {
  const queue: RecordedStep[] = [...initial];
  const calls: LlmStreamRequest[] = [];
  return {
    model: 'recording',
    calls,
    script: (...steps) => void queue.push(...steps),
    async stream(req) {
      calls.push(req);
      const step = queue.shift();
      if (!step) throw new LlmError('other', 'recording LLM: no scripted step left');
      if ('error' in step) throw new LlmError(step.error, step.message ?? `scripted ${step.error}`);
      for (const piece of step.reply.match(/\S+\s*|\s+/g) ?? []) req.onDelta?.(piece);
      if (step.reply.trim() === '') throw new LlmError('empty', 'empty reply');
      return step.reply;
    },
  };
}
