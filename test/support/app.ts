import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createApp, type App, type AppOverrides } from '../../src/app';
import { loadConfig, type AppConfig, type DatabaseConfig } from '../../src/config';
import { createLogger } from '../../src/logger';

/** Everything the service logged during a test, one parsed JSON object per line. */
export class LogCapture {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk, _enc, done) => {
      this.lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  get text(): string {
    return this.lines.join('\n');
  }
}

export interface TestAppOptions extends AppOverrides {
  env?: Record<string, string>;
  log?: LogCapture;
}

/** The sign-in hash key of test apps: one for all, as replicas of one service share theirs. */
export const TEST_AUTH_HMAC_KEY = 'test-only-sign-in-hash-key-0123456789abcdef';

/** Config for tests: fast bcrypt, the given database, a scratch attachments directory. */
export function testConfig(database: DatabaseConfig, env: Record<string, string> = {}): AppConfig {
  const config = loadConfig({
    BCRYPT_ROUNDS: '4',
    LOG_LEVEL: 'debug',
    NODE_ENV: 'test',
    AUTH_HMAC_KEY: TEST_AUTH_HMAC_KEY,
    ...env,
  });
  return { ...config, database };
}

export async function createTestApp(database: DatabaseConfig, options: TestAppOptions = {}): Promise<App> {
  const { env, log, ...overrides } = options;
  const logger: Logger = overrides.logger ?? createLogger('debug', (log ?? new LogCapture()).stream);
  return createApp(testConfig(database, env), { ...overrides, logger });
}
