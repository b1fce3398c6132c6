import type { Command } from 'commander';
import { formatProblem, loadScenarios } from '../../scenarios/load-scenarios.ts';

// `kier lint [dir]`: validate every scenario file; exit 2 when any problem is found.
export function registerLintCommand(program: Command): void {
  program
    .command('lint')
    .description('validate scenario files: each problem as file:line: field.path: message')
    .argument('[dir]', 'scenario folder', 'scenarios')
    .option('--json', 'print {"scenarios":[ids],"problems":[…]} as JSON')
    .action((dir: string, opts: { json?: boolean }) => {
      const { scenarios, problems } = loadScenarios(dir);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ scenarios: scenarios.map((s) => s.id), problems }, null, 2)}\n`);
      } else {
        for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
        const files = new Set(problems.map((p) => p.file)).size;
        process.stdout.write(
          problems.length
            ? `\n${problems.length} problem(s) in ${files} file(s); ${scenarios.length} valid scenario(s)\n`
            : `${scenarios.length} scenario(s), no problems\n`,
        );
      }
      process.exitCode = problems.length ? 2 : 0;
    });
}
