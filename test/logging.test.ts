import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import { createApp } from '../src/app';
import type { DatabaseConfig } from '../src/config';
import { ClientDeletionPreviewDocument, DeleteClientDocument, LoginDocument } from '../src/generated/graphql';
import { createLogger } from '../src/logger';
import type { CompanyFixtures } from '../src/seed/company-fixtures';
import { fullShapeCounts, generateClient } from '../src/seed/client-generator';
import { startServer, type RunningServer } from '../src/server';
import { LogCapture, createTestApp, testConfig } from './support/app';
import { describeEachDatabase } from './support/databases';
import { createCompanyWithStaff, type StaffFixture } from './support/fixtures';
import { servedCompany } from './support/deletion';

/** A log line as pino writes it. */
interface LogLine {
  level: number;
  time: number;
  msg: string;
  reqId?: string;
  [key: string]: unknown;
}

const LEVELS = { debug: 20, info: 30, warn: 40, error: 50 };

/**
 * Lines the outbox writes once a deletion has committed: they run after the request, in the
 * background, and carry the deletion's id instead of a request id.
 */
const BACKGROUND_MESSAGES = new Set(['after-commit event delivered']);

/** One request through a typed document; returns the result and the request id the server used. */
async function send<TResult, TVariables>(
  server: RunningServer,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  options: { token?: string; requestId?: string } = {},
): Promise<{ data: TResult; requestId: string }> {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data: TResult; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return { data: body.data, requestId: String(response.headers.get('x-request-id')) };
}

function parse(lines: readonly string[]): LogLine[] {
  return lines.map((line) => {
    let parsed: unknown;
    expect(() => (parsed = JSON.parse(line)), line).not.toThrow();
    return parsed as LogLine;
  });
}

async function signIn(server: RunningServer, staff: StaffFixture, requestId?: string) {
  const { data, requestId: used } = await send(
    server,
    LoginDocument,
    { email: staff.email, password: staff.password },
    { requestId },
  );
  if (data.login.__typename !== 'LoginSuccess') throw new Error(`sign-in failed: ${data.login.__typename}`);
  return { token: data.login.token, requestId: used };
}

describeEachDatabase('logs', (db) => {
  let database: DatabaseConfig;
  let log: LogCapture;
  let app: App;
  let server: RunningServer;
  let staff: StaffFixture;
  let fixtures: CompanyFixtures;

  beforeAll(async () => {
    database = await db.create();
    log = new LogCapture();
    app = await createTestApp(database, { log });
    ({ staff, fixtures, server } = await servedCompany(app, 'Logging Hosting'));
  });

  afterAll(async () => {
    await server?.close();
    await app?.close();
    await db.drop();
  });

  describe('a sign-in, a preview and a deletion', () => {
    const MARKER = 'Zq7LogMarker';
    let lines: LogLine[];
    let raw: string;
    let token: string;
    let ids: { login: string; preview: string; delete: string };
    let client: Awaited<ReturnType<typeof generateClient>>;

    beforeAll(async () => {
      const plugins = app.config.plugins;
      client = await generateClient(app.orm.em.fork(), fixtures, {
        counts: fullShapeCounts(plugins, { recurring: false }),
        plugins,
        marker: MARKER,
        primaryContact: { firstName: 'Lorna', lastName: 'Logsecret', company: 'Privacy Matters Ltd' },
      });
      const from = log.lines.length;

      // The sign-in gets a request id from the server; the others bring their own.
      const login = await signIn(server, staff);
      token = login.token;
      const preview = await send(
        server,
        ClientDeletionPreviewDocument,
        { clientId: String(client.clientId) },
        { token, requestId: 'log-test-preview' },
      );
      if (preview.data.clientDeletionPreview.__typename !== 'ClientDeletionPreview')
        throw new Error('no preview');
      const deletion = await send(
        server,
        DeleteClientDocument,
        {
          id: String(client.clientId),
          password: staff.password,
          previewToken: preview.data.clientDeletionPreview.previewToken,
        },
        { token, requestId: 'log-test-delete' },
      );
      expect(deletion.data.deleteClient.__typename).toBe('ClientDeleted');
      // Let the after-commit work finish, so its lines are part of what is checked.
      await app.outbox.drain();

      ids = { login: login.requestId, preview: preview.requestId, delete: deletion.requestId };
      raw = log.lines.slice(from).join('\n');
      lines = parse(log.lines.slice(from));
    });

    it('are JSON objects with a level, a time and a message', () => {
      expect(lines.length).toBeGreaterThanOrEqual(4);
      for (const line of lines) {
        expect(line).toMatchObject({
          level: expect.any(Number),
          time: expect.any(Number),
          msg: expect.any(String),
        });
        expect(line.service).toBe('client-erasure');
      }
    });

    it('carry the request id on every line written for a request', () => {
      expect(ids.login).toMatch(/^[0-9a-f-]{36}$/);
      expect(ids).toMatchObject({ preview: 'log-test-preview', delete: 'log-test-delete' });
      const unattributed = lines.filter((l) => l.reqId === undefined && !BACKGROUND_MESSAGES.has(l.msg));
      expect(unattributed).toEqual([]);
      for (const line of lines.filter((l) => l.reqId !== undefined)) {
        expect(Object.values(ids)).toContain(line.reqId);
      }
      // Each request ends with one summary line naming its operation.
      for (const [operation, reqId] of [
        ['Login', ids.login],
        ['ClientDeletionPreview', ids.preview],
        ['DeleteClient', ids.delete],
      ]) {
        const summaries = lines.filter((l) => l.reqId === reqId && l.msg === 'graphql request');
        expect(summaries, operation).toHaveLength(1);
        expect(summaries[0]).toMatchObject({ operation, status: 200, durationMs: expect.any(Number) });
      }
      expect(lines.find((l) => l.msg === 'signed in')).toMatchObject({
        reqId: ids.login,
        staffId: staff.staffId,
      });
    });

    it('record the deletion with its duration and per-table counts', () => {
      const deleted = lines.filter((l) => l.msg === 'client deleted');
      expect(deleted).toHaveLength(1);
      const expected = Object.fromEntries(Object.entries(client.counts).filter(([, n]) => n > 0));
      expect(deleted[0]).toMatchObject({
        reqId: ids.delete,
        level: LEVELS.info,
        clientId: client.clientId,
        staffId: staff.staffId,
        total: client.total,
        durationMs: expect.any(Number),
      });
      expect(deleted[0].counts).toEqual(expected);
    });

    it('hold no password, token or personal data of the client', () => {
      expect(raw).not.toContain(staff.password);
      expect(raw).not.toContain(token);
      expect(raw).not.toContain(MARKER);
      for (const email of client.contactEmails) expect(raw).not.toContain(email);
      for (const text of ['Lorna', 'Logsecret', 'Privacy Matters']) expect(raw).not.toContain(text);
    });
  });

  describe('LOG_LEVEL', () => {
    it('sets the level of the service logger', async () => {
      const quiet = await createApp(testConfig(database, { LOG_LEVEL: 'warn' }), { migrate: false });
      try {
        expect(quiet.logger.level).toBe('warn');
      } finally {
        await quiet.close();
      }
    });

    it('drops the lines below it and keeps the others, with their request id', async () => {
      const quietLog = new LogCapture();
      const config = testConfig(database, { LOG_LEVEL: 'warn' });
      const quiet = await createApp(config, {
        migrate: false,
        logger: createLogger(config.logLevel, quietLog.stream),
      });
      const quietServer = await startServer(quiet, { port: 0, host: '127.0.0.1' });
      try {
        const { staff: someone } = await createCompanyWithStaff(quiet, ['admin_clients.view']);
        await signIn(quietServer, someone, 'quiet-ok');
        // The fifth failure locks the user; the next attempt is refused with a warning.
        const wrong = { ...someone, password: `${someone.password}-wrong` };
        for (let i = 0; i < 6; i += 1) {
          await send(
            quietServer,
            LoginDocument,
            { email: wrong.email, password: wrong.password },
            {
              requestId: `quiet-${i}`,
            },
          );
        }
        const lines = parse(quietLog.lines);
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.every((l) => l.level >= LEVELS.warn)).toBe(true);
        expect(lines.find((l) => l.msg === 'sign-in refused: too many failed attempts')).toMatchObject({
          reqId: 'quiet-5',
          level: LEVELS.warn,
        });
        expect(lines.some((l) => l.reqId === 'quiet-ok')).toBe(false);
      } finally {
        await quietServer.close();
        await quiet.close();
      }
    });
  });
});
