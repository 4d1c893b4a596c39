import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../context';
import { DatabaseBusyError } from '../db/retry';
import { databaseBusyError, PUBLIC_ERROR_CODES } from './errors';
import { asRefusal } from './limits';

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

function codeOf(error: { extensions?: Record<string, unknown> }): string | undefined {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A code the client may see. */
function isPublic(code: string | undefined): code is string {
  return code !== undefined && PUBLIC_ERROR_CODES.has(code);
}

/**
 * graphql-js repeats the offending input in coercion messages ("Variable "$password" got invalid
 * value 123; …"). The input may be a password, so the value is cut from the message.
 */
export function withoutInputValues(message: string): string {
  const variable = /^Variable "\$([A-Za-z0-9_]+)" got invalid value/.exec(message);
  if (variable) return `Variable "$${variable[1]}" got an invalid value.`;
  return message
    .replace(/(cannot represent[^:]*): [\s\S]*$/, '$1.')
    .replace(/, found [\s\S]*$/, ', found an invalid value.');
}

/**
 * The error policy of the API: a request refused by the limits of src/graphql/limits.ts gets
 * QUERY_REFUSED (whatever phase refused it); authentication, permission, input, parse and
 * validation errors reach the client (without any input value); everything else becomes a bare
 * INTERNAL_SERVER_ERROR — no message, stack, SQL or secret of the original. The original is logged
 * by `errorLoggingPlugin`, which has the request id.
 */
export function formatError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const refusal = asRefusal(formatted, error);
  if (refusal) return refusal;
  const { path, locations } = formatted;
  // A service gave up on a transaction the database kept refusing: thrown, retryable, no SQL.
  if (isDatabaseBusy(error)) {
    const busy = databaseBusyError();
    return { message: busy.message, locations, path, extensions: busy.extensions };
  }
  const code = codeOf(formatted);
  if (isPublic(code)) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { message: withoutInputValues(formatted.message), locations, path, extensions };
  }
  return { message: INTERNAL_ERROR_MESSAGE, locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function isDatabaseBusy(error: unknown): boolean {
  return error !== undefined && unwrapResolverError(error) instanceof DatabaseBusyError;
}

/**
 * Logs every error that the policy masks, with the request's logger (so its request id). Never
 * the request's variables: they hold passwords.
 */
export const errorLoggingPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors) {
          const code = codeOf(error);
          // DATABASE_BUSY was logged, without SQL, where the retries gave up (src/db/retry.ts).
          if (isPublic(code) || isDatabaseBusy(error)) continue;
          contextValue.logger.error(
            { err: error.originalError ?? error, path: error.path },
            'request failed',
          );
        }
      },
    };
  },
};
