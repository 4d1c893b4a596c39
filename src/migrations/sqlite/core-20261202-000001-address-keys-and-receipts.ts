import { Migration } from '@mikro-orm/migrations';

/**
 * The trimmed, ASCII-lower-cased address of a column (src/deletion/address-key.ts), copied here so
 * that this migration keeps creating the same columns whatever that file becomes.
 */
function addressKey(column: string): string {
  let expression = `trim(${column})`;
  for (let code = 65; code <= 90; code++) {
    const upper = String.fromCharCode(code);
    expression = `replace(${expression}, '${upper}', '${upper.toLowerCase()}')`;
  }
  return expression;
}

/** A generated address key. Virtual: SQLite's ALTER TABLE cannot add a stored one. */
const keyColumn = (source: string) => `text generated always as (${addressKey(source)}) virtual`;

/**
 * Address matches compare indexed address keys instead of the raw columns, and a client id that was
 * deleted before can be deleted again (its receipts are looked up, not unique).
 */
export class CoreAddressKeysAndReceiptsSqlite extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`contacts\` add column \`email_key\` ${keyColumn('email')}`);
    this.addSql('create index `contacts_email_key_client_id_index` on `contacts` (`email_key`, `client_id`)');
    this.addSql('drop index `contacts_email_index`');

    this.addSql(`alter table \`log_emails\` add column \`to_address_key\` ${keyColumn('to_address')}`);
    this.addSql(
      'create index `log_emails_to_address_key_company_id_to_client_id_index` on `log_emails` (`to_address_key`, `company_id`, `to_client_id`)',
    );
    this.addSql('drop index `log_emails_to_address_to_client_id_index`');

    this.addSql(
      'create index `client_deletions_company_id_client_id_index` on `client_deletions` (`company_id`, `client_id`)',
    );
    this.addSql('drop index `client_deletions_company_id_client_id_unique`');
  }
}
