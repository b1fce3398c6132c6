import type { Command } from 'commander';
import { loadRubrics } from '../../coder/load-rubrics.ts';
import { loadConfig } from '../../config.ts';
import { createOpenAiClient, type LlmClient } from '../../llm/index.ts';
import { simulateConversation, simulateConversationWithLlm, type SimulationResult } from '../../patient/index.ts';
import { formatProblem, loadScenarios } from '../../scenarios/load-scenarios.ts';

// `kier simulate`: scripted MI and righting-reflex practitioners against scenarios, offline, and
// with the LLM voice too when a model is configured (OPENAI_API_KEY). Fixed seeds, so the offline
// table is reproducible run to run.

export const SIMULATION_SEED = 20261122;

export interface SimulationRow {
  id: string;
  language: string;
  mi: { change: number; sustain: number };
  righting: { change: number; sustain: number };
  agreement: number;
  miFirstCommitment: number | null;
  /** The same scripts with the LLM voice, when a model is configured. */
  llm?: LlmSimulationRow;
}

export interface LlmSimulationRow {
  mi: { change: number; sustain: number };
  righting: { change: number; sustain: number };
  agreement: number;
  /** Patient turns the offline voice had to speak after the model failed twice. */
  fallbacks: number;
}

export function llmSimulationRow(mi: SimulationResult, righting: SimulationResult): LlmSimulationRow {
  const row = simulationRow(mi, righting, '');
  const fallbacks = [...mi.exchanges, ...righting.exchanges].filter((e) => e.voice === 'offline-fallback').length;
  return { mi: row.mi, righting: row.righting, agreement: row.agreement, fallbacks };
}

export function simulationRow(mi: SimulationResult, righting: SimulationResult, language: string): SimulationRow {
  const total = mi.exchanges.length + righting.exchanges.length;
  const agreement = (mi.agreement * mi.exchanges.length + righting.agreement * righting.exchanges.length) / total;
  return {
    id: mi.scenarioId,
    language,
    mi: { change: mi.change, sustain: mi.sustain },
    righting: { change: righting.change, sustain: righting.sustain },
    agreement: Math.round(agreement * 1000) / 1000,
    miFirstCommitment: mi.firstCommitment,
  };
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('run scripted MI and righting-reflex practitioners against scenarios (20 turns, fixed seeds)')
    .argument('[ids...]', 'scenario ids (or use --all)')
    .option('--all', 'every scenario in the folder')
    .option('--dir <dir>', 'scenario folder', 'scenarios')
    .option('--seed <n>', 'seed', String(SIMULATION_SEED))
    .option('--json', 'print JSON')
    .option('--transcript', 'print every exchange with the intent and why (text mode)')
    .option('--offline', 'offline voice only, even when an LLM is configured')
    .action(async (ids: string[], opts: { all?: boolean; dir: string; seed: string; json?: boolean; transcript?: boolean; offline?: boolean }) => {
      const { scenarios, problems } = loadScenarios(opts.dir);
      for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
      const chosen = opts.all ? scenarios : scenarios.filter((s) => ids.includes(s.id));
      const missing = opts.all ? [] : ids.filter((id) => !scenarios.some((s) => s.id === id));
      if (missing.length || !chosen.length) {
        process.stderr.write(`kier simulate: ${missing.length ? `unknown scenario(s): ${missing.join(', ')}` : 'no scenarios (give ids or --all)'}\n`);
        process.exitCode = 2;
        return;
      }
      const rubric = loadRubrics();
      const seed = Number(opts.seed);
      const llmConfig = opts.offline ? undefined : loadConfig().llm;
      const llm: LlmClient | undefined = llmConfig ? createOpenAiClient(llmConfig) : undefined;
      const rows: SimulationRow[] = [];
      for (const scenario of chosen) {
        const mi = simulateConversation(scenario, rubric, 'mi', { seed });
        const righting = simulateConversation(scenario, rubric, 'righting', { seed });
        const row = simulationRow(mi, righting, scenario.language);
        const runs = [mi, righting];
        if (llm) {
          const llmMi = await simulateConversationWithLlm(scenario, rubric, 'mi', { seed, llm });
          const llmRighting = await simulateConversationWithLlm(scenario, rubric, 'righting', { seed, llm });
          row.llm = llmSimulationRow(llmMi, llmRighting);
          runs.push(llmMi, llmRighting);
        }
        rows.push(row);
        if (opts.transcript && !opts.json) {
          for (const r of runs) {
            process.stdout.write(`\n== ${scenario.id} (${r.style}${r.exchanges.some((e) => e.voice !== 'offline') ? ', LLM voice' : ''})\n`);
            for (const e of r.exchanges) {
              process.stdout.write(`T [${e.practitioner.codes.map((c) => c.code).join(',')}] ${e.practitioner.text}\n`);
              const mark = e.codedTalk === e.intendedTalk ? '' : `  !! coded ${e.codedTalk}`;
              process.stdout.write(`P [${e.intent.move}/${e.intendedTalk}${e.intent.subtype ? `:${e.intent.subtype}` : ''}] ${e.patientText}${mark}\n`);
            }
          }
        }
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ scenarios: rows })}\n`);
        return;
      }
      const head = ['scenario', 'lang', 'MI change', 'MI sustain', 'RR change', 'RR sustain', 'agreement', '1st commit'];
      if (llm) head.push('LLM MI ch/su', 'LLM RR ch/su', 'LLM agree', 'fallbacks');
      const body = rows.map((r) =>
        [
          r.id, r.language, r.mi.change, r.mi.sustain, r.righting.change, r.righting.sustain, r.agreement.toFixed(2), r.miFirstCommitment ?? '-',
          ...(r.llm ? [`${r.llm.mi.change}/${r.llm.mi.sustain}`, `${r.llm.righting.change}/${r.llm.righting.sustain}`, r.llm.agreement.toFixed(2), r.llm.fallbacks] : []),
        ].map(String),
      );
      const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
      for (const line of [head, ...body]) process.stdout.write(`${line.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
    });
}
