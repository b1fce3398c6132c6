import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIMULATION_SEED, simulationRow } from '../../server/cli/commands/simulate-command.ts';
import { goalPhrase, simulateConversation } from '../../server/patient/index.ts';
import { loadScenarios } from '../../server/scenarios/load-scenarios.ts';
import { realRubric } from './patient-fixtures.ts';

// The realism targets of issue 3, on every scenario in scenarios/, offline, fixed seed.
const { scenarios } = loadScenarios(path.resolve('scenarios'));

describe.each(scenarios.map((s) => [s.id, s] as const))('simulated patient in %s', (_id, scenario) => {
  const mi = simulateConversation(scenario, realRubric(), 'mi', { seed: SIMULATION_SEED });
  const righting = simulateConversation(scenario, realRubric(), 'righting', { seed: SIMULATION_SEED });
  const row = simulationRow(mi, righting, scenario.language);

  it('gives at least three times as much change talk to MI as to the righting reflex', () => {
    expect(row.mi.change).toBeGreaterThanOrEqual(3 * row.righting.change);
    expect(row.mi.change).toBeGreaterThanOrEqual(5);
  });

  it('gives at least twice as much sustain talk to the righting reflex as to MI', () => {
    expect(row.righting.sustain).toBeGreaterThanOrEqual(2 * row.mi.sustain);
    expect(row.righting.sustain).toBeGreaterThanOrEqual(4);
  });

  it('says what it intends: the rubric engine codes ≥ 90% of its turns as intended', () => {
    expect(row.agreement).toBeGreaterThanOrEqual(0.9);
  });

  it('gives the MI practitioner no commitment talk in the first five turns', () => {
    expect(row.miFirstCommitment === null || row.miFirstCommitment > 5).toBe(true);
  });

  it('stays ambivalent: the righting reflex leaves the patient in discord', () => {
    expect(righting.exchanges.some((e) => e.intent.discord)).toBe(true);
  });
});

it('has scenarios to simulate', () => {
  expect(scenarios.length).toBeGreaterThanOrEqual(1);
});

describe('the scripted practitioner words each scenario\'s goal', () => {
  // "om … te <werkwoord>" in Dutch: "te" before the infinitive at the end, split for a separable
  // verb ("op te bouwen"); a goal that does not end on its verb would read "volgens het te oefenschema".
  it.each(scenarios.filter((s) => s.language === 'nl').map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    expect(goalPhrase(scenario)).toMatch(/\bte \p{L}+(?:en|aan|zijn)$/u);
  });
});
