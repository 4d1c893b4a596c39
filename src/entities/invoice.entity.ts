import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';

export const INVOICE_STATUSES = ['active', 'proforma', 'draft', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

@Entity({ tableName: 'invoices' })
export class Invoice {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ length: 64 })
  idFormat!: string;

  @Property({ type: 'integer' })
  idValue!: number;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  @Property({ type: 'datetime' })
  dateBilled!: Date;

  @Property({ type: 'datetime' })
  dateDue!: Date;

  /** Set when the invoice is paid in full (or voided); an open invoice has none. */
  @Property({ type: 'datetime', nullable: true })
  dateClosed?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  dateAutodebit?: Date | null;

  @Enum({ items: () => INVOICE_STATUSES, default: 'active' })
  status: InvoiceStatus = 'active';

  @Property({ type: 'decimal', precision: 12, scale: 4, defaultRaw: '0.0000' })
  previousDue: string = '0.0000';

  @Property({ columnType: 'char(3)' })
  currency!: string;

  @Property({ type: 'text', nullable: true })
  notePublic?: string | null;

  @Property({ type: 'text', nullable: true })
  notePrivate?: string | null;
}
