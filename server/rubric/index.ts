// Public API of the rubric engine. Other areas import from here only.
export { compileRubric, RubricError, type CompiledRubric, type CompiledRule } from './compile-rubric.ts';
export { codeTranscript, codeTurn, type CodeTranscriptOptions, type CodeTurnOptions } from './code-turn.ts';
export { detectLanguage, otherLanguageOf } from './detect-language.ts';
export { normalize } from './normalize.ts';
export { segment, type Utterance } from './segment.ts';
export { PRIMARY_PRECEDENCE, PRIMARY_WEIGHT } from './resolve.ts';
export { PERMISSION_WINDOW } from './turn-context.ts';
export {
  RuleFileSchema,
  RuleSchema,
  RuleContextSchema,
  type Rule,
  type RuleExample,
  type RuleFile,
  type RuleFileContent,
} from './rule-schema.ts';
export * from './schemas.ts';
