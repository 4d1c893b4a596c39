import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { StaffGroup } from './staff-group.entity';

/** A permission granted to a staff group (service table, not Blesta's). */
@Entity({ tableName: 'staff_group_permissions' })
@Unique({ properties: ['staffGroup', 'permission'] })
export class StaffGroupPermission {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => StaffGroup, { fieldName: 'staff_group_id', deleteRule: 'no action' })
  staffGroup!: Rel<StaffGroup>;

  @Property({ length: 64 })
  permission!: string;
}
