import { Migration } from '@mikro-orm/migrations';

/**
 * `invoices.previous_due` defaults to the number 0.0000, as the entity declares, instead of the
 * text '0.0000' that the initial migration wrote. SQLite keeps a default as written, so the column
 * is replaced: added with the new default, filled from the old one, the old one dropped, the new one
 * renamed. Values keep their storage class (the column's NUMERIC affinity stored them as numbers
 * either way). Not the usual rebuild of the whole table: `invoices` is the parent of many tables,
 * and SQLite cannot drop a parent table inside the migrations' transaction while foreign keys are
 * enforced (`PRAGMA foreign_keys` does nothing in a transaction). The column moves to the end of the
 * table; nothing reads columns by position.
 */
export class CorePreviousDueDefaultSqlite extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table `invoices` add column `previous_due__new` numeric(12,4) not null default 0.0000',
    );
    this.addSql('update `invoices` set `previous_due__new` = `previous_due`');
    this.addSql('alter table `invoices` drop column `previous_due`');
    this.addSql('alter table `invoices` rename column `previous_due__new` to `previous_due`');
  }
}
