import {
  Cascade,
  Collection,
  Entity,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { Invoice } from './invoice.entity';
import { ClientData } from '../deletion/erasure-rules';
import { InvoiceLineTax } from './invoice-line-tax.entity';

@ClientData({ category: 'Invoices' })
@Entity({ tableName: 'invoice_lines' })
export class InvoiceLine {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Invoice, { fieldName: 'invoice_id', deleteRule: 'no action' })
  invoice!: Rel<Invoice>;

  /** Not a foreign key in Blesta: a line may outlive the service it billed. */
  @Property({ type: 'integer', nullable: true })
  serviceId?: number | null;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  qty!: string;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  amount!: string;

  @Property({ type: 'smallint', fieldName: 'order' })
  order: number = 0;

  // What is erased with this invoice line (SPEC 2.2). The erasure plan compiles these cascades into
  // set-based deletes (src/deletion); em.remove() is never the bulk path and loads nothing.
  @OneToMany(() => InvoiceLineTax, (row) => row.line, { cascade: [Cascade.REMOVE] })
  taxes = new Collection<InvoiceLineTax>(this);
}
