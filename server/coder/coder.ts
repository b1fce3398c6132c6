import { codeTranscript, codeTurn, detectLanguage, type CompiledRubric } from '../rubric/index.ts';
import type { CodedTurn, Language, TurnInput } from '../rubric/schemas.ts';

// The coder seam used by the app and the CLI: rules only, rules + LLM for unsure turns (hybrid),
// or the LLM for every turn. All three return the engine's CodedTurn; each turn says where its
// codes came from (source) and, after an LLM failure, why the rules were used (fallbackReason).

export type CoderMode = 'rules' | 'hybrid' | 'llm';

export interface Coder {
  readonly mode: CoderMode;
  /** Code one turn given the coded turns before it (live coding). */
  codeTurn(previous: readonly CodedTurn[], turn: TurnInput, opts: { language: Language }): Promise<CodedTurn>;
  /** Code a conversation; language detected from its text unless given. */
  codeTranscript(
    turns: readonly TurnInput[],
    opts?: { language?: Language },
  ): Promise<{ language: Language; turns: CodedTurn[] }>;
}

/** The offline coder: the rule engine, synchronous underneath. */
export function createRulesCoder(deps: { rubric: CompiledRubric }): Coder {
  const { rubric } = deps;
  return {
    mode: 'rules',
    async codeTurn(previous, turn, opts) {
      return codeTurn(previous, turn, { rubric, language: opts.language });
    },
    async codeTranscript(turns, opts = {}) {
      return codeTranscript(turns, { rubric, ...(opts.language ? { language: opts.language } : {}) });
    },
  };
}

/** Language of a conversation: the override, else detected from its text. */
export function conversationLanguage(turns: readonly TurnInput[], override?: Language, fallback?: Language): Language {
  return override ?? detectLanguage(turns.map((t) => t.text), fallback);
}
