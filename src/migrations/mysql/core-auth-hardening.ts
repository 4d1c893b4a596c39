import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in hardening. Written by hand to match the entities; the initial migration stays as it was
 * released.
 *
 * - `staff.user_id` unique: a session names one users row, and that row one staff member. Fails
 *   on a database where two staff rows share a users row; give one of them a sign-in of its own
 *   first.
 */
export class CoreAuthHardeningMysql extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table `staff` add unique `staff_user_id_unique`(`user_id`)');
  }
}
