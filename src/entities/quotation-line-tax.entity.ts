import { Entity, ManyToOne, PrimaryKey, type Rel } from '@mikro-orm/core';
import { QuotationLine } from './quotation-line.entity';
import { Tax } from './tax.entity';
import { ClientData } from '../deletion/erasure-rules';

/** A tax applied to a quotation line. No id in Blesta: surrogate integer id added. */
@ClientData({ category: 'Quotations' })
@Entity({ tableName: 'quotation_line_taxes' })
export class QuotationLineTax {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => QuotationLine, { fieldName: 'line_id', deleteRule: 'no action' })
  line!: Rel<QuotationLine>;

  @ManyToOne(() => Tax, { fieldName: 'tax_id', deleteRule: 'no action' })
  tax!: Rel<Tax>;
}
