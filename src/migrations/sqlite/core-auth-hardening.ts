import { Migration } from '@mikro-orm/migrations';

/** Sign-in hardening; see the MariaDB migration of the same name for what each change is for. */
export class CoreAuthHardeningSqlite extends Migration {
  override async up(): Promise<void> {
    this.addSql('create unique index `staff_user_id_unique` on `staff` (`user_id`)');
  }
}
