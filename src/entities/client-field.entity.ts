import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { ClientGroup } from './client-group.entity';

/** A custom client field of a client group. Company data: kept on client deletion. */
@Entity({ tableName: 'client_fields' })
export class ClientField {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => ClientGroup, { fieldName: 'client_group_id', deleteRule: 'no action' })
  clientGroup!: Rel<ClientGroup>;

  @Property({ length: 255 })
  name!: string;

  @Property({ type: 'boolean' })
  isLang: boolean = false;

  @Enum({ items: ['text', 'checkbox', 'select', 'textarea'] })
  type!: 'text' | 'checkbox' | 'select' | 'textarea';

  @Property({ type: 'text', nullable: true, fieldName: 'values' })
  values?: string | null;

  @Property({ type: 'text', nullable: true })
  regex?: string | null;

  @Property({ type: 'boolean' })
  showClient: boolean = false;

  @Property({ type: 'boolean' })
  encrypted: boolean = false;
}
