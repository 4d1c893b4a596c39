import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Client } from './client.entity';
import { Staff } from './staff.entity';

export type QuotationStatus = 'draft' | 'pending' | 'approved' | 'invoiced' | 'expired' | 'dead' | 'lost';

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
}
