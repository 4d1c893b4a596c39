import type { Em } from '../db/orm';
import { EmSqlRunner } from '../db/sql-runner';
import { sql } from '../db/sql';
import type { Driver } from '../db/orm';

/** What a staff member may do, and in which company. */
export interface StaffAccess {
  readonly companyId: number;
  readonly permissions: ReadonlySet<string>;
}

/**
 * The company and permissions of a staff member, read from their staff groups.
 *
 * Blesta attaches staff to companies only through staff groups. A member of groups in several
 * companies acts in the lowest-numbered one, with the permissions of that company's groups only:
 * a permission granted by one company never applies to another company's clients. A staff member
 * in no group has no company and therefore no access at all (null).
 */
export async function loadStaffAccess(em: Em, driver: Driver, staffId: number): Promise<StaffAccess | null> {
  const rows = await new EmSqlRunner(em, driver).rows<{ company_id: number; permission: string | null }>(sql`
    SELECT g.company_id AS company_id, p.permission AS permission
      FROM staff_group m
      JOIN staff_groups g ON g.id = m.staff_group_id
      LEFT JOIN staff_group_permissions p ON p.staff_group_id = g.id
     WHERE m.staff_id = ${staffId}
  `);
  if (rows.length === 0) return null;
  const companyId = Math.min(...rows.map((r) => Number(r.company_id)));
  const permissions = new Set<string>();
  for (const row of rows) {
    if (Number(row.company_id) === companyId && row.permission) permissions.add(row.permission);
  }
  return { companyId, permissions };
}
