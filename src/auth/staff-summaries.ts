import type DataLoader from 'dataloader';
import type { RequestContext } from '../context';
import { requestLoader } from '../graphql/request-loader';
import { membershipsOf } from './staff.repository';

/** A staff member as other staff see them on a record: a name, nothing to sign in or act with. */
export interface StaffSummary {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
}

const loaders = new WeakMap<RequestContext, DataLoader<number, StaffSummary | null>>();

/**
 * Staff members of the signed-in staff member's company by id, read for a whole page of records
 * with one query. A staff member who is no longer in that company (their lowest-numbered company,
 * as in `loadStaffAccess`) or no longer exists reads as null.
 */
export function staffSummaries(ctx: RequestContext): DataLoader<number, StaffSummary | null> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = requestLoader((ids) => loadSummaries(ctx, ids), null);
    loaders.set(ctx, loader);
  }
  return loader;
}

async function loadSummaries(ctx: RequestContext, ids: readonly number[]) {
  const companyId = ctx.staff?.companyId;
  const found = new Map<number, StaffSummary>();
  if (companyId === undefined) return found;
  const lowestCompany = new Map<number, number>();
  const memberships = await membershipsOf(ctx.em, ids);
  for (const { staff, staffGroup } of memberships) {
    const company = staffGroup.company.id;
    lowestCompany.set(staff.id, Math.min(company, lowestCompany.get(staff.id) ?? company));
  }
  for (const { staff } of memberships) {
    if (lowestCompany.get(staff.id) !== companyId) continue;
    found.set(staff.id, { id: staff.id, firstName: staff.firstName, lastName: staff.lastName });
  }
  return found;
}
