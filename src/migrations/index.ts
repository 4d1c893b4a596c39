import type { MigrationObject } from '@mikro-orm/core';
import { CoreAuthHardeningMysql } from './mysql/core-auth-hardening';
import { CoreInitialMysql } from './mysql/core-initial';
import { CoreAuthHardeningSqlite } from './sqlite/core-auth-hardening';
import { CoreInitialSqlite } from './sqlite/core-initial';

/** The core's migrations per driver, oldest first. Names are unique across core and plugins. */
export const coreMigrations: Record<'sqlite' | 'mysql', MigrationObject[]> = {
  sqlite: [
    { name: 'core_20261126_000000_initial', class: CoreInitialSqlite },
    { name: 'core_20261202_000002_auth_hardening', class: CoreAuthHardeningSqlite },
  ],
  mysql: [
    { name: 'core_20261126_000000_initial', class: CoreInitialMysql },
    { name: 'core_20261202_000002_auth_hardening', class: CoreAuthHardeningMysql },
  ],
};
