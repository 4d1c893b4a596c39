import type { Logger } from 'pino';
import type { AppConfig } from './config';
import { assertMigrated, createOrm, driverOf, migrate, poolStateOf, type Driver, type Orm } from './db/orm';
import { assertComplete } from './deletion/completeness';
import { planForPlugins, type ErasurePlan } from './deletion/erasure-plan';
import { EventBus } from './events/event-bus';
import { resolvePlugins } from './plugins/registry';
import type { ErasurePlugin } from './plugins/plugin';
import { createLogger } from './logger';
import { systemClock, type Clock } from './clock';
import { OutboxProcessor } from './events/outbox';
import { CLIENT_DELETED, ClientDeletionService } from './deletion/client-deletion.service';
import { resolveSignInKey, signInHasher, type SignInHasher } from './auth/sign-in-key';
import { ServiceMetrics } from './metrics';

/** Everything a request or a command needs, built once per process. */
export interface App extends AppCore {
  readonly outbox: OutboxProcessor;
  readonly deletions: ClientDeletionService;
  close(): Promise<void>;
}

/** The parts services are built from. */
export interface AppCore {
  readonly config: AppConfig;
  readonly orm: Orm;
  readonly driver: Driver;
  readonly plugins: readonly ErasurePlugin[];
  /** What a client's erasure deletes, keeps and is blocked by (src/deletion/erasure-plan.ts). */
  readonly plan: ErasurePlan;
  readonly events: EventBus;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Names sign-in attempts for the lockout by a keyed hash of the email. */
  readonly signInHasher: SignInHasher;
  /** This app's Prometheus metrics (GET /metrics), in a registry of its own. */
  readonly metrics: ServiceMetrics;
}

export interface AppOverrides {
  logger?: Logger;
  clock?: Clock;
  /** Extra plugins (tests and third parties), installed after the built-in ones. */
  plugins?: readonly ErasurePlugin[];
  /**
   * Pending migrations at start: `true` applies them (the default), `'verify'` refuses to start
   * with a PendingMigrationsError, `false` does not look.
   */
  migrate?: boolean | 'verify';
}

/**
 * Builds the application: database, migrations, the erasure plan (refusing to start when it is
 * incomplete) and the plugins' subscribers.
 */
export async function createApp(config: AppConfig, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const plugins = [...resolvePlugins(config.plugins), ...(overrides.plugins ?? [])];
  // Before the database: a missing key is a setting to fix, reported without connecting anywhere.
  const hasher = signInHasher(resolveSignInKey(config));
  const orm = await createOrm({ database: config.database, plugins });
  try {
    const migrations = overrides.migrate ?? true;
    if (migrations === 'verify') await assertMigrated(orm);
    else if (migrations) await migrate(orm);
    // The erasure plan, compiled from what the core's and the plugins' entities declare.
    const metadata = Object.values(orm.getMetadata().getAll());
    const plan = planForPlugins(metadata, plugins);
    assertComplete(plan, metadata);
    const events = new EventBus();
    for (const plugin of plugins) {
      plugin.install?.({ config, events, logger: logger.child({ plugin: plugin.name }) });
    }
    events.onCommitted(CLIENT_DELETED, async (payload) => {
      logger.info({ event: CLIENT_DELETED, deletionId: payload.deletionId }, 'after-commit event delivered');
    });
    const core: AppCore = {
      config,
      orm,
      driver: driverOf(orm),
      plugins,
      plan,
      events,
      logger,
      clock: overrides.clock ?? systemClock,
      signInHasher: hasher,
      metrics: new ServiceMetrics(),
    };
    const outbox = new OutboxProcessor(core);
    core.metrics.observe({ pool: () => poolStateOf(orm), outbox: () => outbox.backlog() });
    const deletions = new ClientDeletionService(core, outbox);
    return {
      ...core,
      outbox,
      deletions,
      async close() {
        await outbox.stop();
        await orm.close();
      },
    };
  } catch (error) {
    await orm.close();
    throw error;
  }
}
