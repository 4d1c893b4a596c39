import { GraphQLError } from 'graphql';
import { QUERY_REFUSED } from './query-refusal';

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
