import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in hardening. Written by hand to match the entities; the initial migration stays as it was
 * released.
 *
 * - `staff.user_id` unique: a session names one users row, and that row one staff member. Fails
 *   on a database where two staff rows share a users row; give one of them a sign-in of its own
 *   first.
 * - `auth_attempts`: the lockout's counter, one row per password check under a keyed hash of the
 *   sign-in email; no foreign key, so it stays outside the client graph.
 * - `user_otps` unique on (user_id, otp): a TOTP code is accepted once, whichever replica gets it.
 *   Duplicates an older system left behind are dropped first (they only record used codes).
 */
export class CoreAuthHardeningMysql extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table `staff` add unique `staff_user_id_unique`(`user_id`)');
    this.addSql(
      "create table `auth_attempts` (`id` int unsigned not null auto_increment primary key, `subject_hash` char(64) not null, `attempted_at` datetime not null, `result` enum('pending', 'failure', 'success', 'refused') not null) default character set utf8mb4 engine = InnoDB",
    );
    this.addSql('alter table `auth_attempts` add index `auth_attempts_attempted_at_index`(`attempted_at`)');
    this.addSql(
      'alter table `auth_attempts` add index `auth_attempts_subject_hash_result_attempted_at_index`(`subject_hash`, `result`, `attempted_at`)',
    );
    this.addSql(
      'delete a from `user_otps` a join `user_otps` b on b.`user_id` = a.`user_id` and b.`otp` = a.`otp` and b.`id` < a.`id`',
    );
    this.addSql('alter table `user_otps` add unique `user_otps_user_id_otp_unique`(`user_id`, `otp`)');
  }
}
