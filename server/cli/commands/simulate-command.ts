import type { Command } from 'commander';
import { loadRubrics } from '../../coder/load-rubrics.ts';
import { simulateConversation, type SimulationResult } from '../../patient/index.ts';
import { formatProblem, loadScenarios } from '../../scenarios/load-scenarios.ts';

// `kier simulate`: scripted MI and righting-reflex practitioners against scenarios, offline.
// Fixed seeds, so the table is reproducible run to run.

export const SIMULATION_SEED = 20261122;

export interface SimulationRow {
  id: string;
  language: string;
  mi: { change: number; sustain: number };
  righting: { change: number; sustain: number };
  agreement: number;
  miFirstCommitment: number | null;
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
    .action((ids: string[], opts: { all?: boolean; dir: string; seed: string; json?: boolean; transcript?: boolean }) => {
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
      const rows: SimulationRow[] = [];
      for (const scenario of chosen) {
        const mi = simulateConversation(scenario, rubric, 'mi', { seed });
        const righting = simulateConversation(scenario, rubric, 'righting', { seed });
        rows.push(simulationRow(mi, righting, scenario.language));
        if (opts.transcript && !opts.json) {
          for (const r of [mi, righting]) {
            process.stdout.write(`\n== ${scenario.id} (${r.style})\n`);
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
      const body = rows.map((r) => [r.id, r.language, r.mi.change, r.mi.sustain, r.righting.change, r.righting.sustain, r.agreement.toFixed(2), r.miFirstCommitment ?? '-'].map(String));
      const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
      for (const line of [head, ...body]) process.stdout.write(`${line.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
    });
}
