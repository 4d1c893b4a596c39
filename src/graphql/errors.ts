import { GraphQLError } from 'graphql';
import { QUERY_REFUSED } from './query-refusal';

/** The code of a request whose transaction the database kept refusing (SPEC 3). */
export const DATABASE_BUSY = 'DATABASE_BUSY';

/** Its message: what happened and what to do, without SQL or the database's own words. */
export const DATABASE_BUSY_MESSAGE =
  'The database is busy with conflicting changes and refused this request several times; ' +
  'nothing was changed. Send it again in a moment.';

/**
 * The only codes a client ever sees on a thrown error (besides GraphQL's own parse and validation
 * failures). Anything else is masked as INTERNAL_SERVER_ERROR by the server's error formatter.
 */
export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // A request refused by the limits of src/graphql/limits.ts.
  QUERY_REFUSED,
  // The database kept refusing a transaction (deadlocks, cluster conflicts): nothing was changed,
  // the request may be sent again. See src/db/retry.ts.
  DATABASE_BUSY,
]);

export function unauthenticatedError(): GraphQLError {
  return new GraphQLError('Sign in first: this operation needs a valid session token.', {
    extensions: { code: 'UNAUTHENTICATED' },
  });
}

export function forbiddenError(permission?: string): GraphQLError {
  const message = permission
    ? `Not allowed: this operation needs the permission ${permission}.`
    : 'Not allowed: this field is not exposed to you.';
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/** A malformed argument. The message must never echo a secret the caller sent. */
export function badUserInputError(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argumentName } : {}) },
  });
}

/**
 * A transaction the database kept refusing (DatabaseBusyError of src/db/retry.ts): thrown with
 * `extensions.code` DATABASE_BUSY and `extensions.retryable` true. Nothing was changed.
 */
export function databaseBusyError(): GraphQLError {
  return new GraphQLError(DATABASE_BUSY_MESSAGE, { extensions: { code: DATABASE_BUSY, retryable: true } });
}
