import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection, ResultSetHeader } from 'mysql2/promise';

/** Pause between two probe writes: enough to keep the probe from loading the 2-core machine. */
const PAUSE_MS = 20;

export interface ProbeTarget {
  /** The deleted client's group: a sign-up lands in it. */
  readonly clientGroupId: number;
  /** A client of the same company that is not being deleted. */
  readonly neighbourClientId: number;
}

export interface WriteLatencies {
  /** A sign-up: a users row and a clients row in the deleted client's group, one transaction. */
  readonly newClientMs: number[];
  /** A draft invoice for the neighbour client. */
  readonly invoiceMs: number[];
  /**
   * Writes the database refused (a deadlock with the deletion, a lock wait timeout): their time
   * to the error is among the latencies above too, as a caller would have waited that long.
   */
  readonly failed: { kind: 'newClient' | 'invoice'; ms: number; error: string }[];
}

/**
 * Other clients' writes while a deletion runs (SPEC 6: "a new client in the same group, an
 * invoice for another client"). On its own plain connection, one write after another with a short
 * pause, alternating between the two kinds; each is timed from send to commit. A write that waits
 * for a lock the deletion holds shows up as a long latency (up to the deletion's end), so the p99
 * says whether the deletion stays out of other clients' way.
 */
export class WriteProbe {
  private stopping = false;
  private readonly latencies: WriteLatencies = { newClientMs: [], invoiceMs: [], failed: [] };
  private readonly loop: Promise<void>;

  private constructor(
    private readonly conn: Connection,
    private readonly target: ProbeTarget,
  ) {
    this.loop = this.run();
  }

  /** Starts writing at once; call {@link stop} when the measured operation has finished. */
  static start(conn: Connection, target: ProbeTarget): WriteProbe {
    return new WriteProbe(conn, target);
  }

  /** Lets the write in flight finish, then returns every latency measured. */
  async stop(): Promise<WriteLatencies> {
    this.stopping = true;
    await this.loop;
    return this.latencies;
  }

  private async run(): Promise<void> {
    for (let i = 0; !this.stopping; i++) {
      if (i % 2 === 0) this.latencies.newClientMs.push(await this.timed('newClient', () => this.signUp(i)));
      else this.latencies.invoiceMs.push(await this.timed('invoice', () => this.invoice(i)));
      await sleep(PAUSE_MS);
    }
  }

  private async timed(kind: 'newClient' | 'invoice', write: () => Promise<void>): Promise<number> {
    const started = performance.now();
    try {
      await write();
    } catch (error) {
      const ms = performance.now() - started;
      this.latencies.failed.push({ kind, ms, error: error instanceof Error ? error.message : String(error) });
      return ms;
    }
    return performance.now() - started;
  }

  private async signUp(i: number): Promise<void> {
    await this.conn.beginTransaction();
    try {
      const [user] = await this.conn.query<ResultSetHeader>(
        `INSERT INTO users (username, password, two_factor_mode, date_added)
         VALUES (?, 'x', 'none', UTC_TIMESTAMP())`,
        [`probe-${process.pid}-${Date.now()}-${i}@example.test`],
      );
      await this.conn.query(
        `INSERT INTO clients (id_format, id_value, user_id, client_group_id, status)
         VALUES ('{num}', ?, ?, ?, 'active')`,
        [i, user.insertId, this.target.clientGroupId],
      );
      await this.conn.commit();
    } catch (error) {
      await this.conn.rollback().catch(() => undefined);
      throw error;
    }
  }

  private async invoice(i: number): Promise<void> {
    await this.conn.query(
      `INSERT INTO invoices (id_format, id_value, client_id, date_billed, date_due, date_closed, status,
                            previous_due, currency)
       VALUES ('{num}', ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP(), 'draft', 0, 'USD')`,
      [i, this.target.neighbourClientId],
    );
  }
}
