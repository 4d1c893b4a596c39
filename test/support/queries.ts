import { vi } from 'vitest';
import type { App } from '../../src/app';

/** What `recordQueries` saw: the text of every statement, in the order they were sent. */
export interface QueryLog {
  readonly texts: readonly string[];
  clear(): void;
}

/**
 * Records every statement the app sends through its ORM connection from now on — entity finds,
 * query builders and raw SQL alike, on every fork of the EntityManager — until the mocks are
 * restored (`vi.restoreAllMocks()`).
 */
export function recordQueries(app: App): QueryLog {
  const connection = app.orm.em.getConnection();
  const execute = vi.spyOn(connection, 'execute');
  return {
    get texts() {
      return execute.mock.calls.map(([query]) =>
        typeof query === 'string' ? query : (query as { toSQL(): { sql: string } }).toSQL().sql,
      );
    },
    clear() {
      execute.mockClear();
    },
  };
}
