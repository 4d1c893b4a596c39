import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../examples/client';
import type { DatabaseConfig } from '../src/config';
import { createOrm } from '../src/db/orm';
import { TEST_AUTH_HMAC_KEY } from './support/app';
import { ROOT, buildService, freePort } from './support/built-service';
import { testDatabases } from './support/databases';
import {
  ClientDeletionPreviewDocument,
  ClientDeletionsDocument,
  ClientsDocument,
  DeleteClientDocument,
  LoginDocument,
} from '../src/generated/graphql';

// The service as it runs in production: compiled by tsc (decorator metadata included) and started
// with node, in its own process, so that SIGTERM, the exit code and the timing are real.

const PASSWORD = 'demo-password';
/** src/main.ts gives up after 20 s; a clean stop of an idle or lightly loaded service is far quicker. */
const EXIT_BOUND_MS = 20_000;

/** One run of `node dist/src/main.js`, with its output kept line by line. */
class ServiceProcess {
  readonly output: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  private readonly waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream?.on('data', (chunk: Buffer) => {
        partial += chunk.toString('utf8');
        const lines = partial.split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) this.onLine(line);
      });
    }
    this.exited = new Promise((done) =>
      child.once('exit', (code, signal) => done({ code, signal, at: Date.now() })),
    );
  }

  static async start(mainJs: string, env: NodeJS.ProcessEnv): Promise<ServiceProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [mainJs], {
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(child, `http://127.0.0.1:${port}/graphql`);
    await Promise.race([
      service.waitFor(/ready at /),
      service.exited.then(({ code }) => {
        throw new Error(`the service exited with ${code} before it was ready:\n${service.output.join('\n')}`);
      }),
    ]);
    return service;
  }

  private onLine(line: string) {
    this.output.push(line);
    for (const waiter of [...this.waiters]) {
      if (waiter.pattern.test(line)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  }

  waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const seen = this.output.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise((done, fail) => {
      const timer = setTimeout(
        () =>
          fail(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${this.output.join('\n')}`)),
        timeoutMs,
      );
      this.waiters.push({
        pattern,
        resolve: (line) => {
          clearTimeout(timer);
          done(line);
        },
      });
    });
  }

  /** Messages of the JSON log lines, in order. */
  messages(): string[] {
    return this.output.flatMap((line) => {
      try {
        const parsed = JSON.parse(line) as { msg?: unknown };
        return typeof parsed.msg === 'string' ? [parsed.msg] : [];
      } catch {
        return [];
      }
    });
  }

  terminate(): number {
    this.child.kill('SIGTERM');
    return Date.now();
  }
}

interface HttpOutcome {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Reads a whole response into an {@link HttpOutcome}. */
function readOutcome(
  res: IncomingMessage,
  done: (outcome: HttpOutcome) => void,
  fail: (error: Error) => void,
) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.once('end', () =>
    done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
  );
  res.once('error', fail);
}

/**
 * A POST sent with `Expect: 100-continue`: the body goes only when `send()` is called. The
 * server answers `100 Continue` once it has read the headers and started handling the request,
 * so `accepted` tells the test, without guessing at timing, that the request is in flight.
 */
function heldRequest(url: string, body: string, token: string) {
  const data = Buffer.from(body);
  const target = new URL(url);
  let req!: ClientRequest;
  let accepted!: Promise<void>;
  const outcome = new Promise<HttpOutcome>((done, fail) => {
    req = httpRequest({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': data.length,
        authorization: `Bearer ${token}`,
        expect: '100-continue',
      },
    });
    accepted = new Promise((ok) => req.once('continue', ok));
    req.once('response', (res) => readOutcome(res, done, fail));
    req.once('error', fail);
    req.flushHeaders();
  });
  return { accepted, outcome, send: () => req.end(data) };
}

function deleteBody(id: string, previewToken: string): string {
  return JSON.stringify({
    query: print(DeleteClientDocument),
    variables: { id, password: PASSWORD, previewToken },
  });
}

async function signIn(url: string): Promise<string> {
  const { login } = await request(url, LoginDocument, { email: 'admin@example.com', password: PASSWORD });
  if (login.__typename !== 'LoginSuccess') throw new Error(`demo sign-in failed: ${login.__typename}`);
  return login.token;
}

/** The demo client found by `search`, with its preview. */
async function demoClient(url: string, token: string, search: string) {
  const { clients } = await request(url, ClientsDocument, { search }, token);
  expect(clients.edges, search).toHaveLength(1);
  const id = clients.edges[0].node.id;
  const { clientDeletionPreview: preview } = await request(
    url,
    ClientDeletionPreviewDocument,
    { clientId: id },
    token,
  );
  if (preview.__typename !== 'ClientDeletionPreview') throw new Error(preview.message);
  expect(preview.deletable).toBe(true);
  return { id, preview };
}

/** Either every row of the client is still there, or none is and the audit log has its receipt. */
async function expectAllOrNothing(
  url: string,
  token: string,
  id: string,
  total: number,
): Promise<'deleted' | 'kept'> {
  const { clientDeletionPreview: now } = await request(
    url,
    ClientDeletionPreviewDocument,
    { clientId: id },
    token,
  );
  const { clientDeletions } = await request(url, ClientDeletionsDocument, { first: 50 }, token);
  const receipts = clientDeletions.edges.map((e) => e.node).filter((r) => r.clientId === id);
  if (now.__typename === 'ClientDeletionPreview') {
    expect(now.total).toBe(total);
    expect(receipts).toEqual([]);
    return 'kept';
  }
  expect(now.errorCode).toBe('CLIENT_NOT_FOUND');
  expect(receipts).toHaveLength(1);
  expect(receipts[0].total).toBe(total);
  return 'deleted';
}

/**
 * Whether fresh TCP connections to the service are refused, i.e. it stopped listening. Polled:
 * the signal handler logs before the listening socket is closed.
 */
async function refusesConnections(url: string, withinMs = 5_000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const refused = await new Promise<boolean>((done) => {
      const socket = connect({ host: hostname, port: Number(port) });
      socket.once('connect', () => {
        socket.destroy();
        done(false);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED'));
    });
    if (refused) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

function urlOf(database: DatabaseConfig): string {
  return database.driver === 'sqlite' ? `sqlite:${database.file}` : database.url;
}

/** The tables of a database, read without the service. */
async function tablesIn(database: DatabaseConfig): Promise<string[]> {
  const orm = await createOrm({ database, plugins: [] });
  try {
    const rows = await orm.em
      .fork()
      .execute<{ name: string }[]>(
        database.driver === 'sqlite'
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
          : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
      );
    return rows.map((r) => r.name);
  } finally {
    await orm.close();
  }
}

async function rowCount(database: DatabaseConfig, table: string): Promise<number> {
  const orm = await createOrm({ database, plugins: [] });
  try {
    const [{ n }] = await orm.em.fork().execute<{ n: number }[]>(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(n);
  } finally {
    await orm.close();
  }
}

describe('the built service (node dist/src/main.js)', () => {
  let buildDir: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let mainJs: string;
  const running: ServiceProcess[] = [];

  async function start(): Promise<ServiceProcess> {
    const service = await ServiceProcess.start(mainJs, env);
    running.push(service);
    return service;
  }

  beforeAll(async () => {
    // A tsc build of src/ and scripts/: ts-node or vitest would run a different process.
    buildDir = await buildService('erasure-build-');
    mainJs = join(buildDir, 'src/main.js');
    dataDir = mkdtempSync(join(tmpdir(), 'erasure-shutdown-'));
    env = {
      PATH: process.env.PATH,
      // The build lives outside the project: its require() calls find the project's packages here.
      NODE_PATH: join(ROOT, 'node_modules'),
      // As deployed: production, where Apollo would install signal handlers of its own.
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      SQLITE_FILE: join(dataDir, 'service.sqlite'),
      ATTACHMENTS_DIR: join(dataDir, 'attachments'),
      BCRYPT_ROUNDS: '4',
      LOG_LEVEL: 'info',
    };
  });

  afterAll(async () => {
    for (const service of running) {
      if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGKILL');
    }
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a bad setting at start with one clear line and exit code 1', async () => {
    const run = promisify(execFile)(process.execPath, [mainJs], {
      env: { ...env, PORT: 'eighty', DATABASE_URL: 'mysql://user:s3cret@127.0.0.1:3306/erasure' },
    });
    const failure = await run.then(
      () => null,
      (error: { code?: number; stdout?: string; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    const lines = (failure?.stderr ?? '').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PORT/);
    expect(failure?.stderr).not.toMatch(/s3cret|\s+at /);
  });

  describe('on a configured database (DATABASE_URL)', () => {
    for (const db of testDatabases()) {
      describe(`[${db.name}]`, () => {
        let database: DatabaseConfig;
        let configured: NodeJS.ProcessEnv;

        beforeAll(async () => {
          database = await db.create();
          configured = { ...env, DATABASE_URL: urlOf(database), AUTH_HMAC_KEY: TEST_AUTH_HMAC_KEY };
        });
        afterAll(() => db.drop());

        it('refuses to start while migrations are pending, naming npm run db:migrate, and writes nothing', async () => {
          const failure = await promisify(execFile)(process.execPath, [mainJs], {
            env: configured,
            timeout: 30_000,
          }).then(
            () => null,
            (error: { code?: number; stderr?: string }) => error,
          );
          expect(failure?.code).toBe(1);
          const lines = (failure?.stderr ?? '').trim().split('\n');
          expect(lines).toHaveLength(1);
          expect(lines[0]).toMatch(/pending migration.*run `npm run db:migrate`/);
          expect(await tablesIn(database)).toEqual([]);
        });

        it('starts once `npm run db:migrate` ran, without seeding demo staff', async () => {
          const migrated = await promisify(execFile)(
            process.execPath,
            [join(buildDir, 'scripts/migrate.js')],
            {
              env: configured,
            },
          );
          expect(migrated.stdout).toMatch(/applied \d+ migration/);

          const service = await ServiceProcess.start(mainJs, configured);
          running.push(service);
          expect(service.output.join('\n')).not.toMatch(/Demo sign-in|seeding/);
          const { login } = await request(service.url, LoginDocument, {
            email: 'admin@example.com',
            password: PASSWORD,
          });
          expect(login.__typename).toBe('InvalidCredentialsError');
          expect(await rowCount(database, 'staff')).toBe(0);
          expect(await rowCount(database, 'companies')).toBe(0);
          service.terminate();
          expect((await service.exited).code).toBe(0);
        });
      });
    }
  });

  describe('graceful shutdown (SIGTERM)', () => {
    it('exits 0 promptly when idle, after closing the database', async () => {
      const service = await start(); // first start: migrates and seeds the demo company
      const sent = service.terminate();
      const exit = await service.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at - sent).toBeLessThan(EXIT_BOUND_MS);
      expect(service.messages().slice(-2)).toEqual([
        'shutting down: no new requests, finishing those in progress',
        'stopped',
      ]);
    });

    it('finishes a deletion in flight, refuses new connections meanwhile, then exits 0', async () => {
      const service = await start();
      const token = await signIn(service.url);
      const { id, preview } = await demoClient(service.url, token, 'Deletable');

      const deletion = heldRequest(service.url, deleteBody(id, preview.previewToken), token);
      await deletion.accepted;
      const sent = service.terminate();
      await service.waitFor(/shutting down/);
      expect(await refusesConnections(service.url)).toBe(true);
      deletion.send();

      const response = await deletion.outcome;
      expect(response.status).toBe(200);
      expect(response.headers.connection).toBe('close');
      const result = JSON.parse(response.body) as {
        data: { deleteClient: { __typename: string; receipt: { total: number } } };
      };
      expect(result.data.deleteClient).toMatchObject({
        __typename: 'ClientDeleted',
        receipt: { total: preview.total },
      });
      const exit = await service.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at - sent).toBeLessThan(EXIT_BOUND_MS);
      // The deletion ran after the signal and before the database was closed.
      const messages = service.messages();
      const order = ['shutting down', 'client deleted', 'stopped'].map((m) =>
        messages.findIndex((x) => x.startsWith(m)),
      );
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);

      const after = await start();
      try {
        expect(await expectAllOrNothing(after.url, await signIn(after.url), id, preview.total)).toBe(
          'deleted',
        );
      } finally {
        after.terminate();
        expect((await after.exited).code).toBe(0);
      }
    });

    it('leaves the large client whole or wholly deleted when SIGTERM follows the request at once', async () => {
      const service = await start();
      const token = await signIn(service.url);
      const { id, preview } = await demoClient(service.url, token, 'Large');
      expect(preview.total).toBeGreaterThan(10_000);

      const data = Buffer.from(deleteBody(id, preview.previewToken));
      const target = new URL(service.url);
      const sent: number[] = [];
      const outcome = new Promise<HttpOutcome | Error>((done) => {
        const req = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: 'POST',
            agent: false,
            headers: {
              'content-type': 'application/json',
              'content-length': data.length,
              authorization: `Bearer ${token}`,
            },
          },
          (res) => readOutcome(res, done, done),
        );
        req.once('error', done);
        // SIGTERM as soon as the request has left.
        req.end(data, () => sent.push(service.terminate()));
      });

      const result = await outcome;
      const exit = await service.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at - sent[0]).toBeLessThan(EXIT_BOUND_MS);
      if (!(result instanceof Error)) {
        // An answer is always a complete one: the deletion's receipt, never a masked failure.
        expect(result.status).toBe(200);
        expect(JSON.parse(result.body)).toMatchObject({
          data: { deleteClient: { __typename: 'ClientDeleted', receipt: { total: preview.total } } },
        });
      }

      const after = await start();
      try {
        // A request cut off before it started never runs; one that started is answered.
        const state = await expectAllOrNothing(after.url, await signIn(after.url), id, preview.total);
        expect(state).toBe(result instanceof Error ? 'kept' : 'deleted');
      } finally {
        after.terminate();
        expect((await after.exited).code).toBe(0);
      }
    });
  });
});
