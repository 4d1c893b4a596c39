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
import { Quotation } from './quotation.entity';
import { ClientData } from '../deletion/erasure-rules';
import { QuotationLineTax } from './quotation-line-tax.entity';

@ClientData({ category: 'Quotations' })
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

  // What is erased with this quotation line (SPEC 2.2). The erasure plan compiles these cascades into
  // set-based deletes (src/deletion); em.remove() is never the bulk path and loads nothing.
  @OneToMany(() => QuotationLineTax, (row) => row.line, { cascade: [Cascade.REMOVE] })
  taxes = new Collection<QuotationLineTax>(this);
}
