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

/** Guest tickets are matched by an indexed address key within a department. */
export class SupportManagerEmailKeySqlite extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`support_tickets\` add column \`email_key\` text generated always as (${addressKey('email')}) virtual`,
    );
    this.addSql(
      'create index `support_tickets_email_key_client_id_department_id_index` on `support_tickets` (`email_key`, `client_id`, `department_id`)',
    );
    this.addSql('drop index `support_tickets_email_client_id_index`');
  }
}
