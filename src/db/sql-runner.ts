import type { Sql } from './sql';
import type { Driver, Em, Orm } from './orm';

/** Runs one statement. The deletion engine and the set-based reads speak to the database through it. */
export interface SqlRunner {
  readonly driver: Driver;
  rows<T = Record<string, unknown>>(query: Sql): Promise<T[]>;
  run(query: Sql): Promise<number>;
  /** A date as a query parameter, in the form the ORM stores it on this driver. */
  date(value: Date): unknown;
}

/**
 * Runs set-based SQL on an EntityManager — inside its transaction when the manager is the
 * transaction's — and converts dates the way the ORM stores them on each driver.
 */
export class EmSqlRunner implements SqlRunner {
  constructor(
    readonly em: Em,
    readonly driver: Driver,
  ) {}

  async rows<T = Record<string, unknown>>(query: Sql): Promise<T[]> {
    return this.em.execute<T[] & Record<string, unknown>[]>(query.text, [...query.params], 'all') as Promise<
      T[]
    >;
  }

  async run(query: Sql): Promise<number> {
    const result = await this.em.execute<{ affectedRows: number }>(query.text, [...query.params], 'run');
    return Number(result.affectedRows ?? 0);
  }

  /** A date as a query parameter: SQLite keeps epoch milliseconds (MikroORM's format), MariaDB a DATETIME. */
  date(value: Date): unknown {
    return this.driver === 'sqlite' ? value.getTime() : value;
  }
}

/** The callback API of a pooled mysql2 connection, as knex hands it out. */
interface RawMysqlConnection {
  execute(sql: string, values: unknown[], done: (error: Error | null, rows: unknown) => void): void;
}

/**
 * Runs single-statement reads outside any transaction, on MariaDB as server-side prepared
 * statements on a pooled connection. For a statement whose text is the same for every client and
 * costs more to optimise than to run (the preview's one SELECT of some sixty sub-queries), this
 * halves the database's work: mysql2 keeps each connection's prepared statements, so MariaDB
 * parses and prepares the text once per connection. SQLite runs it through the ORM as usual.
 */
export class PreparedReads implements SqlRunner {
  constructor(
    private readonly orm: Orm,
    readonly driver: Driver,
  ) {}

  async rows<T = Record<string, unknown>>(query: Sql): Promise<T[]> {
    if (this.driver !== 'mysql') return new EmSqlRunner(this.orm.em.fork(), this.driver).rows<T>(query);
    const client = this.orm.em.getConnection().getKnex().client as {
      acquireConnection(): Promise<RawMysqlConnection>;
      releaseConnection(connection: RawMysqlConnection): Promise<unknown>;
    };
    const connection = await client.acquireConnection();
    try {
      return await new Promise<T[]>((resolve, reject) =>
        connection.execute(query.text, [...query.params], (error, rows) =>
          error ? reject(error) : resolve(rows as T[]),
        ),
      );
    } finally {
      await client.releaseConnection(connection);
    }
  }

  run(): Promise<number> {
    throw new Error('PreparedReads only reads');
  }

  date(value: Date): unknown {
    return this.driver === 'sqlite' ? value.getTime() : value;
  }
}
