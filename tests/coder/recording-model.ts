import type { CodingModel, CodingRequest } from '../../server/coder/coding-model.ts';

// A CodingModel that records every request and answers from a function of it, validated with
// the request's own schema (so a test cannot return something the real model could not).
export function recordingModel(answer: (req: CodingRequest<unknown>, n: number) => unknown): CodingModel & {
  calls: CodingRequest<unknown>[];
} {
  const calls: CodingRequest<unknown>[] = [];
  return {
    name: 'recording',
    calls,
    async complete<T>(req: CodingRequest<T>): Promise<T> {
      calls.push(req as CodingRequest<unknown>);
      const out = answer(req as CodingRequest<unknown>, calls.length - 1);
      if (out instanceof Error) throw out;
      return req.schema.parse(out);
    },
  };
}
