import type { Em } from '../db/orm';
import { groupGrantsOf } from './staff.repository';

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
export async function loadStaffAccess(em: Em, staffId: number): Promise<StaffAccess | null> {
  const grants = await groupGrantsOf(em, staffId);
  if (grants.length === 0) return null;
  const companyId = Math.min(...grants.map((g) => g.companyId));
  const permissions = new Set<string>();
  for (const grant of grants) {
    if (grant.companyId === companyId && grant.permission) permissions.add(grant.permission);
  }
  return { companyId, permissions };
}
