import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import type { DatabaseConfig } from '../../src/config';

/**
 * The Galera cluster of TEST_GALERA_URLS: three `mysql://` server URLs, comma-separated, e.g. the
 * cluster of scripts/galera-up.sh:
 * `mysql://root@127.0.0.1:3311/,mysql://root@127.0.0.1:3312/,mysql://root@127.0.0.1:3313/`.
 * Empty when the variable is unset (vitest.config.mts then leaves test/galera.test.ts out).
 */
export function galeraUrls(): string[] {
  return (process.env.TEST_GALERA_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
}

/**
 * One throwaway database on the cluster, created through the first node (DDL replicates to the
 * others), with a DatabaseConfig and a plain connection per node.
 */
export class GaleraDatabase {
  readonly name = `erasure_galera_${process.pid}_${randomBytes(4).toString('hex')}`;
  private readonly connections: Connection[] = [];

  constructor(private readonly serverUrls: readonly string[]) {
    if (serverUrls.length < 3) {
      throw new Error(`TEST_GALERA_URLS: three node URLs expected, got ${serverUrls.length}`);
    }
  }

  /** The database's URL on node `n` (1-based). */
  url(n: number): string {
    const url = new URL(this.serverUrls[n - 1]);
    url.pathname = `/${this.name}`;
    return url.toString();
  }

  config(n: number): DatabaseConfig {
    return { driver: 'mysql', url: this.url(n), dbName: this.name };
  }

  async create(): Promise<void> {
    const admin = await createConnection(serverOnly(this.serverUrls[0]));
    try {
      await admin.query(`CREATE DATABASE \`${this.name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await admin.end();
    }
  }

  async drop(): Promise<void> {
    for (const c of this.connections.splice(0)) await c.end().catch(() => undefined);
    const admin = await createConnection(serverOnly(this.serverUrls[0]));
    try {
      await admin.query(`DROP DATABASE IF EXISTS \`${this.name}\``);
    } finally {
      await admin.end();
    }
  }

  /** A new plain connection to the database on node `n`, closed by `drop`. */
  async connect(n: number): Promise<Connection> {
    const connection = await createConnection(this.url(n));
    this.connections.push(connection);
    return connection;
  }

  /**
   * Rows of a query on node `n`, read once the node has applied everything the cluster committed
   * before (`wsrep_sync_wait`): what a client of that node sees now.
   */
  async latest<T extends RowDataPacket>(n: number, query: string, params: unknown[] = []): Promise<T[]> {
    const connection = await createConnection(this.url(n));
    try {
      const [rows] = await connection.query<T[]>(`SET STATEMENT wsrep_sync_wait = 1 FOR ${query}`, params);
      return rows;
    } finally {
      await connection.end();
    }
  }

  /** One number from node `n` (see {@link latest}): `SELECT COUNT(*) AS n …`. */
  async count(n: number, query: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.latest<RowDataPacket>(n, query, params);
    return Number(row.n);
  }
}

function serverOnly(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/';
  return parsed.toString();
}

const run = promisify(execFile);
const SCRIPTS = join(__dirname, '..', '..', 'scripts');

/**
 * Kills node `n` of the cluster of scripts/galera-up.sh (SIGKILL, as a crash), or starts it again
 * and waits until it is Synced. Only for that cluster: the suite's node URLs must be its nodes.
 */
export async function galeraNode(action: 'kill' | 'start', n: number): Promise<string> {
  const { stdout } =
    action === 'kill'
      ? await run('bash', [join(SCRIPTS, 'galera-down.sh'), '--kill', String(n)])
      : await run('bash', [join(SCRIPTS, 'galera-up.sh'), String(n)], { timeout: 180_000 });
  return stdout;
}
