import type { CompiledRubric } from '../rubric/index.ts';
import type { Coder } from './coder.ts';
import type { CodingModel } from './coding-model.ts';
import { createLlmCoder, turnConfidence } from './llm-coder.ts';

// Hybrid: the rules code every turn; only turns the rules are unsure of (confidence below the
// threshold, CODER_HYBRID_THRESHOLD) go to the model. Cheap and fast where the rules are clear,
// and the model's judgement where they are not. Failures fall back to the rules like llm mode.
export function createHybridCoder(deps: { rubric: CompiledRubric; model: CodingModel; threshold: number }): Coder {
  return createLlmCoder({
    rubric: deps.rubric,
    model: deps.model,
    mode: 'hybrid',
    select: (t) => turnConfidence(t) < deps.threshold,
  });
}
