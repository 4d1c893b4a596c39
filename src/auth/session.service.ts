import type { App } from '../app';
import type { RequestContext, StaffIdentity } from '../context';
import type { Em } from '../db/orm';
import { latestSql } from '../db/galera';
import { withRetry } from '../db/retry';
import { Session } from '../entities/session.entity';
import { hashSessionToken, newSessionToken } from './session-token';
import { loadStaffAccess } from './staff-access';
import { findSessionHolder } from './staff.repository';

export interface IssuedSession {
  readonly token: string;
  readonly expiresAt: Date;
}

/**
 * Opens a session for a user and returns its bearer token, the only copy of which leaves this
 * function. Expired sessions of the same user are removed on the way, so the table does not grow
 * with every sign-in.
 */
export async function createSession(app: App, em: Em, userId: number): Promise<IssuedSession> {
  const now = app.clock.now();
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + app.config.sessionTtlSeconds * 1000);
  // Two statements, each committing on its own; a refused one wrote nothing and runs again.
  await withRetry(app, 'session', async () => {
    await em.nativeDelete(Session, { user: userId, expiresAt: { $lte: now } });
    await em.insert(Session, { user: userId, tokenHash: hashSessionToken(token), expiresAt, createdAt: now });
  });
  return { token, expiresAt };
}

/**
 * Who a bearer token signs in, checked on every request: the session must exist and be unexpired,
 * and its staff member must still be active and belong to a staff group. Permissions are read
 * afresh, so a change to a group applies to open sessions at their next request.
 *
 * On a Galera node the session is read only once the node has applied everything the cluster
 * committed (`wsrep_sync_wait`): a token issued through another node a moment ago works at once,
 * and one ended (or a staff member deactivated) through another node stops working at once.
 */
export async function identityFromToken(app: App, em: Em, token: string): Promise<StaffIdentity | null> {
  // On a Galera node, after every commit of the cluster: a logout or a deactivation made through
  // another node holds here at once.
  const holder = await findSessionHolder(em, hashSessionToken(token), app.clock.now(), (query) =>
    latestSql(app.orm, query),
  );
  if (!holder) return null;
  const access = await loadStaffAccess(em, holder.staffId);
  if (!access) return null;
  return {
    staffId: holder.staffId,
    userId: holder.userId,
    companyId: access.companyId,
    sessionId: holder.sessionId,
    permissions: access.permissions,
  };
}

/** Ends the session of this request's token; the token stops working at once. */
export async function endSession(ctx: RequestContext): Promise<void> {
  const staff = ctx.staff;
  if (!staff) return;
  await withRetry(ctx.app, 'session', () => ctx.em.nativeDelete(Session, { id: staff.sessionId }));
}
