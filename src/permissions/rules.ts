import { rule } from 'graphql-shield';
import type { RequestContext } from '../context';
import { forbiddenError, unauthenticatedError } from '../graphql/errors';

/** Permission strings held by staff groups in `staff_group_permissions`. */
export const Permission = {
  viewClients: 'admin_clients.view',
  deleteClients: 'admin_clients.delete',
} as const;
export type PermissionName = (typeof Permission)[keyof typeof Permission];

// Every rule is created once, here: graphql-shield refuses two different rules with one name.
// `contextual` caching evaluates a rule once per request however many fields it guards.

/** Signed in with a valid, unexpired session of an active staff member. */
export const isAuthenticated = rule('isAuthenticated', { cache: 'contextual' })(
  (_parent, _args, ctx: RequestContext) => (ctx.staff ? true : unauthenticatedError()),
);

function hasPermission(permission: PermissionName) {
  return rule(`hasPermission(${permission})`, { cache: 'contextual' })(
    (_parent, _args, ctx: RequestContext) => {
      if (!ctx.staff) return unauthenticatedError();
      return ctx.staff.permissions.has(permission) ? true : forbiddenError(permission);
    },
  );
}

/** Signed in and granted `admin_clients.view`. */
export const canViewClients = hasPermission(Permission.viewClients);

/** Signed in and granted `admin_clients.delete`. */
export const canDeleteClients = hasPermission(Permission.deleteClients);
