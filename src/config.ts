import { z } from 'zod';

/** Plugins this build knows. `PLUGINS` selects which of them are installed. */
export const KNOWN_PLUGINS = ['support_manager', 'order'] as const;
export type PluginName = (typeof KNOWN_PLUGINS)[number];

export type DatabaseConfig =
  { driver: 'sqlite'; file: string } | { driver: 'mysql'; url: string; dbName: string };

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  /**
   * True when DATABASE_URL is unset: the embedded SQLite file of a first `npm start`, which the
   * service migrates and seeds with demo data itself. Any configured database is the operator's:
   * migrated by `npm run db:migrate`, never seeded on start.
   */
  embeddedDefault: boolean;
  plugins: PluginName[];
  sessionTtlSeconds: number;
  seedStaffPassword: string;
  attachmentsDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  graphiql: boolean;
  /** The staff console on `GET /console/` (and `/` leads there). On unless CONSOLE=false. */
  console: boolean;
  bcryptRounds: number;
  /**
   * Key of the HMAC-SHA256 under which sign-in names are counted for the lockout. Null: the
   * embedded SQLite default keeps a generated key in its data directory; MariaDB needs one set,
   * the same on every replica (see `resolveSignInKey`). Never logged.
   */
  authHmacKey: string | null;
  /**
   * On a Galera node, the deletion's transaction replicates in fragments of this many rows
   * (streaming replication); 0 replicates it as one write set at commit. See src/db/galera.ts.
   */
  galeraFragmentRows: number;
  /** Whether GET /metrics answers (Prometheus text). */
  metrics: boolean;
  /** When set, GET /metrics requires `Authorization: Bearer <metricsToken>`. Never logged. */
  metricsToken: string | null;
  nodeEnv: string;
}

/** A setting that cannot be used: reported as one line, never with a stack trace. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const port = z.coerce.number().int().min(1).max(65535);

const schema = z.object({
  PORT: port.default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  SQLITE_FILE: z.string().min(1).default('./data/dev.sqlite'),
  PLUGINS: z.string().default(KNOWN_PLUGINS.join(',')),
  SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(8 * 3600),
  SEED_STAFF_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('demo-password'),
  ATTACHMENTS_DIR: z.string().min(1).default('./data/attachments'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GRAPHIQL: z.enum(['true', 'false']).optional(),
  // The staff's tool, unlike GraphiQL: on in production too.
  CONSOLE: z.enum(['true', 'false']).default('true'),
  BCRYPT_ROUNDS: z.coerce.number().int().min(4).max(15).default(12),
  AUTH_HMAC_KEY: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. the output of `openssl rand -hex 32`)')
    .optional(),
  GALERA_FRAGMENT_ROWS: z.coerce.number().int().min(0).max(1_000_000_000).default(10_000),
  METRICS: z.enum(['true', 'false']).default('true'),
  METRICS_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters (e.g. the output of `openssl rand -hex 32`)')
    .optional(),
  NODE_ENV: z.string().default('development'),
});

function parseDatabase(url: string | undefined, sqliteFile: string): DatabaseConfig {
  if (!url) return { driver: 'sqlite', file: sqliteFile };
  if (url.startsWith('sqlite:')) {
    const file = url.replace(/^sqlite:(\/\/)?/, '');
    if (!file) throw new ConfigError('DATABASE_URL: sqlite: URL names no file');
    return { driver: 'sqlite', file };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('DATABASE_URL: not a URL (expected mysql://user:pass@host:3306/db)');
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new ConfigError(`DATABASE_URL: unsupported scheme "${parsed.protocol}" (use mysql:// or sqlite:)`);
  }
  const dbName = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!dbName) throw new ConfigError('DATABASE_URL: the URL names no database (mysql://host:3306/<db>)');
  parsed.protocol = 'mysql:';
  return { driver: 'mysql', url: parsed.toString(), dbName };
}

function parsePlugins(value: string): PluginName[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(KNOWN_PLUGINS as readonly string[]).includes(name)) {
      throw new ConfigError(`PLUGINS: unknown plugin "${name}" (known: ${KNOWN_PLUGINS.join(', ')})`);
    }
  }
  return [...new Set(names)] as PluginName[];
}

/** Reads and validates the environment. Throws ConfigError with one line naming the bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = result.data;
  const nodeEnv = e.NODE_ENV;
  return {
    port: e.PORT,
    host: e.HOST,
    database: parseDatabase(e.DATABASE_URL, e.SQLITE_FILE),
    embeddedDefault: !e.DATABASE_URL,
    plugins: parsePlugins(e.PLUGINS),
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    seedStaffPassword: e.SEED_STAFF_PASSWORD,
    attachmentsDir: e.ATTACHMENTS_DIR,
    logLevel: e.LOG_LEVEL,
    graphiql: e.GRAPHIQL ? e.GRAPHIQL === 'true' : nodeEnv !== 'production',
    console: e.CONSOLE === 'true',
    bcryptRounds: e.BCRYPT_ROUNDS,
    authHmacKey: e.AUTH_HMAC_KEY ?? null,
    galeraFragmentRows: e.GALERA_FRAGMENT_ROWS,
    metrics: e.METRICS === 'true',
    metricsToken: e.METRICS_TOKEN ?? null,
    nodeEnv,
  };
}
