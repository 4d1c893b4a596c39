import type { Sql } from './sql';
import type { Driver, Em } from './orm';

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
