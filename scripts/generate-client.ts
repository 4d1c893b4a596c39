/**
 * `npm run db:generate -- --rows 1000000 [--company <id>] [--attachments]`: generates one large
 * client, shaped by profileForRows, in the configured database (DATABASE_URL). Without
 * `--company` a fresh company with its fixtures is created. `--attachments` also writes the
 * support attachments' files to ATTACHMENTS_DIR.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { createApp } from '../src/app';
import { ConfigError, loadConfig, type AppConfig } from '../src/config';
import { createCompanyFixtures, loadCompanyFixtures } from '../src/seed/company-fixtures';
import { generateClient, profileForRows } from '../src/seed/client-generator';

const USAGE = 'usage: generate-client --rows <count> [--company <id>] [--attachments]';

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

class UsageError extends Error {}

/** A bar on a terminal; in logs (CI, redirected output) one line per tenth, so they stay short. */
function progressReporter(total: number): { update(done: number): void; stop(): void } {
  if (process.stdout.isTTY) {
    const bar = new SingleBar({ etaBuffer: 50 }, Presets.shades_classic);
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let reported = 0;
  return {
    update(done) {
      const tenth = Math.floor((done * 10) / total);
      // A batch can cross several tenths at once: each still gets its line.
      while (reported < tenth) {
        reported += 1;
        console.log(`${reported * 10}% (${done} of ${total} rows)`);
      }
    },
    stop() {},
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string' },
      company: { type: 'string' },
      attachments: { type: 'boolean', default: false },
    },
  });
  const rows = positiveInt('rows', values.rows);
  if (rows === undefined) throw new UsageError(USAGE);
  const companyId = positiveInt('company', values.company);

  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`db:generate: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp({ ...config, logLevel: 'warn' });
  try {
    const plugins = app.plugins.map((p) => p.name);
    const counts = profileForRows(rows, plugins, { plan: app.plan });
    const fixtures =
      companyId === undefined
        ? await createCompanyFixtures(app.orm.em.fork(), {
            name: `Generated ${randomBytes(3).toString('hex')}`,
            hostname: `generated-${randomBytes(3).toString('hex')}.example.test`,
          })
        : await loadCompanyFixtures(app.orm.em.fork(), companyId);
    console.log(
      `generating a client of ${rows} rows in company ${fixtures.companyId} (${app.driver}, plugins: ${plugins.join(', ') || 'none'})`,
    );
    const progress = progressReporter(rows);
    const started = Date.now();
    let client;
    try {
      client = await generateClient(app.orm.em.fork(), fixtures, {
        counts,
        plugins,
        app,
        onProgress: (done) => progress.update(done),
        attachmentsDir: values.attachments ? config.attachmentsDir : undefined,
      });
    } finally {
      progress.stop();
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `client ${client.clientId}: ${client.total} rows in ${seconds.toFixed(1)} s (${Math.round(client.total / seconds)} rows/s)`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(`db:generate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
