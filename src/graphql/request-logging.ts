import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context';

/**
 * One log line per GraphQL request: operation, duration, HTTP status and the codes of the errors
 * returned. Variables and the query text are left out on purpose: they carry passwords.
 */
export const requestLoggingPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    const started = performance.now();
    return {
      async willSendResponse({ contextValue, operationName, operation, response }) {
        const body = response.body;
        const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
        contextValue.logger.info(
          {
            operation: operationName ?? null,
            operationType: operation?.operation ?? null,
            durationMs: Math.round((performance.now() - started) * 10) / 10,
            status: response.http.status ?? 200,
            errorCodes: [...new Set(errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN')))],
          },
          'graphql request',
        );
      },
    };
  },
};
