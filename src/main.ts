import 'reflect-metadata';
import { createApp, type App } from './app';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { PendingMigrationsError } from './db/orm';
import { ErasurePlanError } from './deletion/erasure-plan';
import { DEMO_TOTP_SECRET, isSeeded, seedDemo } from './seed/demo-seed';
import { startServer, type RunningServer } from './server';

/** How long shutdown may take before the process gives up and exits non-zero. */
const SHUTDOWN_TIMEOUT_MS = 20_000;

async function main(): Promise<void> {
  const config = loadConfig();
  // The embedded default is a developer's first run: it migrates and seeds itself. A configured
  // database is the operator's: migrated as an explicit step before replicas start, never seeded
  // here (demo staff with a known password have no place on a real database).
  const app = await createApp(config, { migrate: config.embeddedDefault ? true : 'verify' });
  let seeded = false;
  // CPU, memory and event-loop lag beside the service's own metrics on GET /metrics.
  app.metrics.collectProcessMetrics();
  if (config.embeddedDefault && !(await isSeeded(app.orm.em.fork()))) {
    app.logger.info('empty database: seeding the demo company');
    await seedDemo(app, { password: config.seedStaffPassword });
    seeded = true;
  }
  // Side effects of deletions that committed before a crash are retried now.
  await app.outbox.drain();
  app.outbox.start();
  const server = await startServer(app, { port: config.port, host: config.host });
  // Before announcing readiness: a SIGTERM that follows the announcement must find the handler.
  installShutdown(app, server.close);
  printReady(config, server);
  // Right below the console's address: what a first run signs in with.
  if (seeded) printDemoSignIn(config.seedStaffPassword === 'demo-password');
}

function printReady(config: AppConfig, server: RunningServer) {
  const staffConsole = !config.console
    ? 'off (CONSOLE=false)'
    : (server.consoleUrl ?? 'not built: run `npm run build` (npm start builds it), then start again');
  console.log(
    [
      `Client erasure service ready at ${server.url}`,
      `  Staff console: ${staffConsole}`,
      `  GraphQL API:   ${server.graphqlUrl}${config.graphiql ? ' (GraphiQL in a browser)' : ''}`,
    ].join('\n'),
  );
}

function printDemoSignIn(defaultPassword: boolean) {
  const password = defaultPassword ? 'demo-password' : 'the value of SEED_STAFF_PASSWORD';
  console.log(
    [
      'Demo sign-in (company "Demo Hosting"):',
      `  admin@example.com  / ${password}  (view and delete clients)`,
      `  viewer@example.com / ${password}  (view only)`,
      `  totp@example.com   / ${password}  (view and delete; also a one-time code from an`,
      `                       authenticator app holding the development secret ${DEMO_TOTP_SECRET})`,
    ].join('\n'),
  );
}

/**
 * SIGTERM/SIGINT: stop accepting requests, let those in progress finish (a deletion commits or
 * rolls back inside its request), close the database, exit 0. Still running SHUTDOWN_TIMEOUT_MS
 * after the signal: exit 1.
 *
 * A clean stop does not call process.exit: the process ends once nothing is left to do, which
 * includes pino's last (asynchronous) writes, so "stopped" is the last line and in its place.
 */
function installShutdown(app: App, closeServer: () => Promise<void>) {
  let stopping = false;
  const fail = (message: string, error?: unknown) => {
    app.logger.error(error === undefined ? {} : { err: error }, message);
    process.exitCode = 1;
    // A moment for the log line to reach stdout, then out, whatever still holds the process.
    setTimeout(() => process.exit(1), 200);
  };
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down: no new requests, finishing those in progress');
    // Unreferenced: it fires only if something keeps the process alive past the bound.
    setTimeout(() => fail('shutdown timed out'), SHUTDOWN_TIMEOUT_MS).unref();
    // The server stops accepting and waits for requests in flight; only then is the database
    // closed.
    closeServer()
      .then(() => app.close())
      .then(() => {
        process.exitCode = 0;
        app.logger.info('stopped');
      })
      .catch((error: unknown) => fail('shutdown failed', error));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Configuration and schema problems are the operator's to fix: one line, no stack trace.
  if (
    error instanceof ConfigError ||
    error instanceof ErasurePlanError ||
    error instanceof PendingMigrationsError
  ) {
    console.error(`client-erasure: ${error.message}`);
  } else {
    console.error('client-erasure: failed to start:', error instanceof Error ? error.message : error);
    if (process.env.LOG_LEVEL === 'debug') console.error(error);
  }
  process.exit(1);
});
