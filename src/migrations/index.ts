import type { MigrationObject } from '@mikro-orm/core';
import { CoreAddressKeysAndReceiptsMysql } from './mysql/core-20261202-000001-address-keys-and-receipts';
import { CoreAuthHardeningMysql } from './mysql/core-20261202-000002-auth-hardening';
import { CorePreviousDueDefaultMysql } from './mysql/core-20261202-000003-previous-due-default';
import { CoreInitialMysql } from './mysql/core-initial';
import { CoreAddressKeysAndReceiptsSqlite } from './sqlite/core-20261202-000001-address-keys-and-receipts';
import { CoreAuthHardeningSqlite } from './sqlite/core-20261202-000002-auth-hardening';
import { CorePreviousDueDefaultSqlite } from './sqlite/core-20261202-000003-previous-due-default';
import { CoreInitialSqlite } from './sqlite/core-initial';

/** The core's migrations per driver, oldest first. Names are unique across core and plugins. */
export const coreMigrations: Record<'sqlite' | 'mysql', MigrationObject[]> = {
  sqlite: [
    { name: 'core_20261126_000000_initial', class: CoreInitialSqlite },
    { name: 'core_20261202_000001_address_keys_and_receipts', class: CoreAddressKeysAndReceiptsSqlite },
    { name: 'core_20261202_000002_auth_hardening', class: CoreAuthHardeningSqlite },
    { name: 'core_20261202_000003_previous_due_default', class: CorePreviousDueDefaultSqlite },
  ],
  mysql: [
    { name: 'core_20261126_000000_initial', class: CoreInitialMysql },
    { name: 'core_20261202_000001_address_keys_and_receipts', class: CoreAddressKeysAndReceiptsMysql },
    { name: 'core_20261202_000002_auth_hardening', class: CoreAuthHardeningMysql },
    { name: 'core_20261202_000003_previous_due_default', class: CorePreviousDueDefaultMysql },
  ],
};
