import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { codeTurn, type CompiledRubric } from '../../server/rubric/index.ts';
import type { CodedTurn, PractitionerCode } from '../../server/rubric/schemas.ts';
import { ScenarioSchema, type Scenario } from '../../server/patient/scenario-schema.ts';

// Shared fixtures for the patient tests: a real scenario from scenarios/ and a hand-made
// practitioner turn with chosen codes (so state transitions are tested independently of the
// rubric engine's accuracy).

export const knee: Scenario = ScenarioSchema.parse(
  parse(readFileSync(new URL('../../scenarios/nl-knie-artrose-oefeningen.yaml', import.meta.url), 'utf8')),
);

export function withDifficulty(s: Scenario, difficulty: Scenario['difficulty']): Scenario {
  return { ...s, difficulty };
}

export function turn(text: string, ...codes: PractitionerCode[]): Pick<CodedTurn, 'text' | 'codes' | 'primary'> {
  return {
    text,
    primary: codes[0] ?? 'NC',
    codes: codes.map((code) => ({ code, text, span: [0, text.length] as [number, number], rule: `test.${code}`, confidence: 1, explanation: '' })),
  };
}

let rubric: CompiledRubric | undefined;
export function realRubric(): CompiledRubric {
  rubric ??= loadRubrics();
  return rubric;
}

export function coded(text: string, language: 'nl' | 'en' = 'nl'): CodedTurn {
  return codeTurn([], { speaker: 'practitioner', text }, { rubric: realRubric(), language });
}
