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

/** A generated address key: bytes compared as bytes (the tables' own collation ignores case and accents). */
const keyColumn = (source: string) =>
  `varchar(255) character set utf8mb4 collate utf8mb4_nopad_bin generated always as (${addressKey(source)}) virtual`;

/**
 * Address matches compare indexed address keys instead of the raw columns, and a client id that was
 * deleted before can be deleted again (its receipts are looked up, not unique).
 */
export class CoreAddressKeysAndReceiptsMysql extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`contacts\` add \`email_key\` ${keyColumn('email')}`);
    this.addSql(
      'alter table `contacts` add index `contacts_email_key_client_id_index`(`email_key`, `client_id`)',
    );
    this.addSql('alter table `contacts` drop index `contacts_email_index`');

    this.addSql(`alter table \`log_emails\` add \`to_address_key\` ${keyColumn('to_address')}`);
    this.addSql(
      'alter table `log_emails` add index `log_emails_to_address_key_company_id_to_client_id_index`(`to_address_key`, `company_id`, `to_client_id`)',
    );
    this.addSql('alter table `log_emails` drop index `log_emails_to_address_to_client_id_index`');

    this.addSql(
      'alter table `client_deletions` add index `client_deletions_company_id_client_id_index`(`company_id`, `client_id`)',
    );
    this.addSql('alter table `client_deletions` drop index `client_deletions_company_id_client_id_unique`');
  }
}
