import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { App } from '../src/app';
import { ManualClock } from '../src/clock';
import type { DatabaseConfig } from '../src/config';
import type { RequestContext } from '../src/context';
import { buildAppSchema } from '../src/graphql/schema';
import { MAX_QUERY_COST, MAX_QUERY_DEPTH, QUERY_REFUSED } from '../src/graphql/limits';
import { canDeleteClients, isAuthenticated } from '../src/permissions/rules';
import { PERMISSION_MAPS, mergePermissionMaps } from '../src/permissions/shield';
import { parseId } from '../src/schema/ids';
import { startServer, type RunningServer } from '../src/server';
import { LogCapture, createTestApp } from './support/app';
import { describeEachDatabase } from './support/databases';
import {
  createClient,
  createCompany,
  createStaff,
  createStaffGroup,
  type StaffFixture,
} from './support/fixtures';
import { gql, signIn } from './support/http';

// Test-only fields: one per rule the app does not use yet, one with no rule at all, one that
// fails like a bug would, and a recursive type to reach the depth limit.

@ObjectType()
class Secret {
  @Field()
  value!: string;
}

@ObjectType()
class Nested {
  @Field(() => Int)
  level!: number;

  @Field(() => Nested, { nullable: true })
  child!: Nested | null;
}

function nestedChain(level: number): Nested {
  return Object.assign(new Nested(), { level, child: level < 20 ? nestedChain(level + 1) : null });
}

@Resolver()
class ProbeResolver {
  @Query(() => Boolean)
  deleteProbe(): boolean {
    return true;
  }

  @Query(() => Boolean)
  unguardedProbe(): boolean {
    return true;
  }

  @Query(() => Secret)
  secretHolder(): Secret {
    return Object.assign(new Secret(), { value: 'hidden' });
  }

  @Query(() => Boolean)
  async failingProbe(@Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.em.execute('SELECT secret_column FROM no_such_table');
    return true;
  }

  @Query(() => Nested)
  nested(): Nested {
    return nestedChain(1);
  }
}

const probePermissions = {
  Query: {
    deleteProbe: canDeleteClients,
    failingProbe: isAuthenticated,
    secretHolder: isAuthenticated,
    nested: isAuthenticated,
  },
  Nested: isAuthenticated,
  // Secret: deliberately absent.
};

const CLIENTS = `query Clients { clients { totalCount edges { node { id } } } }`;
const CLIENT = `query Client($id: ID!) { client(id: $id) { id } }`;

function codeOf(res: { errors?: { extensions?: { code?: string } }[] }): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

describeEachDatabase('permissions', (db) => {
  let database: DatabaseConfig;
  let app: App;
  let server: RunningServer;
  let clock: ManualClock;
  let log: LogCapture;
  let viewer: StaffFixture;
  let deleter: StaffFixture;
  let nobody: StaffFixture;
  let clientId: number;

  const tokenOf = (staff: StaffFixture) => signIn(server.url, staff.email, staff.password);

  beforeAll(async () => {
    clock = new ManualClock(new Date('2030-06-01T12:00:00Z'));
    log = new LogCapture();
    database = await db.create();
    app = await createTestApp(database, { clock, log });
    const schema = await buildAppSchema(app, [ProbeResolver], probePermissions);
    server = await startServer(app, { port: 0, host: '127.0.0.1', schema });

    const company = await createCompany(app);
    const viewers = await createStaffGroup(app, company.id, ['admin_clients.view']);
    const admins = await createStaffGroup(app, company.id, ['admin_clients.view', 'admin_clients.delete']);
    const empty = await createStaffGroup(app, company.id, []);
    viewer = await createStaff(app, { groupIds: [viewers.id] });
    deleter = await createStaff(app, { groupIds: [admins.id] });
    nobody = await createStaff(app, { groupIds: [empty.id] });
    clientId = (await createClient(app, company.id)).clientId;
  });

  afterAll(async () => {
    await server?.close();
    await app?.close();
    await db.drop();
  });

  describe('admin_clients.view (clients, client)', () => {
    const queries = [
      ['clients', () => ({ query: CLIENTS, variables: {} })],
      ['client', () => ({ query: CLIENT, variables: { id: String(clientId) } })],
    ] as const;

    it.each(queries)('%s: refuses a request without a token as UNAUTHENTICATED', async (_name, op) => {
      const res = await gql(server.url, op().query, op().variables);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect(Object.values(res.data ?? {}).every((value) => value === null)).toBe(true);
    });

    it.each(queries)('%s: refuses an unknown or malformed token as UNAUTHENTICATED', async (_name, op) => {
      expect(codeOf(await gql(server.url, op().query, op().variables, 'x'.repeat(43)))).toBe(
        'UNAUTHENTICATED',
      );
      expect(codeOf(await gql(server.url, op().query, op().variables, 'not a token'))).toBe(
        'UNAUTHENTICATED',
      );
    });

    it.each(queries)('%s: refuses a staff member without the permission as FORBIDDEN', async (_name, op) => {
      const res = await gql(server.url, op().query, op().variables, await tokenOf(nobody));
      expect(codeOf(res)).toBe('FORBIDDEN');
    });

    it.each(queries)('%s: answers a staff member with the permission', async (_name, op) => {
      const res = await gql(server.url, op().query, op().variables, await tokenOf(viewer));
      expect(res.errors).toBeUndefined();
      expect(res.data).not.toBeNull();
    });

    it('refuses an expired token as UNAUTHENTICATED', async () => {
      const token = await tokenOf(viewer);
      expect((await gql(server.url, CLIENTS, {}, token)).errors).toBeUndefined();
      clock.advance(app.config.sessionTtlSeconds * 1000);
      expect(codeOf(await gql(server.url, CLIENTS, {}, token))).toBe('UNAUTHENTICATED');
    });

    it('follows a change of the group’s permissions at the next request', async () => {
      const company = await createCompany(app);
      const group = await createStaffGroup(app, company.id, ['admin_clients.view']);
      const staff = await createStaff(app, { groupIds: [group.id] });
      const token = await tokenOf(staff);
      expect((await gql(server.url, CLIENTS, {}, token)).errors).toBeUndefined();
      await app.orm.em
        .fork()
        .execute('DELETE FROM staff_group_permissions WHERE staff_group_id = ?', [group.id]);
      expect(codeOf(await gql(server.url, CLIENTS, {}, token))).toBe('FORBIDDEN');
    });
  });

  describe('admin_clients.delete', () => {
    it('refuses a viewer as FORBIDDEN and answers a staff member with the permission', async () => {
      const refused = await gql(server.url, `{ deleteProbe }`, {}, await tokenOf(viewer));
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(refused.errors?.[0].message).toContain('admin_clients.delete');
      const allowed = await gql(server.url, `{ deleteProbe }`, {}, await tokenOf(deleter));
      expect(allowed.data).toEqual({ deleteProbe: true });
    });

    it('refuses an anonymous caller as UNAUTHENTICATED', async () => {
      expect(codeOf(await gql(server.url, `{ deleteProbe }`))).toBe('UNAUTHENTICATED');
    });
  });

  describe('isAuthenticated (logout)', () => {
    it('refuses an anonymous caller and answers a signed-in one', async () => {
      expect(codeOf(await gql(server.url, `mutation { logout }`))).toBe('UNAUTHENTICATED');
      const res = await gql(server.url, `mutation { logout }`, {}, await tokenOf(nobody));
      expect(res.data).toEqual({ logout: true });
    });
  });

  describe('open fields', () => {
    it('lets anyone call login and me', async () => {
      const me = await gql(server.url, `{ me { id } }`);
      expect(me).toMatchObject({ status: 200, data: { me: null } });
      expect(me.errors).toBeUndefined();
      const login = await gql(server.url, `mutation { login(email: "a@b.c", password: "x") { __typename } }`);
      expect(login.data).toEqual({ login: { __typename: 'InvalidCredentialsError' } });
    });
  });

  describe('the fallback rule', () => {
    it('denies a root field that no map names, whoever asks', async () => {
      const res = await gql(server.url, `{ unguardedProbe }`, {}, await tokenOf(deleter));
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
      expect(codeOf(await gql(server.url, `{ unguardedProbe }`))).toBe('FORBIDDEN');
    });

    it('denies the fields of a type that no map names, even under an allowed root field', async () => {
      const res = await gql(server.url, `{ secretHolder { value } }`, {}, await tokenOf(deleter));
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(res.errors?.[0].path).toEqual(['secretHolder', 'value']);
      expect(JSON.stringify(res.data)).not.toContain('hidden');
    });
  });

  describe('the permission map', () => {
    it('names every root field and every object type of the app schema', async () => {
      const schema = await buildAppSchema(app);
      const rules = mergePermissionMaps(PERMISSION_MAPS);
      const objectTypes = Object.values(schema.getTypeMap()).filter(
        (t) => !t.name.startsWith('__') && Object.prototype.toString.call(t) === '[object GraphQLObjectType]',
      );
      const unguarded: string[] = [];
      for (const type of objectTypes) {
        const typeRules = rules[type.name];
        const isError = (type as unknown as { getInterfaces(): { name: string }[] })
          .getInterfaces()
          .some((i) => i.name === 'ErrorResult');
        if (type.name === 'Query' || type.name === 'Mutation') {
          const fields = Object.keys((type as unknown as { getFields(): object }).getFields());
          for (const field of fields) {
            if (!typeRules || !(field in typeRules)) unguarded.push(`${type.name}.${field}`);
          }
        } else if (!typeRules && !isError) {
          unguarded.push(type.name);
        }
      }
      expect(unguarded).toEqual([]);
      expect(objectTypes.map((t) => t.name)).toEqual(
        expect.arrayContaining(['Client', 'Staff', 'LoginSuccess']),
      );
    });

    it('refuses a second rule for a field that already has one', () => {
      expect(() =>
        mergePermissionMaps([...PERMISSION_MAPS, { Query: { clients: isAuthenticated } }]),
      ).toThrow(/Query.clients is guarded twice/);
    });
  });

  describe('introspection', () => {
    it('works without a token, for the full query tools send', async () => {
      const res = await gql(server.url, getIntrospectionQuery());
      expect(res.errors).toBeUndefined();
      const names = res.data.__schema.types.map((t: { name: string }) => t.name);
      expect(names).toEqual(
        expect.arrayContaining(['Client', 'ClientConnection', 'LoginResult', 'DateTime']),
      );
    });

    it('answers __type without a token', async () => {
      const res = await gql(server.url, `{ __type(name: "Staff") { fields { name } } }`);
      expect(res.data.__type.fields.map((f: { name: string }) => f.name)).toContain('permissions');
    });
  });

  describe('malformed input', () => {
    it.each(['abc', '0', '-1', '1.5', '99999999999999999999', '', ' 1', '1e3', '0x10'])(
      'refuses the id "%s" as BAD_USER_INPUT',
      async (id) => {
        const res = await gql(server.url, CLIENT, { id }, await tokenOf(viewer));
        expect(codeOf(res)).toBe('BAD_USER_INPUT');
        expect(res.data).toEqual({ client: null });
      },
    );

    it('parses positive integer ids', () => {
      expect(parseId('1', 'id')).toBe(1);
      expect(parseId('2147483647', 'id')).toBe(2147483647);
      expect(parseId(42, 'id')).toBe(42);
      expect(() => parseId('007', 'clientId')).toThrow(/clientId must be a positive integer/);
    });

    it('refuses a page size over 100 or below 0, and a cursor it did not issue', async () => {
      const token = await tokenOf(viewer);
      for (const first of [101, -1]) {
        expect(codeOf(await gql(server.url, `{ clients(first: ${first}) { totalCount } }`, {}, token))).toBe(
          'BAD_USER_INPUT',
        );
      }
      const res = await gql(server.url, `{ clients(after: "bm90LWEtY3Vyc29y") { totalCount } }`, {}, token);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
    });

    it('does not echo a mistyped variable back', async () => {
      const res = await gql(server.url, CLIENT, { id: { nested: 'sensitive-value' } }, await tokenOf(viewer));
      expect(res.status).toBe(400);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors)).not.toContain('sensitive-value');
    });
  });

  describe('unexpected errors', () => {
    it('are masked as INTERNAL_SERVER_ERROR without stack or SQL, and logged with the request id', async () => {
      const res = await gql(server.url, `query Failing { failingProbe }`, {}, await tokenOf(viewer), {
        'x-request-id': 'perm-failing-1',
      });
      expect(res.errors).toEqual([
        {
          message: 'Internal server error',
          locations: [{ line: 1, column: 17 }],
          path: ['failingProbe'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
      expect(res.headers.get('x-request-id')).toBe('perm-failing-1');
      const body = JSON.stringify(res);
      for (const leak of ['no_such_table', 'secret_column', 'SELECT', 'stacktrace', '.ts:']) {
        expect(body).not.toContain(leak);
      }
      const logged = log.lines.map((l) => JSON.parse(l)).find((l) => l.reqId === 'perm-failing-1' && l.err);
      expect(JSON.stringify(logged)).toContain('no_such_table');
    });

    it('answers malformed JSON with a bare 400', async () => {
      const res = await fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": ',
      });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).not.toMatch(/at .*\(|node_modules/);
    });
  });

  describe('query limits', () => {
    it(`refuses a query deeper than ${MAX_QUERY_DEPTH} before any resolver or permission check`, async () => {
      const token = await tokenOf(viewer);
      // `{ nested { … } }` around nest(n) is n + 2 deep.
      const nest = (depth: number): string => (depth === 0 ? 'level' : `level child { ${nest(depth - 1)} }`);
      const deepest = await gql(server.url, `{ nested { ${nest(MAX_QUERY_DEPTH - 2)} } }`, {}, token);
      expect(deepest.errors).toBeUndefined();
      for (const caller of [token, null]) {
        const deep = await gql(server.url, `{ nested { ${nest(MAX_QUERY_DEPTH - 1)} } }`, {}, caller);
        expect(deep.status).toBe(400);
        expect(deep.data).toBeUndefined();
        expect(codeOf(deep)).toBe(QUERY_REFUSED);
        expect(deep.errors?.[0].message).toBe(
          `Query depth ${MAX_QUERY_DEPTH + 1} exceeds the maximum of ${MAX_QUERY_DEPTH}.`,
        );
      }
    });

    it('refuses a query whose cost is too high, counting page sizes from variables', async () => {
      const token = await tokenOf(viewer);
      const page = `edges { cursor node { id idCode status primaryContact { email } invoiceCount serviceCount } }`;
      const one = await gql(
        server.url,
        `query($n: Int) { clients(first: $n) { ${page} } }`,
        { n: 100 },
        token,
      );
      expect(one.errors).toBeUndefined();
      const many = `query($n: Int) { a: clients(first: $n) { ${page} } b: clients(first: $n) { ${page} } }`;
      const refused = await gql(server.url, many, { n: 100 }, token);
      expect(refused.status).toBe(400);
      expect(refused.data).toBeUndefined();
      expect(codeOf(refused)).toBe(QUERY_REFUSED);
      expect(refused.errors?.[0].message).toBe(`Query cost 2002 exceeds the maximum of ${MAX_QUERY_COST}.`);
      const small = await gql(server.url, many, { n: 10 }, token);
      expect(small.errors).toBeUndefined();
    });
  });

  describe('health endpoints', () => {
    it('answers /healthz and /readyz while the database is up', async () => {
      const base = server.url;
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    });

    it('refuses to start on a port that is taken', async () => {
      await expect(startServer(app, { port: server.port, host: '127.0.0.1' })).rejects.toThrow(/EADDRINUSE/);
    });

    it('reports 503 on /readyz once the database is gone', async () => {
      const other = await createTestApp(database, { migrate: false });
      const otherServer = await startServer(other, { port: 0, host: '127.0.0.1' });
      try {
        const base = otherServer.url;
        expect((await fetch(`${base}/readyz`)).status).toBe(200);
        await other.orm.close(true);
        const res = await fetch(`${base}/readyz`);
        expect(res.status).toBe(503);
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
      } finally {
        await otherServer.close();
      }
    });
  });
});
