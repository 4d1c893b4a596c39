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
import { Staff } from './staff.entity';
import { ClientData } from '../deletion/erasure-rules';
import { QuotationInvoice } from './quotation-invoice.entity';
import { QuotationLine } from './quotation-line.entity';

export type QuotationStatus = 'draft' | 'pending' | 'approved' | 'invoiced' | 'expired' | 'dead' | 'lost';

@ClientData({ category: 'Quotations' })
@Entity({ tableName: 'quotations' })
export class Quotation {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' })
  client!: Rel<Client>;

  @ManyToOne(() => Staff, { fieldName: 'staff_id', nullable: true, deleteRule: 'no action' })
  staff?: Rel<Staff> | null;

  @Property({ length: 255 })
  title!: string;

  @Enum({ items: ['draft', 'pending', 'approved', 'invoiced', 'expired', 'dead', 'lost'] })
  status!: QuotationStatus;

  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @Property({ type: 'datetime' })
  dateCreated: Date = new Date();

  // What is erased with this quotation (SPEC 2.2). The erasure plan compiles these cascades into
  // set-based deletes (src/deletion); em.remove() is never the bulk path and loads nothing.
  @OneToMany(() => QuotationLine, (row) => row.quotation, { cascade: [Cascade.REMOVE] })
  lines = new Collection<QuotationLine>(this);
  @OneToMany(() => QuotationInvoice, (row) => row.quotation, { cascade: [Cascade.REMOVE] })
  invoiceLinks = new Collection<QuotationInvoice>(this);
}
