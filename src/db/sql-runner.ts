import type { Driver, SqlRunner } from '../deletion/client-graph';
import type { Sql } from '../deletion/sql';
import type { Em } from './orm';

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
