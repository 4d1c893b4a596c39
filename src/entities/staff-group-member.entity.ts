import { Entity, ManyToOne, PrimaryKey, type Rel } from '@mikro-orm/core';
import { Staff } from './staff.entity';
import { StaffGroup } from './staff-group.entity';

/** Membership of a staff member in a staff group. No id in Blesta: surrogate integer id added. */
@Entity({ tableName: 'staff_group' })
export class StaffGroupMember {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Staff, { fieldName: 'staff_id', deleteRule: 'no action' })
  staff!: Rel<Staff>;

  @ManyToOne(() => StaffGroup, { fieldName: 'staff_group_id', deleteRule: 'no action' })
  staffGroup!: Rel<StaffGroup>;
}
