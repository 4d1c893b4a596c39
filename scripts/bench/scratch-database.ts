import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';

/**
 * The benchmark's own database on a MariaDB server: dropped and recreated at start, dropped at
 * the end. Nothing else on the server is touched.
 */
export class ScratchDatabase {
  private constructor(
    /** URL of the server, without a database. */
    private readonly serverUrl: string,
    readonly name: string,
    private readonly admin: Connection,
  ) {}

  /** `serverUrl` is e.g. `mysql://root@127.0.0.1:3306/`; any database in it is ignored. */
  static async recreate(serverUrl: string, name: string): Promise<ScratchDatabase> {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
    const url = new URL(serverUrl);
    url.pathname = '/';
    const admin = await createConnection(url.toString());
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return new ScratchDatabase(url.toString(), name, admin);
  }

  /** The database's URL, for DATABASE_URL. */
  get url(): string {
    const url = new URL(this.serverUrl);
    url.pathname = `/${this.name}`;
    return url.toString();
  }

  /** A plain mysql2 connection to the database. */
  connect(): Promise<Connection> {
    return createConnection(this.url);
  }

  async drop(): Promise<void> {
    await this.admin.query(`DROP DATABASE IF EXISTS \`${this.name}\``);
  }

  async close(): Promise<void> {
    await this.admin.end();
  }

  /** What the figures depend on: the server's version and its InnoDB settings. */
  async serverInfo(): Promise<Record<string, string>> {
    const [rows] = await this.admin.query<RowDataPacket[]>(
      `SELECT @@version AS version, @@innodb_buffer_pool_size AS innodb_buffer_pool_size,
              @@innodb_log_file_size AS innodb_log_file_size,
              @@innodb_flush_log_at_trx_commit AS innodb_flush_log_at_trx_commit,
              @@innodb_flush_method AS innodb_flush_method, @@innodb_io_capacity AS innodb_io_capacity`,
    );
    return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, String(v)]));
  }

  /**
   * Brings InnoDB to the same state before every measurement, so that none pays for the previous
   * step's background work. First purge: it removes the rows a deletion only marked, and the
   * history list (unpurged transactions; one deletion is one transaction) must be back to about
   * 0. Then the benchmark database's dirty pages are written back with `FLUSH TABLES ... FOR
   * EXPORT`: this server does not flush idle dirty pages on its own (innodb_max_dirty_pages_pct_lwm
   * is 0), and a measurement would otherwise pay for writing out the previous step's pages when it
   * needs buffer pool room. Only this database's tables are locked, for the moment of the flush.
   * Gives up waiting for purge after `maxMs` and says so.
   */
  async settle(
    maxMs = 180_000,
  ): Promise<{ ms: number; settled: boolean; historyBefore: number } & InnodbStatus> {
    const started = Date.now();
    let status = await this.innodbStatus();
    const historyBefore = status.historyLength;
    while (status.historyLength > 0 && Date.now() - started < maxMs) {
      await sleep(250);
      status = await this.innodbStatus();
    }
    const settled = status.historyLength === 0;
    const [tables] = await this.admin.query<RowDataPacket[]>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND engine = 'InnoDB'`,
      [this.name],
    );
    if (tables.length > 0) {
      const list = tables.map((t) => `\`${this.name}\`.\`${String(t.name)}\``).join(', ');
      await this.admin.query(`FLUSH TABLES ${list} FOR EXPORT`);
      await this.admin.query('UNLOCK TABLES');
    }
    return { ms: Date.now() - started, settled, historyBefore, ...(await this.innodbStatus()) };
  }

  private async innodbStatus(): Promise<InnodbStatus> {
    const [rows] = await this.admin.query<RowDataPacket[]>(
      `SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_history_list_length', 'Innodb_buffer_pool_pages_dirty')`,
    );
    const value = (name: string) =>
      Number(rows.find((r) => String(r.Variable_name).toLowerCase() === name.toLowerCase())?.Value ?? 0);
    return {
      historyLength: value('Innodb_history_list_length'),
      dirtyPages: value('Innodb_buffer_pool_pages_dirty'),
    };
  }
}

interface InnodbStatus {
  historyLength: number;
  /** Dirty pages of the whole server, after the flush (other databases' and undo pages). */
  dirtyPages: number;
}
