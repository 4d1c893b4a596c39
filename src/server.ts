import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { App } from './app';
import { rememberClientAddress } from './auth/client-address';
import { identityFromToken } from './auth/session.service';
import { bearerToken } from './auth/session-token';
import type { RequestContext } from './context';
import { errorLoggingPlugin, formatError, INTERNAL_ERROR_MESSAGE } from './graphql/error-policy';
import { costLimitPlugin, depthLimitRule } from './graphql/limits';
import { requestLoggingPlugin } from './graphql/request-logging';
import { buildAppSchema } from './graphql/schema';

export interface ServerOptions {
  port: number;
  host: string;
  /** A schema other than the app's (tests add resolvers through `buildAppSchema`). */
  schema?: GraphQLSchema;
}

export interface RunningServer {
  /** Where the server answers, without a trailing slash, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  /** The GraphQL endpoint: `${url}/graphql`. */
  readonly graphqlUrl: string;
  readonly port: number;
  close(): Promise<void>;
}

// A caller's request id is reused in our logs only when it cannot forge or break a log line.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestIdOf(req: Request): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the HTTP server: `POST /graphql` (Apollo Server over express), `GET /healthz` (the
 * process answers) and `GET /readyz` (the database answers). Resolves once it listens; `port: 0`
 * picks a free port.
 */
export async function startServer(app: App, options: ServerOptions): Promise<RunningServer> {
  const schema = options.schema ?? (await buildAppSchema(app));
  const web = express();
  web.disable('x-powered-by');
  const httpServer: Server = createServer(web);

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    validationRules: [depthLimitRule()],
    logger: app.logger.child({ component: 'apollo' }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(app.config.graphiql ? [] : [ApolloServerPluginLandingPageDisabled()]),
      costLimitPlugin,
      errorLoggingPlugin,
      requestLoggingPlugin,
    ],
  });
  await apollo.start();

  web.use((req, res, next) => {
    const requestId = requestIdOf(req);
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    next();
  });

  web.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  web.get('/readyz', async (_req, res) => {
    try {
      await app.orm.em.fork().execute('SELECT 1');
      res.json({ status: 'ready' });
    } catch (error) {
      app.logger.warn(
        { reqId: res.locals.requestId, err: error },
        'readiness check failed: database unreachable',
      );
      res.status(503).json({ status: 'unavailable' });
    }
  });

  web.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = String(res.locals.requestId);
        const logger = app.logger.child({ reqId: requestId });
        const token = bearerToken(req.headers.authorization);
        const em = app.orm.em.fork();
        const ctx: RequestContext = { app, em, requestId, logger, staff: null, token };
        rememberClientAddress(ctx, req.ip ?? req.socket.remoteAddress);
        if (token) {
          try {
            ctx.staff = await identityFromToken(app, em, token);
          } catch (error) {
            // Apollo answers with a masked 500; the cause is logged here, where the id is known.
            logger.error({ err: error }, 'session lookup failed');
            throw error;
          }
        }
        return ctx;
      },
    }),
  );

  // Express's default handler would answer with an HTML page carrying the stack trace.
  web.use(
    (
      error: { status?: number; statusCode?: number } | undefined,
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      const status = error?.status ?? error?.statusCode ?? 500;
      if (status >= 500) app.logger.error({ reqId: res.locals.requestId, err: error }, 'request failed');
      const message = status >= 500 ? INTERNAL_ERROR_MESSAGE : 'Bad request';
      res.status(status).json({
        errors: [{ message, extensions: { code: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }],
      });
    },
  );

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port, options.host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // E.g. the port is taken: release what Apollo holds before reporting it.
    await apollo.stop().catch(() => undefined);
    throw error;
  }
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${displayHost(options.host)}:${port}`;
  const graphqlUrl = `${url}/graphql`;
  app.logger.info({ url: graphqlUrl }, 'server listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    graphqlUrl,
    port,
    // The drain plugin closes the HTTP server once in-flight requests have finished.
    close: () => (closing ??= apollo.stop()),
  };
}
