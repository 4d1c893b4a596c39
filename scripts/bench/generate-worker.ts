/**
 * Child process of the benchmark: generates clients shaped by `profileForRows` into the database
 * named by DATABASE_URL, in an existing company. It runs apart from the benchmark so that the
 * generator's memory never counts against the service's RSS. Started by `generateClients`
 * (./generate.ts) through `fork`; it answers with one IPC message and exits.
 *
 *   node dist/scripts/bench/generate-worker.js --rows 100000 --company 1 --count 2
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config';
import { createOrm } from '../../src/db/orm';
import { resolvePlugins } from '../../src/plugins/registry';
import { loadCompanyFixtures } from '../../src/seed/company-fixtures';
import { generateClient, planOf, profileForRows } from '../../src/seed/client-generator';
import type { BenchClient, WorkerMessage } from './generate';

async function main(): Promise<BenchClient[]> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string' },
      company: { type: 'string' },
      count: { type: 'string', default: '1' },
    },
  });
  const rows = Number(values.rows);
  const companyId = Number(values.company);
  const count = Number(values.count);
  if (![rows, companyId, count].every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error('usage: generate-worker --rows <n> --company <id> [--count <n>]');
  }
  const config = loadConfig();
  const plugins = resolvePlugins(config.plugins);
  const orm = await createOrm({ database: config.database, plugins });
  try {
    const names = plugins.map((p) => p.name);
    const plan = planOf(orm.em, plugins);
    const fixtures = await loadCompanyFixtures(orm.em.fork(), companyId, names);
    const clients: BenchClient[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const client = await generateClient(orm.em.fork(), fixtures, {
        counts: profileForRows(rows, names, { plan }),
        plugins: names,
        app: { plan, plugins },
      });
      clients.push({
        clientId: client.clientId,
        userIds: client.userIds,
        contactEmails: client.contactEmails,
        counts: client.counts,
        total: client.total,
        seconds: (performance.now() - started) / 1000,
      });
    }
    return clients;
  } finally {
    await orm.close();
  }
}

function reply(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      console.log(JSON.stringify(message));
      resolve();
      return;
    }
    process.send(message, () => resolve());
  });
}

main()
  .then((clients) => reply({ ok: true, clients }).then(() => process.exit(0)))
  .catch((error: unknown) =>
    reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }).then(
      () => process.exit(1),
    ),
  );
