import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { TableName } from '../../src/seed/client-generator';

/** A generated client, as much of it as the benchmark needs to delete and check it. */
export interface BenchClient {
  readonly clientId: number;
  readonly userIds: readonly number[];
  readonly contactEmails: readonly string[];
  /** Rows generated per table: exactly the client's rows. */
  readonly counts: Readonly<Record<TableName, number>>;
  readonly total: number;
  /** Time the generator took for this client. */
  readonly seconds: number;
}

export type WorkerMessage = { ok: true; clients: BenchClient[] } | { ok: false; error: string };

/**
 * Generates `count` clients of `rows` rows each (shaped by `profileForRows`, both plugins) in the
 * company, in a child process, and waits for it to exit.
 */
export function generateClients(options: {
  databaseUrl: string;
  companyId: number;
  rows: number;
  count: number;
}): Promise<BenchClient[]> {
  const child = fork(
    join(__dirname, 'generate-worker.js'),
    [
      '--rows',
      String(options.rows),
      '--company',
      String(options.companyId),
      '--count',
      String(options.count),
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        PLUGINS: 'support_manager,order',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  return new Promise((resolve, reject) => {
    let message: WorkerMessage | undefined;
    child.on('message', (m) => (message = m as WorkerMessage));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (message?.ok) resolve(message.clients);
      else if (message) reject(new Error(`client generator failed: ${message.error}`));
      else reject(new Error(`client generator exited (code ${code}, signal ${signal}) without an answer`));
    });
  });
}
