import type { Logger } from 'pino';
import type { App } from './app';
import type { Em } from './db/orm';

/** The signed-in staff member, as read from a valid session. */
export interface StaffIdentity {
  readonly staffId: number;
  readonly userId: number;
  readonly companyId: number;
  readonly sessionId: number;
  readonly permissions: ReadonlySet<string>;
}

/**
 * Per-request context, the first argument of every service method (as in Vendure): the app, a
 * forked EntityManager, the request's logger and id, and who is signed in.
 */
export interface RequestContext {
  readonly app: App;
  readonly em: Em;
  readonly requestId: string;
  readonly logger: Logger;
  staff: StaffIdentity | null;
  /** The raw bearer token of this request, only to end its session on logout. Never logged. */
  readonly token: string | null;
}
