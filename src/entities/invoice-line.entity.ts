import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Invoice } from './invoice.entity';

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
}
