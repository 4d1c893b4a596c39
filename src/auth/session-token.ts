import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: 256 bits, 43 characters of base64url. */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * Only this hash is stored: a leaked `sessions` table does not let anyone sign in. A plain SHA-256
 * is enough because the token is random and long, unlike a password.
 */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The token of an `Authorization: Bearer <token>` header, or null. Anything not shaped like one of
 * our tokens is ignored without touching the database.
 */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match || !TOKEN_SHAPE.test(match[1])) return null;
  return match[1];
}
