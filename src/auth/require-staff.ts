import type { RequestContext, StaffIdentity } from '../context';
import { unauthenticatedError } from '../graphql/errors';

/**
 * The signed-in staff member. The permission layer already refuses anonymous callers; services
 * check again so that no code path can run a company-scoped query without a company.
 */
export function requireStaff(ctx: RequestContext): StaffIdentity {
  if (!ctx.staff) throw unauthenticatedError();
  return ctx.staff;
}
