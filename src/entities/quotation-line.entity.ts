import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Quotation } from './quotation.entity';

@Entity({ tableName: 'quotation_lines' })
export class QuotationLine {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Quotation, { fieldName: 'quotation_id', deleteRule: 'no action' })
  quotation!: Rel<Quotation>;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  qty!: string;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  amount!: string;
}
