import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context';
import type { ServiceMetrics } from '../metrics';
import { PUBLIC_ERROR_CODES } from './errors';

/**
 * The outcome label of a response: `ok` without errors, otherwise the code of its first error —
 * one of the public codes or INTERNAL_SERVER_ERROR (the error policy has run by then), `other` for
 * anything else, so a caller cannot add label values. Typed results (InvalidCredentialsError, …)
 * are data, so `ok`.
 */
export function outcomeOf(errors: readonly { extensions?: Record<string, unknown> }[]): string {
  if (errors.length === 0) return 'ok';
  const code = errors[0].extensions?.code;
  if (typeof code !== 'string') return 'other';
  return code === 'INTERNAL_SERVER_ERROR' || PUBLIC_ERROR_CODES.has(code) ? code : 'other';
}

/**
 * Counts every GraphQL request in `client_erasure_graphql_requests_total` (operation name,
 * operation type, outcome) and times it in `client_erasure_graphql_request_duration_seconds`.
 * Unknown and missing operation names are folded into `other` and `anonymous` (see
 * ServiceMetrics.graphqlRequest).
 */
export function requestMetricsPlugin(metrics: ServiceMetrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, request, response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          metrics.graphqlRequest(
            operationName ?? request.operationName,
            operation?.operation,
            outcomeOf(errors),
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
}
