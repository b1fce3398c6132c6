import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

// The only module that listens. Stops on SIGINT/SIGTERM: sockets, then HTTP, then the store.

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const app = await buildApp(config);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // `npm start` does not pass SIGTERM on to its script: when npm is stopped, the shell between us
  // dies and we are re-parented. Treat that as a stop too, so no orphan keeps the port and the store.
  const parent = process.ppid;
  if (parent !== 1) setInterval(() => process.ppid !== parent && shutdown('parent exited'), 1000).unref();
  await app.listen({ host: config.host, port: config.port });
}

main().catch((err: unknown) => {
  process.stderr.write(`kier: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
