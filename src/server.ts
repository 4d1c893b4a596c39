import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
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
import { isGaleraNode, nodeReadiness } from './db/galera';
import { errorLoggingPlugin, formatError, INTERNAL_ERROR_MESSAGE } from './graphql/error-policy';
import { mountGraphiql } from './graphql/graphiql';
import { costLimitPlugin, PARSE_OPTIONS, queryLimitRules } from './graphql/limits';
import { persistedQueriesRefusedPlugin } from './graphql/persisted-queries';
import { requestLoggingPlugin } from './graphql/request-logging';
import { requestMetricsPlugin } from './graphql/request-metrics';
import { buildAppSchema } from './graphql/schema';
import { CONSOLE_PATH, defaultConsoleDir, mountConsole } from './web/staff-console';

export interface ServerOptions {
  port: number;
  host: string;
  /** A schema other than the app's (tests add resolvers through `buildAppSchema`). */
  schema?: GraphQLSchema;
  /**
   * The folder of the built staff console (Vite's output, with its index.html), served when the
   * CONSOLE setting is on. Default: `dist/console`, where `npm run build` puts it.
   */
  consoleDir?: string;
}

export interface RunningServer {
  /** Where the server answers, without a trailing slash, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  /** The GraphQL endpoint: `${url}/graphql`. */
  readonly graphqlUrl: string;
  /**
   * The staff console, `${url}/console/`, when it is on and built; null when it is off or when its
   * folder holds no build (a warning is logged then).
   */
  readonly consoleUrl: string | null;
  readonly port: number;
  /**
   * Stops accepting connections, lets the requests in progress finish (a deletion commits or rolls
   * back inside its request) for up to {@link DRAIN_GRACE_MS}, then stops Apollo. Does not close
   * the database: the caller does, after this resolves.
   */
  close(): Promise<void>;
}

/**
 * How long `close()` waits for requests in flight (a deletion commits or rolls back inside its
 * request) before cutting their connections. Below the 20 s bound of src/main.ts, which also
 * closes the database afterwards.
 */
export const DRAIN_GRACE_MS = 15_000;

/**
 * What a graceful close needs besides Apollo's drain plugin, which counts requests per socket and
 * half-closes the sockets without one:
 * - A connection accepted just before the close may already hold a whole request that Node has
 *   not parsed yet. Half-closed, it would still be read and executed, and its answer lost. Such
 *   connections are destroyed instead, so their request never starts.
 * - A handler keeps running when its client goes away; the database must stay open until it has
 *   finished, so handlers are tracked, not only sockets.
 */
class InFlight {
  private readonly requestsBySocket = new Map<Socket, number>();
  private readonly handlers = new Set<Promise<unknown>>();

  constructor(httpServer: Server) {
    httpServer.on('connection', (socket: Socket) => {
      this.requestsBySocket.set(socket, 0);
      socket.once('close', () => this.requestsBySocket.delete(socket));
    });
    httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const socket = req.socket;
      this.requestsBySocket.set(socket, (this.requestsBySocket.get(socket) ?? 0) + 1);
      res.once('close', () => {
        const requests = this.requestsBySocket.get(socket);
        if (requests !== undefined) this.requestsBySocket.set(socket, requests - 1);
      });
    });
  }

  /** Destroys the connections that have no request in progress (idle keep-alive or just opened). */
  dropUnused(): void {
    for (const [socket, requests] of this.requestsBySocket) {
      if (requests === 0) socket.destroy();
    }
  }

  track<T>(handler: Promise<T>): Promise<T> {
    this.handlers.add(handler);
    const forget = () => this.handlers.delete(handler);
    handler.then(forget, forget);
    return handler;
  }

  get running(): number {
    return this.handlers.size;
  }

  /** Resolves when every tracked handler has settled, or at `deadline` (epoch ms), whichever first. */
  async settled(deadline: number): Promise<void> {
    while (this.handlers.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.handlers]),
        new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now())))),
      ]);
      clearTimeout(timer);
    }
  }
}

// A caller's request id is reused in our logs only when it cannot forge or break a log line.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestIdOf(req: Request): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/** How long /readyz waits for the database before answering 503 (a partitioned node may not answer). */
export const READINESS_TIMEOUT_MS = 3_000;

type Readiness = { ready: true } | { ready: false; reason: string; error?: unknown };

/**
 * Whether this instance can serve: its database answers a query and, on a Galera node, the node
 * is a Synced member of the primary component (src/db/galera.ts: a node cut off from the cluster
 * still answers `SELECT 1`, but refuses every table). Answers within READINESS_TIMEOUT_MS.
 */
async function databaseReadiness(app: App): Promise<Readiness> {
  const check = async (): Promise<Readiness> => {
    try {
      await app.orm.em.fork().execute('SELECT 1');
      if (await isGaleraNode(app.orm)) {
        const node = await nodeReadiness(app.orm);
        if (!node.ready) {
          return { ready: false, reason: `Galera node not serving (${node.state}, ${node.cluster})` };
        }
      }
      return { ready: true };
    } catch (error) {
      return { ready: false, reason: 'database unreachable', error };
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(
      () => resolve({ ready: false, reason: `database did not answer within ${READINESS_TIMEOUT_MS} ms` }),
      READINESS_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([check(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether an Authorization header carries `Bearer <expected>`, compared in constant time. */
function bearerMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
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
  const inFlight = new InFlight(httpServer);

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    // The request limits (src/graphql/limits.ts): tokens while parsing, depth, aliases, directives
    // and once-per-request mutations while validating, cost in costLimitPlugin.
    parseOptions: PARSE_OPTIONS,
    validationRules: [...queryLimitRules],
    // No client of ours sends persisted queries (APQ); see persistedQueriesRefusedPlugin.
    persistedQueries: false,
    logger: app.logger.child({ component: 'apollo' }),
    // src/main.ts owns SIGTERM/SIGINT. Apollo's own handlers would call stop() as well, and a second
    // stop() during a first one waits on a barrier that Apollo 5 never resolves: shutdown hung.
    stopOnTerminationSignals: false,
    plugins: [
      // On stop: stop listening, end idle keep-alive connections, wait for requests in flight.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: DRAIN_GRACE_MS }),
      // Apollo's own landing page loads from a CDN; the IDE is GraphiQL, served below.
      ApolloServerPluginLandingPageDisabled(),
      costLimitPlugin,
      persistedQueriesRefusedPlugin,
      errorLoggingPlugin,
      requestLoggingPlugin,
      requestMetricsPlugin(app.metrics),
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
    const check = await databaseReadiness(app);
    if (check.ready) {
      res.json({ status: 'ready' });
      return;
    }
    app.logger.warn(
      { reqId: res.locals.requestId, reason: check.reason, ...(check.error ? { err: check.error } : {}) },
      `readiness check failed: ${check.reason}`,
    );
    res.status(503).json({ status: 'unavailable' });
  });

  // Prometheus metrics (METRICS, on by default), behind METRICS_TOKEN when it is set.
  if (app.config.metrics) {
    const token = app.config.metricsToken;
    web.get('/metrics', async (req, res) => {
      if (token !== null && !bearerMatches(req.headers.authorization, token)) {
        res.status(401).set('www-authenticate', 'Bearer').json({ status: 'unauthorized' });
        return;
      }
      const { contentType, body } = await app.metrics.scrape();
      res.setHeader('content-type', contentType);
      res.setHeader('cache-control', 'no-store');
      res.end(body);
    });
  }

  // GET /graphql from a browser: the GraphiQL IDE (GRAPHIQL, on unless NODE_ENV=production).
  if (app.config.graphiql) mountGraphiql(web, '/graphql');

  // GET / and /console/…: the staff console (CONSOLE, on by default), a client of POST /graphql.
  const staffConsole = app.config.console
    ? mountConsole(web, options.consoleDir ?? defaultConsoleDir(), app.logger)
    : null;

  const graphql = expressMiddleware(apollo, {
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
          // Apollo's plugins never see such a request: it is counted here.
          logger.error({ err: error }, 'session lookup failed');
          app.metrics.graphqlRequest(null, null, 'INTERNAL_SERVER_ERROR', 0);
          throw error;
        }
      }
      return ctx;
    },
  });
  web.use('/graphql', express.json({ limit: '1mb' }), (req, res, next) =>
    // The handler's promise settles once the operation is done, whether or not its client is still
    // there; the close waits for it.
    inFlight.track(Promise.resolve(graphql(req, res, next))),
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
  const consoleUrl = staffConsole?.built ? `${url}${CONSOLE_PATH}/` : null;
  app.logger.info({ url: graphqlUrl, consoleUrl }, 'server listening');

  const close = async () => {
    const deadline = Date.now() + DRAIN_GRACE_MS;
    // Stop listening at once (the drain plugin would wait a tick) and drop connections that have
    // not started a request.
    httpServer.close();
    inFlight.dropUnused();
    // The drain plugin: ends keep-alive connections as their responses finish and waits for them,
    // cutting what is left after DRAIN_GRACE_MS. Then Apollo stops.
    await apollo.stop();
    await inFlight.settled(deadline);
    if (inFlight.running > 0) {
      app.logger.warn({ requests: inFlight.running }, 'requests still running after the grace period');
    }
  };
  let closing: Promise<void> | undefined;
  return {
    url,
    graphqlUrl,
    consoleUrl,
    port,
    close: () => (closing ??= close()),
  };
}
