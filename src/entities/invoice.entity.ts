import {
  Cascade,
  Collection,
  Entity,
  Enum,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { Client } from './client.entity';
import { sql } from '../db/sql';
import { BlocksDeletion, ClientData } from '../deletion/erasure-rules';
import { InvoiceDelivery } from './invoice-delivery.entity';
import { InvoiceLateFee } from './invoice-late-fee.entity';
import { InvoiceLine } from './invoice-line.entity';
import { InvoiceMeta } from './invoice-meta.entity';
import { InvoiceRecurCreated } from './invoice-recur-created.entity';
import { InvoiceValue } from './invoice-value.entity';
import { QuotationInvoice } from './quotation-invoice.entity';
import { ServiceChange } from './service-change.entity';
import { ServiceInvoice } from './service-invoice.entity';
import { TransactionApplied } from './transaction-applied.entity';

export const INVOICE_STATUSES = ['active', 'proforma', 'draft', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

@ClientData({ category: 'Invoices' })
@BlocksDeletion({
  code: 'OPEN_INVOICES',
  message: 'The client has {count} open invoice(s); close or void them first.',
  ids: (client) =>
    sql`SELECT i.id AS id FROM invoices i WHERE i.client_id = ${client.id} AND i.status IN ('active', 'proforma') AND i.date_closed IS NULL`,
})
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

  // What is erased with this invoice (SPEC 2.2). The erasure plan compiles these cascades into
  // set-based deletes (src/deletion); em.remove() is never the bulk path and loads nothing.
  @OneToMany(() => InvoiceLine, (row) => row.invoice, { cascade: [Cascade.REMOVE] })
  lines = new Collection<InvoiceLine>(this);
  @OneToMany(() => InvoiceDelivery, (row) => row.invoice, { cascade: [Cascade.REMOVE] })
  deliveries = new Collection<InvoiceDelivery>(this);
  @OneToMany(() => InvoiceMeta, (row) => row.invoice, { cascade: [Cascade.REMOVE] })
  metaEntries = new Collection<InvoiceMeta>(this);
  @OneToMany(() => InvoiceValue, (row) => row.invoice, { cascade: [Cascade.REMOVE] })
  customValues = new Collection<InvoiceValue>(this);
  @OneToMany(() => InvoiceLateFee, (row) => row.invoice, { cascade: [Cascade.REMOVE] })
  lateFees = new Collection<InvoiceLateFee>(this);
  @OneToMany(() => InvoiceRecurCreated, (row) => row.invoice, { cascade: [Cascade.REMOVE] })
  recurrences = new Collection<InvoiceRecurCreated>(this);
  @OneToMany(() => QuotationInvoice, (row) => row.invoice, { cascade: [Cascade.REMOVE] })
  quotationLinks = new Collection<QuotationInvoice>(this);
  @OneToMany(() => ServiceInvoice, (row) => row.invoice, { cascade: [Cascade.REMOVE] })
  serviceLinks = new Collection<ServiceInvoice>(this);
  @OneToMany(() => ServiceChange, (row) => row.invoice, { cascade: [Cascade.REMOVE] })
  serviceChanges = new Collection<ServiceChange>(this);
  @OneToMany(() => TransactionApplied, (row) => row.invoice, { cascade: [Cascade.REMOVE] })
  payments = new Collection<TransactionApplied>(this);
}
