import { Migration } from '@mikro-orm/migrations';

/**
 * The trimmed, ASCII-lower-cased address of a column (src/deletion/address-key.ts), copied here so
 * that this migration keeps creating the same column whatever that file becomes.
 */
function addressKey(column: string): string {
  let expression = `trim(${column})`;
  for (let code = 65; code <= 90; code++) {
    const upper = String.fromCharCode(code);
    expression = `replace(${expression}, '${upper}', '${upper.toLowerCase()}')`;
  }
  return expression;
}

/** Guest tickets are matched by an indexed address key, compared as bytes, within a department. */
export class SupportManagerEmailKeyMysql extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`support_tickets\` add \`email_key\` varchar(255) character set utf8mb4 collate utf8mb4_nopad_bin generated always as (${addressKey('email')}) virtual`,
    );
    this.addSql(
      'alter table `support_tickets` add index `support_tickets_email_key_client_id_department_id_index`(`email_key`, `client_id`, `department_id`)',
    );
    this.addSql('alter table `support_tickets` drop index `support_tickets_email_client_id_index`');
  }
}
