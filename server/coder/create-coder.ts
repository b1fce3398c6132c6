import type { Config } from '../config.ts';
import type { CompiledRubric } from '../rubric/index.ts';
import { createRulesCoder, type Coder } from './coder.ts';
import { createOpenAiCodingModel, type CodingModel } from './coding-model.ts';
import { createHybridCoder } from './hybrid-coder.ts';
import { createLlmCoder } from './llm-coder.ts';

/**
 * The coder the config asks for: CODER_MODE rules|hybrid|llm. Without an LLM configured
 * (no OPENAI_API_KEY) it is always the rules, so the app works offline. `model` replaces the
 * OpenAI-compatible model (tests pass a recording mock).
 */
export function createCoderFromConfig(
  config: Pick<Config, 'llm' | 'coder'>,
  deps: { rubric: CompiledRubric; model?: CodingModel },
): Coder {
  const { mode, hybridThreshold } = config.coder;
  if (mode === 'rules' || (!config.llm && !deps.model)) return createRulesCoder({ rubric: deps.rubric });
  const model =
    deps.model ??
    createOpenAiCodingModel({
      apiKey: config.llm!.apiKey,
      baseURL: config.llm!.baseURL,
      model: config.llm!.model,
      timeoutMs: config.llm!.timeoutMs,
    });
  if (mode === 'hybrid') return createHybridCoder({ rubric: deps.rubric, model, threshold: hybridThreshold });
  return createLlmCoder({ rubric: deps.rubric, model });
}
