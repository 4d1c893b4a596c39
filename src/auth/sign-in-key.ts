import { createHmac, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, type AppConfig } from '../config';

/** Where the embedded SQLite default keeps its generated key: beside the database file. */
export const SIGN_IN_KEY_FILE = 'auth-hmac.key';

const MIN_KEY_LENGTH = 32;

/**
 * Turns an email typed at sign-in into the name the lockout counts attempts under: a keyed hash
 * (HMAC-SHA256, hex) of the trimmed, lower-cased email. The email itself is never stored, and
 * without the key the hashes cannot be matched against a list of addresses.
 */
export interface SignInHasher {
  subjectOf(email: string): string;
}

/** The sign-in name as attempts are counted: `Ada@Example.com ` and `ada@example.com` are one. */
export function normaliseSignInName(email: string): string {
  return email.trim().toLowerCase();
}

export function signInHasher(key: string): SignInHasher {
  // Held in the closure only: no property of the app or of this object carries the key.
  const secret = Buffer.from(key, 'utf8');
  return {
    subjectOf: (email) =>
      createHmac('sha256', secret).update(normaliseSignInName(email), 'utf8').digest('hex'),
  };
}

/**
 * The key of the sign-in hashes: AUTH_HMAC_KEY when set. Without it, the embedded SQLite default
 * generates a key once and keeps it beside its database file (mode 0600), so restarts keep
 * counting under the same names; an in-memory database gets a key for the life of the process.
 * MariaDB needs AUTH_HMAC_KEY: replicas that hashed with different keys would count the same
 * email under different names, each allowing its own five attempts.
 *
 * @throws ConfigError naming the setting (never its value).
 */
export function resolveSignInKey(config: AppConfig): string {
  if (config.authHmacKey) return config.authHmacKey;
  const database = config.database;
  if (database.driver === 'mysql') {
    throw new ConfigError(
      'AUTH_HMAC_KEY: required with a MariaDB/MySQL DATABASE_URL, the same on every replica ' +
        '(at least 32 characters, e.g. the output of `openssl rand -hex 32`)',
    );
  }
  if (database.file === ':memory:') return randomBytes(32).toString('hex');
  return keyFileBeside(database.file);
}

function keyFileBeside(databaseFile: string): string {
  const dir = dirname(databaseFile);
  const file = join(dir, SIGN_IN_KEY_FILE);
  mkdirSync(dir, { recursive: true });
  const existing = readKeyFile(file);
  if (existing !== null) return existing;
  // Written under a private name and linked into place, which fails if another process got there
  // first: every process on this file ends up with the same key, never a half-written one.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  const key = readKeyFile(file);
  if (key === null) throw new ConfigError(`${file}: could not be created`);
  return key;
}

function readKeyFile(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const key = text.trim();
  if (key.length < MIN_KEY_LENGTH) {
    throw new ConfigError(
      `${file}: not a usable key (under ${MIN_KEY_LENGTH} characters); delete it to have a new one made`,
    );
  }
  return key;
}
