import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Automatic persisted queries are off (`persistedQueries: false` in src/server.ts): no client of
 * ours sends them, and with them on Apollo answered a hash that does not match its query with an
 * error that carries no code, which the error policy masks as INTERNAL_SERVER_ERROR.
 *
 * Off, Apollo answers any request with `extensions.persistedQuery` with its own
 * PERSISTED_QUERY_NOT_SUPPORTED, but with HTTP 200 (the protocol's hint to resend the full text).
 * This plugin makes that answer a 400: the request was not run, and the client must change it.
 */
export const persistedQueriesRefusedPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors ?? [];
        if (errors.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_SUPPORTED')) {
          response.http.status = 400;
        }
      },
    };
  },
};
