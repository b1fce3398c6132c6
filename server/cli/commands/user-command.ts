import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { AppError } from '../../services/app-error.ts';
import { createAuthService } from '../../services/auth-service.ts';
import { createStore, openDb } from '../../store/index.ts';
import { ROLES, type Role } from '../../store/repositories.ts';

// `kier user add`: create an account (e.g. the first admin) in the store the config points at
// (PGlite in DATA_DIR, or DATABASE_URL). The password comes from --password or stdin.

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('manage accounts');
  user
    .command('add')
    .description('create an account; the password is read from stdin when --password is not given')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--name <name>', 'display name')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'student')
    .option('--locale <locale>', 'nl or en', 'nl')
    .option('--password <password>', 'at least 8 characters (prefer stdin: it stays out of the shell history)')
    .action(async (opts: { email: string; name: string; role: string; locale: string; password?: string }) => {
      if (!ROLES.includes(opts.role as Role)) {
        process.stderr.write(`kier user add: --role must be one of ${ROLES.join(', ')}\n`);
        process.exit(2);
      }
      if (opts.locale !== 'nl' && opts.locale !== 'en') {
        process.stderr.write('kier user add: --locale must be nl or en\n');
        process.exit(2);
      }
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(opts.email)) {
        process.stderr.write('kier user add: --email is not an email address\n');
        process.exit(2);
      }
      const password = opts.password ?? (await readStdin());
      if (password.length < 8) {
        process.stderr.write('kier user add: the password needs at least 8 characters\n');
        process.exit(2);
      }
      const config = loadConfig();
      const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const auth = createAuthService({ store: createStore(db) });
        const created = await auth.createUser({
          name: opts.name,
          email: opts.email,
          password,
          role: opts.role as Role,
          locale: opts.locale,
        });
        process.stdout.write(`created ${created.role} ${created.email} (${created.id})\n`);
      } catch (err) {
        if (err instanceof AppError && err.code === 'email_taken') {
          process.stderr.write(`kier user add: an account with email ${opts.email} already exists\n`);
          process.exitCode = 2;
        } else throw err;
      } finally {
        await db.close();
      }
    });
}
