import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcrypt';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Ctx, Query, Resolver } from 'type-graphql';
import { createApp, type App } from '../src/app';
import { SIGN_IN_KEY_FILE, signInHasher } from '../src/auth/sign-in-key';
import { verifyStaffPassword } from '../src/auth/password-check.service';
import { identityFromToken } from '../src/auth/session.service';
import { ManualClock } from '../src/clock';
import { ConfigError, type DatabaseConfig } from '../src/config';
import { createLogger } from '../src/logger';
import type { RequestContext } from '../src/context';
import { EmSqlRunner } from '../src/db/sql-runner';
import { assertComplete } from '../src/deletion/completeness';
import { foreignKeysOf } from '../src/deletion/erasure-plan';
import { sql } from '../src/db/sql';
import { Client } from '../src/entities/client.entity';
import { LogUser } from '../src/entities/log-user.entity';
import { Session } from '../src/entities/session.entity';
import { User } from '../src/entities/user.entity';
import { Staff } from '../src/entities/staff.entity';
import { buildAppSchema } from '../src/graphql/schema';
import { Permission, isAuthenticated } from '../src/permissions/rules';
import { ErrorCode, InvalidPasswordError, TooManyAttemptsError } from '../src/schema/errors';
import { startServer, type RunningServer } from '../src/server';
import { LogCapture, TEST_AUTH_HMAC_KEY, createTestApp, testConfig } from './support/app';
import { describeEachDatabase } from './support/databases';
import {
  createClient,
  createCompany,
  createCompanyWithStaff,
  createStaff,
  createStaffGroup,
  type StaffFixture,
} from './support/fixtures';
import { deletionOf, tablesContaining } from './support/deletion';
import { print } from 'graphql';
import { generate } from 'otplib';
import { LogoutDocument, MeDocument } from '../src/generated/graphql';
import { LOGIN, gql, signIn } from './support/http';

// The example operations' generated documents, sent as text: these tests also probe untyped inputs.
const ME = print(MeDocument);
const LOGOUT = print(LogoutDocument);
const MINUTE = 60_000;
/** An authenticator secret for the tests (base32, 20 bytes). */
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** A field that fails the way a bug would, to see what reaches the client and the log. */
@Resolver()
class FailingResolver {
  @Query(() => Boolean)
  async failingQuery(@Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.em.execute('SELECT secret_column FROM no_such_table');
    return true;
  }
}

describeEachDatabase('sign-in', (db) => {
  let database: DatabaseConfig;
  let clock: ManualClock;
  let log: LogCapture;
  let app: App;
  let server: RunningServer;
  const everyStaff: StaffFixture[] = [];

  /** A fresh staff member with view permission: lockout state is per user. */
  async function newStaff(): Promise<StaffFixture> {
    const { staff } = await createCompanyWithStaff(app, ['admin_clients.view']);
    everyStaff.push(staff);
    return staff;
  }

  async function attempt(url: string, email: string, password: string, otp?: string) {
    const res = await gql(url, LOGIN, otp === undefined ? { email, password } : { email, password, otp });
    expect(res.errors).toBeUndefined();
    return res.data.login;
  }

  async function failTimes(staff: StaffFixture, times: number, url = server.url): Promise<void> {
    for (let i = 0; i < times; i += 1) {
      expect((await attempt(url, staff.email, `${staff.password}-wrong`)).__typename).toBe(
        'InvalidCredentialsError',
      );
    }
  }

  beforeAll(async () => {
    database = await db.create();
    clock = new ManualClock(new Date('2030-01-01T09:00:00Z'));
    log = new LogCapture();
    app = await createTestApp(database, { clock, log });
    const schema = await buildAppSchema(app, [FailingResolver], { Query: { failingQuery: isAuthenticated } });
    server = await startServer(app, { port: 0, host: '127.0.0.1', schema });
  });

  afterAll(async () => {
    await server?.close();
    await app?.close();
    await db.drop();
  });

  afterEach(() => vi.restoreAllMocks());

  describe('login', () => {
    it('returns a token that signs the next requests in', async () => {
      const staff = await newStaff();
      const result = await attempt(server.url, staff.email, staff.password);
      expect(result.__typename).toBe('LoginSuccess');
      expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(new Date(result.expiresAt).getTime()).toBe(clock.now().getTime() + 8 * 3600 * 1000);
      expect(result.staff).toEqual({
        id: String(staff.staffId),
        email: staff.email,
        permissions: ['admin_clients.view'],
      });

      const me = await gql(server.url, ME, {}, result.token);
      expect(me.errors).toBeUndefined();
      expect(me.data.me).toEqual({
        id: String(staff.staffId),
        email: staff.email,
        permissions: ['admin_clients.view'],
      });
    });

    it('stores only the SHA-256 hash of the token', async () => {
      const staff = await newStaff();
      const token = await signIn(server.url, staff.email, staff.password);
      const sessions = await app.orm.em.fork().find(Session, { user: staff.userId });
      expect(sessions).toHaveLength(1);
      expect(sessions[0].tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(sessions[0].tokenHash).not.toContain(token);
    });

    it('issues a different token for every sign-in', async () => {
      const staff = await newStaff();
      const first = await signIn(server.url, staff.email, staff.password);
      const second = await signIn(server.url, staff.email, staff.password);
      expect(second).not.toBe(first);
    });

    it('refuses a wrong password and an unknown email with the same error', async () => {
      const staff = await newStaff();
      const wrongPassword = await attempt(server.url, staff.email, 'not-the-password');
      const unknownEmail = await attempt(server.url, 'nobody@example.com', staff.password);
      expect(wrongPassword.__typename).toBe('InvalidCredentialsError');
      expect(unknownEmail).toEqual(wrongPassword);
      expect(wrongPassword.errorCode).toBe(ErrorCode.INVALID_CREDENTIALS);
    });

    it('does the same bcrypt work for an unknown email as for a wrong password', async () => {
      const staff = await newStaff();
      const compare = vi.spyOn(bcrypt, 'compare');
      await attempt(server.url, staff.email, 'not-the-password');
      await attempt(server.url, 'nobody@example.com', 'not-the-password');
      expect(compare).toHaveBeenCalledTimes(2);
      const rounds = compare.mock.calls.map(([, hash]) => bcrypt.getRounds(String(hash)));
      expect(rounds).toEqual([app.config.bcryptRounds, app.config.bcryptRounds]);
    });

    it('matches the email whatever its case', async () => {
      const staff = await newStaff();
      const result = await attempt(server.url, staff.email.toUpperCase(), staff.password);
      expect(result.__typename).toBe('LoginSuccess');
    });

    it('records every password check in log_users with the company and address', async () => {
      const staff = await newStaff();
      await failTimes(staff, 1);
      await signIn(server.url, staff.email, staff.password);
      const rows = await app.orm.em.fork().find(LogUser, { user: staff.userId }, { orderBy: { id: 'asc' } });
      expect(rows.map((r) => r.result)).toEqual(['failure', 'success']);
      const [{ company_id: expectedCompany }] = await app.orm.em
        .fork()
        .execute(
          'SELECT g.company_id FROM staff_group m JOIN staff_groups g ON g.id = m.staff_group_id WHERE m.staff_id = ?',
          [staff.staffId],
        );
      for (const row of rows) {
        expect(row.company.id).toBe(Number(expectedCompany));
        expect(row.ipAddress).toMatch(/127\.0\.0\.1/);
        expect(row.dateAdded.getTime()).toBe(clock.now().getTime());
      }
    });
  });

  describe('me', () => {
    it('is null without a token and with an unknown one', async () => {
      expect((await gql(server.url, ME)).data).toEqual({ me: null });
      const unknown = await gql(server.url, ME, {}, 'A'.repeat(43));
      expect(unknown.errors).toBeUndefined();
      expect(unknown.data).toEqual({ me: null });
    });
  });

  describe('logout', () => {
    it('ends the session: the token stops working', async () => {
      const staff = await newStaff();
      const token = await signIn(server.url, staff.email, staff.password);
      const out = await gql(server.url, LOGOUT, {}, token);
      expect(out.data).toEqual({ logout: true });
      expect((await gql(server.url, ME, {}, token)).data).toEqual({ me: null });
      expect(await app.orm.em.fork().count(Session, { user: staff.userId })).toBe(0);
      const again = await gql(server.url, LOGOUT, {}, token);
      expect(again.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('ends only the session of the token it carries', async () => {
      const staff = await newStaff();
      const laptop = await signIn(server.url, staff.email, staff.password);
      const phone = await signIn(server.url, staff.email, staff.password);
      await gql(server.url, LOGOUT, {}, laptop);
      expect((await gql(server.url, ME, {}, phone)).data.me.id).toBe(String(staff.staffId));
    });

    it('needs a session', async () => {
      const res = await gql(server.url, LOGOUT);
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('session expiry', () => {
    it('signs the token out once sessionTtlSeconds have passed', async () => {
      const staff = await newStaff();
      const token = await signIn(server.url, staff.email, staff.password);
      clock.advance(8 * 3600 * 1000 - 1000);
      expect((await gql(server.url, ME, {}, token)).data.me).not.toBeNull();
      clock.advance(1000);
      expect((await gql(server.url, ME, {}, token)).data).toEqual({ me: null });
      const clients = await gql(server.url, `{ clients { totalCount } }`, {}, token);
      expect(clients.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('follows the configured lifetime', async () => {
      const shortApp = await createTestApp(database, {
        clock,
        migrate: false,
        env: { SESSION_TTL_SECONDS: '600' },
      });
      const shortServer = await startServer(shortApp, { port: 0, host: '127.0.0.1' });
      try {
        const staff = await newStaff();
        const result = await attempt(shortServer.url, staff.email, staff.password);
        expect(new Date(result.expiresAt).getTime()).toBe(clock.now().getTime() + 600_000);
        clock.advance(600_000);
        expect((await gql(shortServer.url, ME, {}, result.token)).data).toEqual({ me: null });
      } finally {
        await shortServer.close();
        await shortApp.close();
      }
    });
  });

  describe('inactive staff', () => {
    it('cannot sign in, and their open sessions stop working', async () => {
      const staff = await newStaff();
      const token = await signIn(server.url, staff.email, staff.password);
      await app.orm.em.fork().nativeUpdate(Staff, { id: staff.staffId }, { status: 'inactive' });

      expect((await gql(server.url, ME, {}, token)).data).toEqual({ me: null });
      const clients = await gql(server.url, `{ clients { totalCount } }`, {}, token);
      expect(clients.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const result = await attempt(server.url, staff.email, staff.password);
      expect(result.__typename).toBe('InvalidCredentialsError');
    });

    it('can sign in again once reactivated', async () => {
      const staff = await newStaff();
      await app.orm.em.fork().nativeUpdate(Staff, { id: staff.staffId }, { status: 'inactive' });
      expect((await attempt(server.url, staff.email, staff.password)).__typename).toBe(
        'InvalidCredentialsError',
      );
      await app.orm.em.fork().nativeUpdate(Staff, { id: staff.staffId }, { status: 'active' });
      expect((await attempt(server.url, staff.email, staff.password)).__typename).toBe('LoginSuccess');
    });
  });

  describe('lockout', () => {
    it('still lets the right password in after four failures', async () => {
      const staff = await newStaff();
      await failTimes(staff, 4);
      expect((await attempt(server.url, staff.email, staff.password)).__typename).toBe('LoginSuccess');
    });

    it('locks password checks at the fifth failure, without comparing the password', async () => {
      const staff = await newStaff();
      await failTimes(staff, 5);
      const attemptsBefore = await app.orm.em.fork().count(LogUser, { user: staff.userId });
      const compare = vi.spyOn(bcrypt, 'compare');

      const result = await attempt(server.url, staff.email, staff.password);
      expect(compare).not.toHaveBeenCalled();
      expect(result.__typename).toBe('TooManyAttemptsError');
      expect(result.errorCode).toBe(ErrorCode.TOO_MANY_ATTEMPTS);
      expect(new Date(result.retryAfter).getTime()).toBe(clock.now().getTime() + 15 * MINUTE);
      expect(await app.orm.em.fork().count(LogUser, { user: staff.userId })).toBe(attemptsBefore);
    });

    it('counts only failures since the last success', async () => {
      const staff = await newStaff();
      await failTimes(staff, 4);
      await signIn(server.url, staff.email, staff.password);
      await failTimes(staff, 4);
      expect((await attempt(server.url, staff.email, staff.password)).__typename).toBe('LoginSuccess');
    });

    it('counts only failures within 15 minutes of each other', async () => {
      const staff = await newStaff();
      await failTimes(staff, 4);
      clock.advance(15 * MINUTE);
      await failTimes(staff, 1);
      expect((await attempt(server.url, staff.email, staff.password)).__typename).toBe('LoginSuccess');
    });

    it('lifts 15 minutes after the fifth failure', async () => {
      const staff = await newStaff();
      await failTimes(staff, 5);
      clock.advance(15 * MINUTE - 1000);
      expect((await attempt(server.url, staff.email, staff.password)).__typename).toBe(
        'TooManyAttemptsError',
      );
      clock.advance(1000);
      expect((await attempt(server.url, staff.email, staff.password)).__typename).toBe('LoginSuccess');
    });

    it('is shared by every process on the database', async () => {
      const other = await createTestApp(database, { clock, migrate: false });
      const otherServer = await startServer(other, { port: 0, host: '127.0.0.1' });
      try {
        const staff = await newStaff();
        await failTimes(staff, 3, server.url);
        await failTimes(staff, 2, otherServer.url);
        expect((await attempt(server.url, staff.email, staff.password)).__typename).toBe(
          'TooManyAttemptsError',
        );
        expect((await attempt(otherServer.url, staff.email, staff.password)).__typename).toBe(
          'TooManyAttemptsError',
        );
      } finally {
        await otherServer.close();
        await other.close();
      }
    });

    it('is shared with the password re-check of verifyStaffPassword', async () => {
      const staff = await newStaff();
      const token = await signIn(server.url, staff.email, staff.password);
      const em = app.orm.em.fork();
      const ctx: RequestContext = {
        app,
        em,
        requestId: 'test',
        logger: app.logger,
        staff: await identityFromToken(app, em, token),
        token,
      };

      expect(await verifyStaffPassword(ctx, staff.password)).toBe('ok');
      await failTimes(staff, 3);
      expect(await verifyStaffPassword(ctx, 'wrong')).toBeInstanceOf(InvalidPasswordError);
      expect(await verifyStaffPassword(ctx, 'wrong')).toBeInstanceOf(InvalidPasswordError);

      const locked = await verifyStaffPassword(ctx, staff.password);
      expect(locked).toBeInstanceOf(TooManyAttemptsError);
      expect((await attempt(server.url, staff.email, staff.password)).__typename).toBe(
        'TooManyAttemptsError',
      );
      clock.advance(15 * MINUTE);
      expect(await verifyStaffPassword(ctx, staff.password)).toBe('ok');
    });

    it('forgets attempts older than an hour, set based, on the way', async () => {
      const runner = new EmSqlRunner(app.orm.em.fork(), app.driver);
      const old = new Date(clock.now().getTime() - 61 * MINUTE);
      const recent = new Date(clock.now().getTime() - 59 * MINUTE);
      for (const at of [old, recent]) {
        await runner.run(
          sql`INSERT INTO auth_attempts (subject_hash, attempted_at, result) VALUES (${'f'.repeat(64)}, ${runner.date(at)}, 'failure')`,
        );
      }
      clock.advance(MINUTE); // past the once-a-minute pace of pruning
      const staff = await newStaff();
      await failTimes(staff, 1);
      const left = await runner.rows<{ attempted_at: unknown }>(
        sql`SELECT attempted_at FROM auth_attempts WHERE subject_hash = ${'f'.repeat(64)}`,
      );
      expect(left).toHaveLength(1);
    });

    it('leaves other users alone', async () => {
      const locked = await newStaff();
      const bystander = await newStaff();
      await failTimes(locked, 5);
      expect((await attempt(server.url, bystander.email, bystander.password)).__typename).toBe(
        'LoginSuccess',
      );
    });
  });

  describe('lockout under concurrent attempts', () => {
    /** Sends `count` sign-ins at once, spread over the given servers, and tallies the answers. */
    async function burst(urls: string[], email: string, password: string, count = 30) {
      const results = await Promise.all(
        Array.from({ length: count }, (_, i) => attempt(urls[i % urls.length], email, password)),
      );
      const tally: Record<string, number> = {};
      for (const r of results) tally[r.__typename] = (tally[r.__typename] ?? 0) + 1;
      return tally;
    }

    it('compares at most five passwords for 30 simultaneous wrong ones', async () => {
      const staff = await newStaff();
      const compare = vi.spyOn(bcrypt, 'compare');
      const tally = await burst([server.url], staff.email, 'not-the-password');
      expect(compare.mock.calls.length).toBeLessThanOrEqual(5);
      expect(tally.InvalidCredentialsError ?? 0).toBe(compare.mock.calls.length);
      expect((tally.InvalidCredentialsError ?? 0) + (tally.TooManyAttemptsError ?? 0)).toBe(30);
    });

    it('compares at most five passwords however many replicas the attempts reach', async () => {
      const other = await createTestApp(database, { clock, migrate: false });
      const otherServer = await startServer(other, { port: 0, host: '127.0.0.1' });
      try {
        const staff = await newStaff();
        const compare = vi.spyOn(bcrypt, 'compare');
        const tally = await burst([server.url, otherServer.url], staff.email, 'not-the-password');
        expect(compare.mock.calls.length).toBeLessThanOrEqual(5);
        expect((tally.InvalidCredentialsError ?? 0) + (tally.TooManyAttemptsError ?? 0)).toBe(30);
      } finally {
        await otherServer.close();
        await other.close();
      }
    });

    it('compares at most five passwords for 30 simultaneous deleteClient confirmations', async () => {
      const { companyId, staff } = await createCompanyWithStaff(app, [
        Permission.viewClients,
        Permission.deleteClients,
      ]);
      everyStaff.push(staff);
      const client = await createClient(app, companyId);
      const token = await signIn(server.url, staff.email, staff.password);
      const compare = vi.spyOn(bcrypt, 'compare');

      const results = await Promise.all(
        Array.from({ length: 30 }, () => deletionOf(server.url, token, client.clientId, 'not-the-password')),
      );
      const tally: Record<string, number> = {};
      for (const r of results) tally[r.__typename] = (tally[r.__typename] ?? 0) + 1;
      expect(compare.mock.calls.length).toBeLessThanOrEqual(5);
      expect(tally.InvalidPasswordError ?? 0).toBe(compare.mock.calls.length);
      expect((tally.InvalidPasswordError ?? 0) + (tally.TooManyAttemptsError ?? 0)).toBe(30);
      expect(await app.orm.em.fork().count(Client, { id: client.clientId })).toBe(1);
    });
  });

  describe('unknown emails', () => {
    it('lock at the sixth attempt exactly like a real one', async () => {
      const staff = await newStaff();
      const unknown = `nobody-${staff.staffId}@example.com`;
      for (const email of [staff.email, unknown]) {
        for (let i = 0; i < 5; i += 1) {
          expect((await attempt(server.url, email, 'not-the-password')).__typename).toBe(
            'InvalidCredentialsError',
          );
        }
      }
      const real = await attempt(server.url, staff.email, staff.password);
      const unknownSixth = await attempt(server.url, unknown, staff.password);
      expect(real.__typename).toBe('TooManyAttemptsError');
      expect(unknownSixth).toEqual(real);
      expect(new Date(unknownSixth.retryAfter).getTime()).toBe(clock.now().getTime() + 15 * MINUTE);
    });

    it('are counted whatever their case and surrounding spaces', async () => {
      const unknown = `Someone-${Date.now()}@Example.com`;
      for (const email of [unknown, unknown.toLowerCase(), ` ${unknown.toUpperCase()} `, unknown, unknown]) {
        expect((await attempt(server.url, email, 'x')).__typename).toBe('InvalidCredentialsError');
      }
      expect((await attempt(server.url, unknown.toLowerCase(), 'x')).__typename).toBe('TooManyAttemptsError');
    });

    it('leave no email in clear: attempts are kept under a keyed hash', async () => {
      const marker = `marker-${Date.now()}`;
      const email = `${marker}@example.com`;
      await attempt(server.url, email, 'x');
      expect(await tablesContaining(app, marker)).toEqual({});
      const hashes = await new EmSqlRunner(app.orm.em.fork(), app.driver).rows<{ subject_hash: string }>(
        sql`SELECT subject_hash FROM auth_attempts`,
      );
      expect(hashes.length).toBeGreaterThan(0);
      for (const { subject_hash } of hashes) expect(subject_hash).toMatch(/^[0-9a-f]{64}$/);
      // Keyed: not the plain SHA-256 anyone could compute from a list of addresses.
      const plain = createHash('sha256').update(email).digest('hex');
      expect(hashes.map((h) => h.subject_hash)).not.toContain(plain);
    });

    it('are counted in a table with no foreign key, which the completeness check accepts', async () => {
      const metadata = Object.values(app.orm.getMetadata().getAll());
      expect(metadata.map((m) => m.tableName)).toContain('auth_attempts');
      expect(foreignKeysOf(metadata).filter((fk) => fk.table === 'auth_attempts')).toEqual([]);
      expect(() => assertComplete(app.plan, metadata)).not.toThrow();
      const runner = new EmSqlRunner(app.orm.em.fork(), app.driver);
      const keys =
        app.driver === 'sqlite'
          ? await runner.rows(sql`SELECT * FROM pragma_foreign_key_list('auth_attempts')`)
          : await runner.rows(sql`
              SELECT CONSTRAINT_NAME FROM information_schema.KEY_COLUMN_USAGE
               WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'auth_attempts'
                 AND REFERENCED_TABLE_NAME IS NOT NULL`);
      expect(keys).toEqual([]);
    });
  });

  describe('two-factor sign-in (TOTP)', () => {
    /** A fresh staff member with two-factor sign-in in the given mode. */
    async function staffWith(mode: 'totp' | 'motp'): Promise<StaffFixture> {
      const staff = await newStaff();
      await app.orm.em
        .fork()
        .nativeUpdate(User, { id: staff.userId }, { twoFactorMode: mode, twoFactorKey: TOTP_SECRET });
      return staff;
    }

    /** The code an authenticator shows `offsetSeconds` from the service's now. */
    function codeAt(offsetSeconds = 0): Promise<string> {
      return generate({
        secret: TOTP_SECRET,
        epoch: Math.floor(clock.now().getTime() / 1000) + offsetSeconds,
      });
    }

    async function wrongCode(): Promise<string> {
      const right = await codeAt();
      return String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    }

    it('asks for the code when only the password is given, and opens no session', async () => {
      const staff = await staffWith('totp');
      const result = await attempt(server.url, staff.email, staff.password);
      expect(result.__typename).toBe('SecondFactorRequiredError');
      expect(result.errorCode).toBe('SECOND_FACTOR_REQUIRED');
      expect(await app.orm.em.fork().count(Session, { user: staff.userId })).toBe(0);
    });

    it('signs in with the right password and the current code', async () => {
      const staff = await staffWith('totp');
      const result = await attempt(server.url, staff.email, staff.password, await codeAt());
      expect(result.__typename).toBe('LoginSuccess');
      expect((await gql(server.url, ME, {}, result.token)).data.me.id).toBe(String(staff.staffId));
    });

    it('accepts the codes of the neighbouring 30-second steps, not older ones', async () => {
      const early = await staffWith('totp');
      expect((await attempt(server.url, early.email, early.password, await codeAt(-30))).__typename).toBe(
        'LoginSuccess',
      );
      const late = await staffWith('totp');
      expect((await attempt(server.url, late.email, late.password, await codeAt(30))).__typename).toBe(
        'LoginSuccess',
      );
      const stale = await staffWith('totp');
      expect((await attempt(server.url, stale.email, stale.password, await codeAt(-90))).__typename).toBe(
        'InvalidCredentialsError',
      );
    });

    it('answers a wrong password as usual, without saying that a code would be needed', async () => {
      const staff = await staffWith('totp');
      const withoutCode = await attempt(server.url, staff.email, 'not-the-password');
      const withCode = await attempt(server.url, staff.email, 'not-the-password', await codeAt());
      expect(withoutCode.__typename).toBe('InvalidCredentialsError');
      expect(withCode).toEqual(withoutCode);
    });

    it('refuses a wrong code like a wrong password', async () => {
      const staff = await staffWith('totp');
      const result = await attempt(server.url, staff.email, staff.password, await wrongCode());
      expect(result.__typename).toBe('InvalidCredentialsError');
      expect(await app.orm.em.fork().count(Session, { user: staff.userId })).toBe(0);
    });

    it('accepts a code once only, on every instance of the service', async () => {
      const other = await createTestApp(database, { clock, migrate: false });
      const otherServer = await startServer(other, { port: 0, host: '127.0.0.1' });
      try {
        const staff = await staffWith('totp');
        const code = await codeAt();
        expect((await attempt(server.url, staff.email, staff.password, code)).__typename).toBe(
          'LoginSuccess',
        );
        expect((await attempt(server.url, staff.email, staff.password, code)).__typename).toBe(
          'InvalidCredentialsError',
        );
        expect((await attempt(otherServer.url, staff.email, staff.password, code)).__typename).toBe(
          'InvalidCredentialsError',
        );

        // The same fresh code sent to both instances at once: one sign-in, one refusal.
        const racer = await staffWith('totp');
        const fresh = await codeAt();
        const both = await Promise.all(
          [server.url, otherServer.url].map((url) => attempt(url, racer.email, racer.password, fresh)),
        );
        expect(both.map((r) => r.__typename).sort()).toEqual(['InvalidCredentialsError', 'LoginSuccess']);
      } finally {
        await otherServer.close();
        await other.close();
      }
    });

    it('counts wrong codes towards the lockout: five lock', async () => {
      const staff = await staffWith('totp');
      for (let i = 0; i < 5; i += 1) {
        expect((await attempt(server.url, staff.email, staff.password, await wrongCode())).__typename).toBe(
          'InvalidCredentialsError',
        );
      }
      const locked = await attempt(server.url, staff.email, staff.password, await codeAt());
      expect(locked.__typename).toBe('TooManyAttemptsError');
    });

    it('does not reset the count on a right password with a wrong or missing code', async () => {
      const wrong = await staffWith('totp');
      await failTimes(wrong, 4);
      await attempt(server.url, wrong.email, wrong.password, await wrongCode());
      expect((await attempt(server.url, wrong.email, wrong.password, await codeAt())).__typename).toBe(
        'TooManyAttemptsError',
      );

      const missing = await staffWith('totp');
      await failTimes(missing, 4);
      expect((await attempt(server.url, missing.email, missing.password)).__typename).toBe(
        'SecondFactorRequiredError',
      );
      expect((await attempt(server.url, missing.email, missing.password, await codeAt())).__typename).toBe(
        'TooManyAttemptsError',
      );
    });

    it('resets the count on a complete sign-in', async () => {
      const staff = await staffWith('totp');
      for (let i = 0; i < 4; i += 1)
        await attempt(server.url, staff.email, staff.password, await wrongCode());
      expect((await attempt(server.url, staff.email, staff.password, await codeAt())).__typename).toBe(
        'LoginSuccess',
      );
      for (let i = 0; i < 4; i += 1)
        await attempt(server.url, staff.email, staff.password, await wrongCode());
      expect((await attempt(server.url, staff.email, staff.password, await codeAt(30))).__typename).toBe(
        'LoginSuccess',
      );
    });

    it('refuses mOTP, which it does not support, with a result saying so', async () => {
      const staff = await staffWith('motp');
      const result = await attempt(server.url, staff.email, staff.password, '123456');
      expect(result.__typename).toBe('SecondFactorUnsupportedError');
      expect(result.errorCode).toBe('SECOND_FACTOR_UNSUPPORTED');
      expect(result.message).toMatch(/mOTP/);
      expect(await app.orm.em.fork().count(Session, { user: staff.userId })).toBe(0);
      // Only the right password learns that much.
      expect((await attempt(server.url, staff.email, 'not-the-password')).__typename).toBe(
        'InvalidCredentialsError',
      );
    });

    it('never logs a code', async () => {
      const staff = await staffWith('totp');
      const code = await codeAt(30);
      await attempt(server.url, staff.email, staff.password, code);
      await attempt(server.url, staff.email, staff.password, code);
      expect(log.text).not.toContain(code);
      expect(log.text).not.toContain(TOTP_SECRET);
    });
  });

  describe('staff and sign-ins', () => {
    it('gives a users row to at most one staff member, so a session names exactly one', async () => {
      const staff = await newStaff();
      const second = app.orm.em.fork().insert(Staff, {
        user: staff.userId,
        firstName: 'Second',
        lastName: 'Staff',
        email: `second-${staff.email}`,
        status: 'active',
      });
      await expect(second).rejects.toThrow(UniqueConstraintViolationException);
      expect(await app.orm.em.fork().count(Staff, { user: staff.userId })).toBe(1);
    });

    it("acts in the lowest-numbered company of the staff groups, with that company's permissions only", async () => {
      const lower = await createCompany(app);
      const higher = await createCompany(app);
      // A group that grants nothing still puts its member in its company.
      const empty = await createStaffGroup(app, lower.id, []);
      const viewers = await createStaffGroup(app, lower.id, [Permission.viewClients]);
      const deleters = await createStaffGroup(app, higher.id, [Permission.deleteClients]);
      const staff = await createStaff(app, { groupIds: [deleters.id, empty.id, viewers.id] });

      const result = await attempt(server.url, staff.email, staff.password);
      expect(result.staff.permissions).toEqual([Permission.viewClients]);
      const identity = await identityFromToken(
        app,
        app.orm.em.fork(),
        await signIn(server.url, staff.email, staff.password),
      );
      expect(identity).toMatchObject({ staffId: staff.staffId, userId: staff.userId, companyId: lower.id });
      expect([...identity!.permissions]).toEqual([Permission.viewClients]);

      const onlyEmpty = await createStaff(app, { groupIds: [empty.id, deleters.id] });
      expect((await attempt(server.url, onlyEmpty.email, onlyEmpty.password)).staff.permissions).toEqual([]);
    });

    it('refuses a staff member in no staff group like a wrong password', async () => {
      const staff = await createStaff(app, { groupIds: [] });
      expect((await attempt(server.url, staff.email, staff.password)).__typename).toBe(
        'InvalidCredentialsError',
      );
    });
  });

  describe('logs', () => {
    it('never contain a password or a token, even after failures', async () => {
      const staff = await newStaff();
      const token = await signIn(server.url, staff.email, staff.password);
      await failTimes(staff, 1);
      await gql(server.url, LOGIN, { email: 'nobody@example.com', password: staff.password });
      await gql(server.url, ME, {}, token);
      const failing = await gql(server.url, `query Failing { failingQuery }`, {}, token, {
        'x-request-id': 'req-logs-1',
      });
      expect(failing.errors?.[0]).toMatchObject({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      // A password sent where the schema expects something else is not echoed back either.
      const coercion = await gql(server.url, LOGIN, { email: staff.email, password: 123456789 });
      expect(JSON.stringify(coercion.errors)).not.toContain('123456789');

      // The log did capture this request: the masked error is there, with its request id.
      const failure = log.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request failed');
      expect(failure).toMatchObject({ reqId: 'req-logs-1' });
      expect(JSON.stringify(failure)).toContain('no_such_table');
      expect(log.text).toContain('"operation":"Login"');

      for (const someone of [...everyStaff, staff]) expect(log.text).not.toContain(someone.password);
      expect(log.text).not.toContain(token);
      expect(log.text).not.toContain(TEST_AUTH_HMAC_KEY);
      expect(log.text).not.toContain('123456789');
    });
  });
});

describe('the sign-in hash key', () => {
  const scratch: string[] = [];
  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  function sqliteConfig(env: Record<string, string> = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'erasure-key-'));
    scratch.push(dir);
    const config = testConfig({ driver: 'sqlite', file: join(dir, 'data', 'db.sqlite') }, env);
    return { dir, config: { ...config, authHmacKey: env.AUTH_HMAC_KEY ?? null } };
  }

  it('is required with MariaDB, and the refusal names the setting without connecting', async () => {
    const config = {
      ...testConfig({ driver: 'mysql', url: 'mysql://nobody@127.0.0.1:1/none', dbName: 'none' }),
      authHmacKey: null,
    };
    await expect(createApp(config)).rejects.toThrow(ConfigError);
    await expect(createApp(config)).rejects.toThrow(/^AUTH_HMAC_KEY: required with a MariaDB/);
  });

  it('is generated once beside the embedded SQLite database, readable by its owner only', async () => {
    const { dir, config } = sqliteConfig();
    const first = await createApp(config, { migrate: false, logger: createLogger('silent') });
    const second = await createApp(config, { migrate: false, logger: createLogger('silent') });
    try {
      const file = join(dir, 'data', SIGN_IN_KEY_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
      // Restarts count attempts under the same names.
      expect(second.signInHasher.subjectOf('Ada@Example.com')).toBe(
        first.signInHasher.subjectOf(' ada@example.com'),
      );
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('is AUTH_HMAC_KEY when set, and names the same email differently under another key', () => {
    const hashes = ['a', 'b'].map((c) => signInHasher(c.repeat(32)).subjectOf('ada@example.com'));
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(hashes[1]).not.toBe(hashes[0]);
    const { config } = sqliteConfig({ AUTH_HMAC_KEY: 'k'.repeat(40) });
    expect(config.authHmacKey).toBe('k'.repeat(40));
  });
});
