import { Migration } from '@mikro-orm/migrations';

/**
 * `invoices.previous_due` defaults to the number 0.0000, as the entity declares. MariaDB already
 * stored the initial migration's '0.0000' as that number (it reads it back as `0.0000`), so this
 * only states the default as the entity does: a change of metadata, no row is touched. It keeps the
 * migration history the same on both drivers; the SQLite migration of this name is the one that
 * changes something.
 */
export class CorePreviousDueDefaultMysql extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table `invoices` alter column `previous_due` set default 0.0000');
  }
}
