import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, getIntrospectionQuery, getOperationAST, parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import { LoginDocument } from '../src/generated/graphql';
import {
  checkQueryCost,
  CLIENT_DELETION_PREVIEW_COST,
  COST_ESTIMATORS,
  estimateQueryCost,
  MAX_ALIASES,
  MAX_DIRECTIVES,
  MAX_QUERY_COST,
  MAX_QUERY_DEPTH,
  MAX_QUERY_SELECTIONS,
  MAX_QUERY_TOKENS,
  QUERY_REFUSED,
  SCHEMA_INTROSPECTION_COST,
} from '../src/graphql/limits';
import { ROOT, buildService, freePort } from './support/built-service';
import { createTestApp } from './support/app';

// The limits are checked against the service as it runs in production: compiled by tsc and started
// with node in a process of its own. A request that blocks the service's event loop (as a
// fragment bomb did) cannot block the test as well: the request's timeout fires and the test fails.

const PASSWORD = 'demo-password';
const ADMIN = 'admin@example.com';
/**
 * Every request must be answered within this bound. Refusals take milliseconds; the bound only
 * turns a service stuck on a request into a failed test instead of a hung run.
 */
const ANSWER_BOUND_MS = 5_000;

interface Answer {
  status: number;
  /** The response body as sent. */
  text: string;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

/** `node dist/src/main.js` on a scratch SQLite database with the demo company, its log lines kept. */
class Service {
  readonly lines: string[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      this.lines.push(...lines);
    });
  }

  static async start(mainJs: string, env: NodeJS.ProcessEnv): Promise<Service> {
    const port = await freePort();
    const child = spawn(process.execPath, [mainJs], {
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const service = new Service(child, `http://127.0.0.1:${port}/graphql`);
    const deadline = Date.now() + 60_000;
    while (!service.lines.some((line) => line.includes('ready at'))) {
      if (child.exitCode !== null) throw new Error(`the service exited:\n${service.lines.join('\n')}`);
      if (Date.now() > deadline) throw new Error(`the service did not start:\n${service.lines.join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return service;
  }

  /**
   * Messages the service logged for one request, by its x-request-id. Waits for the request's
   * last line ("graphql request", written as the answer goes out): the log reaches the pipe a
   * moment after the answer.
   */
  async messagesOf(requestId: string): Promise<string[]> {
    const deadline = Date.now() + ANSWER_BOUND_MS;
    for (;;) {
      const messages = this.lines.flatMap((line) => {
        try {
          const entry = JSON.parse(line) as { reqId?: string; msg?: string };
          return entry.reqId === requestId && entry.msg ? [entry.msg] : [];
        } catch {
          return [];
        }
      });
      if (messages.includes('graphql request')) return messages;
      if (Date.now() > deadline) throw new Error(`request ${requestId} was not logged`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe('request limits', () => {
  let buildDir: string;
  let dataDir: string;
  let service: Service;
  let database: App;
  let token: string;
  let clientId: string;

  /** POSTs a GraphQL request; fails the test when no answer comes within ANSWER_BOUND_MS. */
  async function post(
    body: Record<string, unknown>,
    options: { token?: string; requestId?: string } = {},
  ): Promise<Answer> {
    const started = Date.now();
    try {
      const response = await fetch(service.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(ANSWER_BOUND_MS),
      });
      const text = await response.text();
      return { status: response.status, text, body: JSON.parse(text) as Answer['body'] };
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') {
        throw new Error(`no answer within ${ANSWER_BOUND_MS} ms (after ${Date.now() - started} ms)`);
      }
      throw error;
    }
  }

  const query = (text: string, variables?: Record<string, unknown>) =>
    post({ query: text, ...(variables ? { variables } : {}) });
  const asAdmin = (text: string, variables?: Record<string, unknown>) =>
    post({ query: text, ...(variables ? { variables } : {}) }, { token });

  /**
   * A refusal: HTTP 400, nothing executed (no `data` at all, as for any request error), every
   * error QUERY_REFUSED, and the messages returned for the test to check.
   */
  function expectRefused(answer: Answer): string[] {
    expect(answer.status, answer.text.slice(0, 500)).toBe(400);
    expect(answer.body).not.toHaveProperty('data');
    const codes = (answer.body.errors ?? []).map((e) => e.extensions?.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(
      codes.every((code) => code === QUERY_REFUSED),
      JSON.stringify(answer.body.errors),
    ).toBe(true);
    return (answer.body.errors ?? []).map((e) => e.message);
  }

  function expectAnswered(answer: Answer): void {
    expect(answer.status, answer.text.slice(0, 500)).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  }

  async function signInAttempts(): Promise<number> {
    const [row] = await database.orm.em
      .fork()
      .execute<{ n: number }[]>('SELECT COUNT(*) AS n FROM log_users');
    return Number(row.n);
  }

  beforeAll(async () => {
    // A tsc build of src/ and scripts/, as deployed.
    buildDir = await buildService('erasure-limits-build-');
    dataDir = mkdtempSync(join(tmpdir(), 'erasure-limits-'));
    const sqliteFile = join(dataDir, 'service.sqlite');
    service = await Service.start(join(buildDir, 'src/main.js'), {
      PATH: process.env.PATH,
      NODE_PATH: join(ROOT, 'node_modules'),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      SQLITE_FILE: sqliteFile,
      ATTACHMENTS_DIR: join(dataDir, 'attachments'),
      BCRYPT_ROUNDS: '4',
      LOG_LEVEL: 'info',
    });
    // A second connection to the service's database, to count sign-in attempts.
    database = await createTestApp({ driver: 'sqlite', file: sqliteFile }, { migrate: false });

    const login = await post({
      query: print(LoginDocument),
      variables: { email: ADMIN, password: PASSWORD },
    });
    token = (login.body.data?.login as { token: string }).token;
    const clients = await asAdmin(`{ clients(first: 1) { edges { node { id } } } }`);
    clientId = (clients.body.data?.clients as { edges: { node: { id: string } }[] }).edges[0].node.id;
  });

  afterAll(async () => {
    if (service?.child.exitCode === null) service.child.kill('SIGKILL');
    await database?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  describe('depth', () => {
    /** `__type(name: "Query")` with `ofType` nested until the query is `depth` deep. */
    const ofTypeChain = (depth: number) =>
      `{ __type(name: "Query") { ${'ofType { '.repeat(depth - 2)}name${' }'.repeat(depth - 2)} } }`;

    it(`refuses a query deeper than ${MAX_QUERY_DEPTH}, introspection included`, async () => {
      expectAnswered(await query(ofTypeChain(MAX_QUERY_DEPTH)));
      const messages = expectRefused(await query(ofTypeChain(MAX_QUERY_DEPTH + 1)));
      expect(messages).toEqual([
        `Query depth ${MAX_QUERY_DEPTH + 1} exceeds the maximum of ${MAX_QUERY_DEPTH}.`,
      ]);
    });

    it('counts each fragment once: thirty fragments, each spreading the next twice, are refused at once', async () => {
      // Walked spread by spread, this is 2^30 paths deep down `ofType`.
      const fragments = Array.from(
        { length: 30 },
        (_, i) => `fragment F${i} on __Type { ofType { ...F${i + 1} ...F${i + 1} } }`,
      );
      const bomb = `{ __type(name: "Query") { ...F0 } } ${fragments.join(' ')} fragment F30 on __Type { name }`;
      expect(bomb.length).toBeLessThan(2_000);
      const messages = expectRefused(await query(bomb));
      expect(messages).toEqual([`Query depth 32 exceeds the maximum of ${MAX_QUERY_DEPTH}.`]);
    });
  });

  describe('selections (fragments expanded)', () => {
    it(`refuses more than ${MAX_QUERY_SELECTIONS}: thirty fragments, each spreading the next twice side by side`, async () => {
      // 1.2 KB that expand to 2^30 selections; graphql-depth-limit walked them all and never answered.
      const fragments = Array.from(
        { length: 30 },
        (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
      );
      const bomb = `{ ...F0 } ${fragments.join(' ')} fragment F30 on Query { __typename }`;
      expect(bomb.length).toBeLessThan(1_300);
      const messages = expectRefused(await query(bomb));
      expect(messages).toEqual([
        `Query exceeds the maximum of ${MAX_QUERY_SELECTIONS} selections once its fragments are expanded.`,
      ]);
    });
  });

  describe('aliases', () => {
    const aliased = (count: number) =>
      `{ ${Array.from({ length: count }, (_, i) => `t${i}: __typename`).join(' ')} }`;

    it(`refuses more than ${MAX_ALIASES} aliases, aliased __typename included`, async () => {
      expectAnswered(await query(aliased(MAX_ALIASES)));
      const messages = expectRefused(await query(aliased(MAX_ALIASES + 1)));
      expect(messages).toEqual([`Alias count ${MAX_ALIASES + 1} exceeds the maximum of ${MAX_ALIASES}.`]);
    });

    it('refuses a 95 KB aliased introspection query with a short answer', async () => {
      const introspection = getIntrospectionQuery();
      const fragments = introspection.slice(introspection.indexOf('fragment FullType'));
      const copies: string[] = [];
      while (copies.join(' ').length < 95_000)
        copies.push(`s${copies.length}: __schema { types { ...FullType } }`);
      const answer = await query(`query Aliased { ${copies.join(' ')} } ${fragments}`);
      expectRefused(answer);
      expect(answer.text.length).toBeLessThan(1_000);
    });
  });

  describe('directives', () => {
    const directed = (count: number) => `{ ${'__typename @include(if: true) '.repeat(count)}}`;

    it(`refuses more than ${MAX_DIRECTIVES} directives`, async () => {
      expectAnswered(await query(directed(MAX_DIRECTIVES)));
      const messages = expectRefused(await query(directed(MAX_DIRECTIVES + 1)));
      expect(messages).toEqual([
        `Directive count ${MAX_DIRECTIVES + 1} exceeds the maximum of ${MAX_DIRECTIVES}.`,
      ]);
    });
  });

  describe('tokens', () => {
    const TOKEN_REFUSAL = `Query exceeds the maximum of ${MAX_QUERY_TOKENS} tokens.`;

    /** A document of exactly `tokens` tokens: operations `query Qn { __typename }`, five tokens each. */
    const document = (tokens: number) => {
      const count = Math.floor(tokens / 5);
      const extra = '__typename '.repeat(tokens - 5 * count);
      return Array.from(
        { length: count },
        (_, i) => `query Q${i} { ${i === 0 ? extra : ''}__typename }`,
      ).join(' ');
    };

    it(`refuses a document of more than ${MAX_QUERY_TOKENS} tokens with HTTP 400`, async () => {
      expectAnswered(await post({ query: document(MAX_QUERY_TOKENS), operationName: 'Q0' }));
      expect(
        expectRefused(await post({ query: document(MAX_QUERY_TOKENS + 1), operationName: 'Q0' })),
      ).toEqual([TOKEN_REFUSAL]);
    });

    it.each([
      ['never closed', `{ ${'__typename '.repeat(MAX_QUERY_TOKENS)}`],
      ['an unterminated string after the limit', `{ ${'__typename '.repeat(MAX_QUERY_TOKENS)} "`],
      ['a stray character after the limit', `{ ${'__typename '.repeat(MAX_QUERY_TOKENS)} ^ }`],
    ])(
      'refuses a malformed document over the limit (%s) with the token message and HTTP 400',
      async (_name, text) => {
        expect(expectRefused(await query(text))).toEqual([TOKEN_REFUSAL]);
      },
    );

    it.each([['}'], ['{ ^ }'], ['{ "unterminated'], ['{'.repeat(MAX_QUERY_TOKENS - 1)]])(
      'answers the malformed document %j within the limit as a parse failure, HTTP 400',
      async (text) => {
        const answer = await query(text);
        expect(answer.status).toBe(400);
        expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
      },
    );

    it('refuses 50 aliased pages of 100 clients hidden among 10,000 aliased __typename', async () => {
      const pages = Array.from(
        { length: 50 },
        (_, i) => `c${i}: clients(first: 100) { edges { node { id } } }`,
      );
      const noise = Array.from({ length: 10_000 }, (_, i) => `t${i}: __typename`);
      noise.splice(5_000, 0, ...pages);
      const answer = await asAdmin(`{ ${noise.join(' ')} }`);
      expect(expectRefused(answer)).toEqual([TOKEN_REFUSAL]);
    });
  });

  describe('cost', () => {
    const page = `edges { cursor node { id idCode status primaryContact { email } invoiceCount serviceCount } }`;

    it('prices a page by its size, from the variables too', async () => {
      const twoPages = `query Pages($n: Int) { a: clients(first: $n) { ${page} } b: clients(first: $n) { ${page} } }`;
      expectAnswered(await asAdmin(twoPages, { n: 10 }));
      const [message] = expectRefused(await asAdmin(twoPages, { n: 100 }));
      expect(message).toMatch(new RegExp(`^Query cost \\d+ exceeds the maximum of ${MAX_QUERY_COST}\\.$`));
    });

    it('refuses fifty aliased pages of 100 clients', async () => {
      const pages = Array.from(
        { length: 50 },
        (_, i) => `c${i}: clients(first: 100) { edges { node { id } } }`,
      );
      expectRefused(await asAdmin(`{ ${pages.join(' ')} }`));
    });

    const previews = (count: number) =>
      `{ ${Array.from(
        { length: count },
        (_, i) =>
          `p${i}: clientDeletionPreview(clientId: "${clientId}") { __typename ... on ClientDeletionPreview { total previewToken } }`,
      ).join(' ')} }`;

    it('answers one preview and as many as three', async () => {
      const one = await asAdmin(previews(1));
      expectAnswered(one);
      expect(one.body.data?.p0).toMatchObject({ __typename: 'ClientDeletionPreview' });
      expectAnswered(
        await asAdmin(previews(Math.floor(MAX_QUERY_COST / (CLIENT_DELETION_PREVIEW_COST + 2)))),
      );
    });

    it('refuses a fourth preview in one request, and dozens', async () => {
      const [message] = expectRefused(await asAdmin(previews(4)));
      expect(message).toMatch(new RegExp(`^Query cost \\d+ exceeds the maximum of ${MAX_QUERY_COST}\\.$`));
      expectRefused(await asAdmin(previews(24)));
    });

    it('refuses two full introspections in one request', async () => {
      const introspection = getIntrospectionQuery();
      const fragments = introspection.slice(introspection.indexOf('fragment FullType'));
      const twice = `query Twice { a: __schema { types { ...FullType } } b: __schema { types { ...FullType } } } ${fragments}`;
      const [message] = expectRefused(await query(twice));
      expect(message).toMatch(new RegExp(`^Query cost \\d+ exceeds the maximum of ${MAX_QUERY_COST}\\.$`));
    });

    it.each([
      ['a string for an Int', { first: 'many' }],
      ['an Int out of range', { first: 2 ** 40 }],
    ])('leaves variables that do not coerce (%s) to BAD_USER_INPUT', async (_name, variables) => {
      const answer = await query(
        `query Page($first: Int) { clients(first: $first) { totalCount } }`,
        variables,
      );
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('once per request: login and deleteClient', () => {
    const login = (alias: string) =>
      `${alias}: login(email: "${ADMIN}", password: "${PASSWORD}") { __typename }`;

    it('refuses a hundred aliased logins without trying a single password', async () => {
      const before = await signInAttempts();
      const requestId = `limits-${randomUUID()}`;
      const logins = Array.from({ length: 100 }, (_, i) => login(`l${i}`));
      expectRefused(await post({ query: `mutation { ${logins.join(' ')} }` }, { requestId }));
      expect(await signInAttempts()).toBe(before);
      expect(await service.messagesOf(requestId)).toEqual(['graphql request']);
    });

    it.each([
      ['two aliases', `mutation { ${login('a')} ${login('b')} }`],
      ['a fragment', `mutation { ${login('a')} ...L } fragment L on Mutation { ${login('b')} }`],
      ['the same fragment twice', `mutation { ...L ...L } fragment L on Mutation { ${login('a')} }`],
      ['an inline fragment', `mutation { ${login('a')} ... on Mutation { ${login('b')} } }`],
      ['a skipped inline fragment', `mutation { ${login('a')} ... @skip(if: true) { ${login('b')} } }`],
    ])('refuses two logins in one request (%s)', async (_name, text) => {
      const before = await signInAttempts();
      expect(expectRefused(await query(text))).toContain(
        'Mutation login appears 2 times; the maximum is 1 per request.',
      );
      expect(await signInAttempts()).toBe(before);
    });

    it('runs one login (the example operation)', async () => {
      const before = await signInAttempts();
      const requestId = `limits-${randomUUID()}`;
      const answer = await post(
        { query: print(LoginDocument), variables: { email: ADMIN, password: PASSWORD } },
        { requestId },
      );
      expectAnswered(answer);
      expect(answer.body.data?.login).toMatchObject({ __typename: 'LoginSuccess' });
      expect(await signInAttempts()).toBe(before + 1);
      expect(await service.messagesOf(requestId)).toContain('signed in');
    });

    it('refuses two deleteClient in one request, before the permission check and without deleting', async () => {
      const remove = (alias: string) =>
        `${alias}: deleteClient(id: "${clientId}", password: "${PASSWORD}") { __typename }`;
      const twice = `mutation { ${remove('a')} ${remove('b')} }`;
      const refusal = 'Mutation deleteClient appears 2 times; the maximum is 1 per request.';
      expect(expectRefused(await query(twice))).toContain(refusal);
      expect(expectRefused(await asAdmin(twice))).toContain(refusal);
      const still = await asAdmin(`{ clientDeletionPreview(clientId: "${clientId}") { __typename } }`);
      expect(still.body.data?.clientDeletionPreview).toEqual({ __typename: 'ClientDeletionPreview' });
    });
  });

  describe('introspection', () => {
    it.each([
      ['default options', {}],
      [
        'every option',
        {
          descriptions: true,
          specifiedByUrl: true,
          directiveIsRepeatable: true,
          schemaDescription: true,
          inputValueDeprecation: true,
          oneOf: true,
        },
      ],
    ])("answers graphql-js's getIntrospectionQuery() (%s) without a token", async (_name, options) => {
      const answer = await query(getIntrospectionQuery(options));
      expectAnswered(answer);
      const types = (answer.body.data?.__schema as { types: { name: string }[] }).types.map((t) => t.name);
      expect(types).toEqual(expect.arrayContaining(['Client', 'LoginResult', 'DateTime']));
    });
  });

  describe('persisted queries (off)', () => {
    const text = '{ __typename }';
    const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

    it.each([
      ['a hash that does not match the query', { query: text, hash: sha256('{ me { id } }') }],
      ['the hash of the query', { query: text, hash: sha256(text) }],
      ['a hash without a query', { query: undefined, hash: sha256(text) }],
    ])('answers %s with HTTP 400 and PERSISTED_QUERY_NOT_SUPPORTED', async (_name, request) => {
      const answer = await post({
        ...(request.query ? { query: request.query } : {}),
        extensions: { persistedQuery: { version: 1, sha256Hash: request.hash } },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_SUPPORTED']);
      expect(answer.text).not.toContain('INTERNAL_SERVER_ERROR');
    });
  });

  describe('every example operation passes', () => {
    const examples = [
      'clients',
      'client-deletions',
      'client-deletion-preview',
      'client',
      'me',
      'delete-client',
    ];

    it.each(examples)('examples/%s.graphql, with full pages', async (name) => {
      const text = readFileSync(join(ROOT, 'examples', `${name}.graphql`), 'utf8');
      // An unknown id: the operation runs, and nothing is deleted.
      const variables = { first: 100, id: '999999', clientId: '999999', password: 'wrong-password' };
      const answer = await asAdmin(text, variables);
      expect(answer.status, answer.text.slice(0, 500)).toBe(200);
      expect(answer.body.errors).toBeUndefined();
    });
  });
});

describe('checkQueryCost (the estimator fails closed)', () => {
  const schema = buildSchema(readFileSync(join(ROOT, 'schema.graphql'), 'utf8'));
  const input = (text: string, variables: Record<string, unknown> = {}) => {
    const document = parse(text);
    const operation = getOperationAST(document);
    if (!operation) throw new Error('no operation');
    return { schema, document, operation, variables };
  };
  const check =
    (text: string, estimators = COST_ESTIMATORS, variables: Record<string, unknown> = {}) =>
    () =>
      checkQueryCost(input(text, variables), estimators);
  const cost = (text: string) => estimateQueryCost(input(text));
  const refusal = (message: string | RegExp) =>
    expect.objectContaining({
      message: expect.stringMatching(message),
      extensions: expect.objectContaining({ code: QUERY_REFUSED }),
    });

  it('refuses when the estimator gives up at the selection limit, rather than skipping the check', () => {
    const pages = Array.from(
      { length: 50 },
      (_, i) => `c${i}: clients(first: 100) { edges { node { id } } }`,
    );
    const noise = Array.from({ length: 10_000 }, (_, i) => `t${i}: __typename`);
    expect(check(`{ ${[...noise, ...pages].join(' ')} }`)).toThrow(
      refusal(`maximum of ${MAX_QUERY_SELECTIONS} selections`),
    );
  });

  it('refuses when an estimator throws', () => {
    const broken = () => {
      throw new Error('estimator bug');
    };
    expect(check('{ me { id } }', [broken])).toThrow(refusal(/could not be estimated/));
  });

  it('refuses when no estimator prices a field', () => {
    expect(check('{ me { id } }', [() => undefined])).toThrow(refusal(/could not be estimated/));
  });

  it('counts introspection fields like any other, and prices __schema', () => {
    expect(cost('{ __typename }')).toBe(1);
    expect(cost('{ a: __typename b: __typename }')).toBe(2);
    expect(cost('{ __type(name: "Query") { name fields { name } } }')).toBe(4);
    expect(cost('{ __schema { queryType { name } } }')).toBe(1 + SCHEMA_INTROSPECTION_COST + 2);
  });

  it('prices a page by its size: first from the variables, 20 when absent, at most 100', () => {
    const page = 'query($n: Int) { clients(first: $n) { edges { node { id } } } }';
    const of = (n: unknown) => estimateQueryCost(input(page, n === undefined ? {} : { n }));
    expect([of(undefined), of(null), of(5), of(100), of(1000)]).toEqual([61, 61, 16, 301, 301]);
  });

  it('prices a preview so that three fit in one request and four do not', () => {
    const preview = cost('{ clientDeletionPreview(clientId: "1") { __typename } }');
    expect(preview).toBe(1 + CLIENT_DELETION_PREVIEW_COST + 1);
    expect(3 * preview).toBeLessThanOrEqual(MAX_QUERY_COST);
    expect(4 * preview).toBeGreaterThan(MAX_QUERY_COST);
  });

  it('leaves variables that do not coerce to execution, which answers BAD_USER_INPUT', () => {
    expect(
      check('query($n: Int) { clients(first: $n) { totalCount } }', COST_ESTIMATORS, { n: 'x' }),
    ).not.toThrow();
  });
});
