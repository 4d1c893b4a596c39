import { Sql, ident, sql } from '../../db/sql';
import type { SqlRunner } from '../../db/sql-runner';

/** Stays under SQLite's 32766 bound parameters per statement. */
const MAX_PARAMS = 30_000;
/** Ids read back per query, so a large table is never one result set. */
const ID_PAGE = 10_000;

/** The values of one row, in the order of the INSERT's columns. */
export type Row = unknown[];

export interface BatchInsertOptions {
  /** Rows per INSERT statement (default 1000), fewer when the columns would exceed MAX_PARAMS. */
  readonly batchSize?: number;
  /** Rows the whole client will have: the second argument of `onProgress`. */
  readonly total: number;
  /** Called after every statement with the rows inserted so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The generator's write path: rows go in multi-row INSERT statements (one round trip per batch,
 * which is what makes a 1M-row client take seconds rather than minutes), and the ids of parent
 * rows are read back in id order, a page at a time.
 */
export class BatchInserter {
  private done = 0;

  constructor(
    private readonly runner: SqlRunner,
    private readonly options: BatchInsertOptions,
  ) {}

  /** Inserts `count` rows into `table`, row `i` given by `row(i)`; nothing when `count` is 0. */
  async insert(table: string, columns: readonly string[], count: number, row: (i: number) => Row) {
    if (count === 0) return;
    const perStatement = Math.max(
      1,
      Math.min(this.options.batchSize ?? 1000, Math.floor(MAX_PARAMS / columns.length)),
    );
    const head = `INSERT INTO ${ident(table).text} (${columns.map((c) => ident(c).text).join(', ')}) VALUES `;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    for (let start = 0; start < count; start += perStatement) {
      const end = Math.min(count, start + perStatement);
      const params: unknown[] = [];
      for (let i = start; i < end; i++) {
        const values = row(i);
        if (values.length !== columns.length) {
          throw new Error(`${table}: row has ${values.length} values for ${columns.length} columns`);
        }
        for (const value of values) params.push(value);
      }
      await this.runner.run(new Sql(head + new Array<string>(end - start).fill(tuple).join(', '), params));
      this.advance(end - start);
    }
  }

  /**
   * Ids of the rows of `from` (row alias `x`) that match `where`, in id order, read in pages so a
   * large table is never one result set.
   */
  async ids(from: Sql, where: Sql): Promise<number[]> {
    const ids: number[] = [];
    let last = 0;
    for (;;) {
      const page = await this.runner.rows<{ id: number }>(
        sql`SELECT x.id AS id FROM ${from} WHERE (${where}) AND x.id > ${last} ORDER BY x.id LIMIT ${ID_PAGE}`,
      );
      for (const r of page) ids.push(Number(r.id));
      if (page.length < ID_PAGE) return ids;
      last = ids[ids.length - 1];
    }
  }

  private advance(rows: number) {
    this.done += rows;
    this.options.onProgress?.(this.done, this.options.total);
  }
}
