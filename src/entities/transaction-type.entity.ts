import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A custom transaction type (e.g. in-house credit). Kept on client deletion. */
@Entity({ tableName: 'transaction_types' })
export class TransactionType {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ length: 32 })
  name!: string;

  @Property({ type: 'boolean' })
  isLang: boolean = false;
}
