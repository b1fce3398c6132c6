#!/usr/bin/env -S npx tsx
import { Command } from 'commander';
import { registerCodeCommands } from './commands/code-commands.ts';
import { registerEvalCommand } from './commands/eval-command.ts';
import { registerLintCommand } from './commands/lint-command.ts';
import { registerSimulateCommand } from './commands/simulate-command.ts';
import { registerUserCommand } from './commands/user-command.ts';

// `kier <command>`: one entry point; each command lives in its own file under commands/.
// Exit codes: 0 ok, 1 unexpected failure, 2 bad input (file, line and reason on stderr).

const program = new Command()
  .name('kier')
  .description('Kier: motivational interviewing trainer — coding, scoring, scenarios and users')
  .showHelpAfterError();

registerCodeCommands(program);
registerEvalCommand(program);
registerLintCommand(program);
registerSimulateCommand(program);
registerUserCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`kier: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
