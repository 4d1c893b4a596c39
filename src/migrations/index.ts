import type { MigrationObject } from '@mikro-orm/core';
import { CoreInitialMysql } from './mysql/core-initial';
import { CoreInitialSqlite } from './sqlite/core-initial';

/** The core's migrations per driver, oldest first. Names are unique across core and plugins. */
export const coreMigrations: Record<'sqlite' | 'mysql', MigrationObject[]> = {
  sqlite: [{ name: 'core_20261126_000000_initial', class: CoreInitialSqlite }],
  mysql: [{ name: 'core_20261126_000000_initial', class: CoreInitialMysql }],
};
