import { Migration } from '@mikro-orm/migrations';

/** Sign-in hardening; see the MariaDB migration of the same name for what each change is for. */
export class CoreAuthHardeningSqlite extends Migration {
  override async up(): Promise<void> {
    this.addSql('create unique index `staff_user_id_unique` on `staff` (`user_id`)');
    this.addSql(
      "create table `auth_attempts` (`id` integer not null primary key autoincrement, `subject_hash` char(64) not null, `attempted_at` datetime not null, `result` text check (`result` in ('pending', 'failure', 'success', 'refused')) not null)",
    );
    this.addSql('create index `auth_attempts_attempted_at_index` on `auth_attempts` (`attempted_at`)');
    this.addSql(
      'create index `auth_attempts_subject_hash_result_attempted_at_index` on `auth_attempts` (`subject_hash`, `result`, `attempted_at`)',
    );
    this.addSql(
      'delete from `user_otps` where `id` not in (select min(`id`) from `user_otps` group by `user_id`, `otp`)',
    );
    this.addSql('create unique index `user_otps_user_id_otp_unique` on `user_otps` (`user_id`, `otp`)');
  }
}
