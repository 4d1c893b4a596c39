import type { RequestContext } from '../context';

// RequestContext has no transport fields; the server attaches the caller's address under this
// symbol so the authentication log can carry it without every service taking an extra parameter.
// A property, not a WeakMap entry: Apollo hands resolvers a shallow copy of the context object.
const CLIENT_ADDRESS = Symbol('clientAddress');

type WithAddress = RequestContext & { [CLIENT_ADDRESS]?: string };

/** `log_users.ip_address` holds at most 39 characters (a full IPv6 address). */
const MAX_LENGTH = 39;

export function rememberClientAddress(ctx: RequestContext, address: string | undefined): void {
  if (address) (ctx as WithAddress)[CLIENT_ADDRESS] = address.slice(0, MAX_LENGTH);
}

/** The caller's address, or `0.0.0.0` for contexts built outside an HTTP request (scripts, tests). */
export function clientAddressOf(ctx: RequestContext): string {
  return (ctx as WithAddress)[CLIENT_ADDRESS] ?? '0.0.0.0';
}
