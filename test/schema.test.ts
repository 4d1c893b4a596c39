import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { Entity, ManyToOne, PrimaryKey, type Rel } from '@mikro-orm/core';
import {
  Kind,
  buildSchema,
  getNamedType,
  lexicographicSortSchema,
  parse,
  printSchema,
  validate,
  type GraphQLEnumType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import codegenConfig from '../codegen';
import { main, optionsFromEnv, request } from '../examples/client';
import { SCHEMA_FILE, buildPublishedSchema, printSdl } from '../scripts/emit-schema';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { sql } from '../src/db/sql';
import { BlocksDeletion, ClientData } from '../src/deletion/erasure-rules';
import { Client } from '../src/entities/client.entity';
import { buildAppSchema } from '../src/graphql/schema';
import type { ErasurePlugin } from '../src/plugins/plugin';
import { ClientDeletionsDocument, ClientsDocument, LoginDocument } from '../src/generated/graphql';
import type { CompanyFixtures } from '../src/seed/company-fixtures';
import { fullShapeCounts, generateClient, type GeneratedClient } from '../src/seed/client-generator';
import type { RunningServer } from '../src/server';
import { createTestApp } from './support/app';
import { describeEachDatabase } from './support/databases';
import type { StaffFixture } from './support/fixtures';
import { servedCompany } from './support/deletion';

const EXAMPLES_DIR = 'examples';
const GENERATED_DIR = join('src', 'generated');

/** The example operations API consumers start from (SPEC 3), one per file. */
const EXAMPLE_OPERATIONS = [
  'Client',
  'ClientDeletionPreview',
  'ClientDeletions',
  'Clients',
  'DeleteClient',
  'Login',
  'Logout',
  'Me',
];

/** The same SDL whatever its formatting, comments or order of definitions. */
function normalized(sdl: string): string {
  return printSchema(lexicographicSortSchema(buildSchema(sdl)));
}

function exampleDocuments(): { file: string; source: string }[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((file) => ({ file, source: readFileSync(join(EXAMPLES_DIR, file), 'utf8') }));
}

describe('schema.graphql', () => {
  let built: GraphQLSchema;

  beforeAll(async () => {
    built = await buildPublishedSchema();
  });

  it('is the schema the code builds (run `npm run schema:emit` when this fails)', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(normalized(committed)).toBe(normalized(printSdl(built)));
  });

  it('has the operations of the contract', () => {
    const sdl = readFileSync(SCHEMA_FILE, 'utf8');
    const schema = buildSchema(sdl);
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['me', 'client', 'clients', 'clientDeletionPreview', 'clientDeletions']),
    );
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['login', 'logout', 'deleteClient']),
    );
    expect(schema.getType('DateTime')).toBeDefined();
  });

  it('names who deleted a client without their email or permissions (StaffSummary)', () => {
    const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    const receipt = schema.getType('DeletionReceipt') as GraphQLObjectType;
    expect(String(receipt.getFields().deletedBy.type)).toBe('StaffSummary');
    const summary = schema.getType('StaffSummary') as GraphQLObjectType;
    const fields = summary.getFields();
    expect(Object.keys(fields).sort()).toEqual(['firstName', 'id', 'lastName']);
    expect(Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, String(f.type)]))).toEqual({
      id: 'ID!',
      firstName: 'String!',
      lastName: 'String!',
    });
  });
});

// A plugin of the test's own, with a blocker of its own.
@ClientData({ category: 'Loaned gadgets', erasedWith: ['client'] })
@BlocksDeletion({
  code: 'GADGETS_ON_LOAN',
  message: 'The client has {count} gadget(s) on loan; take them back first.',
  ids: (client) => sql`SELECT g.id AS id FROM loaned_gadgets g WHERE g.client_id = ${client.id}`,
})
@Entity({ tableName: 'loaned_gadgets' })
class LoanedGadget {
  @PrimaryKey({ type: 'integer' }) id!: number;
  @ManyToOne(() => Client, { fieldName: 'client_id', deleteRule: 'no action' }) client!: Rel<Client>;
}

const gadgetsPlugin: ErasurePlugin = {
  name: 'gadgets',
  entities: [LoanedGadget],
  migrations: { sqlite: [], mysql: [] },
};

describe('BlockerCode', () => {
  const CORE_CODES = ['ACTIVE_SERVICES', 'OPEN_INVOICES', 'RECURRING_INVOICES'];
  let apps: App[] = [];

  function codesOf(schema: GraphQLSchema): string[] {
    return (schema.getType('BlockerCode') as GraphQLEnumType)
      .getValues()
      .map((v) => v.name)
      .sort();
  }

  /** The type of `DeletionBlocker.code`, which resolvers' codes are serialized through. */
  function codeFieldType(schema: GraphQLSchema): GraphQLEnumType {
    const blocker = schema.getType('DeletionBlocker') as GraphQLObjectType;
    return getNamedType(blocker.getFields().code.type) as GraphQLEnumType;
  }

  afterAll(async () => {
    for (const app of apps) await app.close();
    apps = [];
  });

  it('lists exactly the codes of each app’s plan, for two apps with different plugins in one process', async () => {
    // Building schemas reads no rows: in-memory databases, not migrated.
    const config = loadConfig({ SQLITE_FILE: ':memory:', LOG_LEVEL: 'silent', NODE_ENV: 'test' });
    const plain = await createApp(config, { migrate: false });
    apps.push(plain);
    const withGadgets = await createApp(config, { migrate: false, plugins: [gadgetsPlugin] });
    apps.push(withGadgets);

    const plainSchema = await buildAppSchema(plain);
    const gadgetsSchema = await buildAppSchema(withGadgets);
    expect(codesOf(plainSchema)).toEqual(CORE_CODES);
    expect(codesOf(gadgetsSchema)).toEqual([...CORE_CODES, 'GADGETS_ON_LOAN'].sort());
    // The second app changed nothing for the first, built again.
    expect(codesOf(await buildAppSchema(plain))).toEqual(CORE_CODES);

    // The blocker's field is wired to the app's own enum: only the plugin's app can return its code.
    expect(codeFieldType(gadgetsSchema)).toBe(gadgetsSchema.getType('BlockerCode'));
    expect(codeFieldType(gadgetsSchema).serialize('GADGETS_ON_LOAN')).toBe('GADGETS_ON_LOAN');
    expect(() => codeFieldType(plainSchema).serialize('GADGETS_ON_LOAN')).toThrow(/BlockerCode/);
    // A plugin's code is described by its message; the core's keep their descriptions.
    const values = (gadgetsSchema.getType('BlockerCode') as GraphQLEnumType).getValues();
    expect(Object.fromEntries(values.map((v) => [v.name, v.description]))).toEqual({
      ACTIVE_SERVICES: 'A service is active or suspended.',
      OPEN_INVOICES: 'An active or proforma invoice is not closed.',
      RECURRING_INVOICES: 'A recurring invoice exists.',
      GADGETS_ON_LOAN: 'The client has {count} gadget(s) on loan; take them back first.',
    });
    // Nothing else differs between the two schemas.
    const withoutBlockerCode = (schema: GraphQLSchema) =>
      printSdl(schema).replace(/^enum BlockerCode \{$[\s\S]*?^\}$/m, '');
    expect(withoutBlockerCode(gadgetsSchema)).toBe(withoutBlockerCode(plainSchema));
  });
});

describe('examples/*.graphql', () => {
  it('holds one named operation per file: the example operations', () => {
    const names = exampleDocuments().flatMap(({ file, source }) => {
      const operations = parse(source).definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      expect(operations, file).toHaveLength(1);
      return operations.map((o) => o.name?.value);
    });
    expect(names.sort()).toEqual(EXAMPLE_OPERATIONS);
  });

  it('validates against schema.graphql', () => {
    const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    for (const { file, source } of exampleDocuments()) {
      expect(
        validate(schema, parse(source)).map((e) => e.message),
        file,
      ).toEqual([]);
    }
  });
});

describe('src/generated (codegen.ts)', () => {
  it('is what `npm run codegen` makes of schema.graphql and the examples (rerun it when this fails)', async () => {
    // Without saving: the outputs come back as { filename, content }.
    const outputs: { filename: string; content: string }[] = await generate(
      { ...codegenConfig, silent: true },
      false,
    );
    const generatedFiles = outputs.map((o) => join(o.filename)).sort();
    expect(generatedFiles).toEqual(
      readdirSync(GENERATED_DIR)
        .map((f) => join(GENERATED_DIR, f))
        .sort(),
    );
    for (const output of outputs) {
      expect(readFileSync(output.filename, 'utf8'), output.filename).toBe(output.content);
    }
  });

  it('exports a typed document for every example operation', async () => {
    const generated: Record<string, unknown> = await import('../src/generated/graphql');
    for (const name of EXAMPLE_OPERATIONS) {
      const document = generated[`${name}Document`] as { definitions: OperationDefinitionNode[] } | undefined;
      expect(document?.definitions[0].name?.value, name).toBe(name);
    }
  });
});

describe('examples/client.ts', () => {
  it('talks to the local demo service unless told otherwise', () => {
    expect(optionsFromEnv({})).toEqual({
      url: 'http://localhost:4000/graphql',
      email: 'admin@example.com',
      password: 'demo-password',
      search: 'Deletable',
    });
    expect(optionsFromEnv({ SEED_STAFF_PASSWORD: 'seeded-secret' }).password).toBe('seeded-secret');
    expect(optionsFromEnv({ STAFF_PASSWORD: 'mine', SEED_STAFF_PASSWORD: 'seeded' }).password).toBe('mine');
  });
});

describeEachDatabase('examples/client.ts against a running service', (db) => {
  let app: App;
  let server: RunningServer;
  let staff: StaffFixture;
  let fixtures: CompanyFixtures;

  function newClient(lastName: string, blocked = false): Promise<GeneratedClient> {
    const plugins = app.config.plugins;
    return generateClient(app.orm.em.fork(), fixtures, {
      counts: fullShapeCounts(plugins, { recurring: false }),
      plugins,
      primaryContact: { firstName: 'Ada', lastName },
      blockerShape: blocked ? 'open_invoice' : undefined,
    });
  }

  beforeAll(async () => {
    app = await createTestApp(await db.create());
    ({ staff, fixtures, server } = await servedCompany(app, 'Typed Client Hosting'));
  });

  afterAll(async () => {
    await server?.close();
    await app?.close();
    await db.drop();
  });

  it('signs in, finds, previews and deletes a client with the typed documents', async () => {
    const client = await newClient('Typedexample');
    const lines: string[] = [];

    const result = await main({
      url: server.graphqlUrl,
      email: staff.email,
      password: staff.password,
      search: 'Typedexample',
      log: (line) => lines.push(line),
    });

    expect(result.clientId).toBe(String(client.clientId));
    expect(result.preview).toMatchObject({ deletable: true, total: client.total, blockers: [] });
    expect(result.receipt).toMatchObject({
      clientId: String(client.clientId),
      total: client.total,
      deletedBy: { id: String(staff.staffId), firstName: staff.firstName, lastName: staff.lastName },
    });
    expect(lines.at(-1)).toContain(`receipt ${result.receipt?.id}`);

    // The client is gone and the audit list has the receipt, read through the typed documents too.
    const token = await signInToken();
    const after = await request(server.graphqlUrl, ClientsDocument, { search: 'Typedexample' }, token);
    expect(after.clients.totalCount).toBe(0);
    const audit = await request(server.graphqlUrl, ClientDeletionsDocument, { first: 10 }, token);
    expect(audit.clientDeletions.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({
        id: result.receipt?.id,
        clientId: String(client.clientId),
        total: client.total,
      }),
    );
  });

  it('stops at the preview when something blocks the deletion', async () => {
    const client = await newClient('Typedblocked', true);
    const lines: string[] = [];

    const result = await main({
      url: server.graphqlUrl,
      email: staff.email,
      password: staff.password,
      search: 'Typedblocked',
      log: (line) => lines.push(line),
    });

    expect(result.receipt).toBeNull();
    expect(result.preview.deletable).toBe(false);
    expect(result.preview.blockers.map((b) => b.code)).toEqual(['OPEN_INVOICES']);
    expect(lines.some((l) => l.startsWith('blocked:'))).toBe(true);
    const token = await signInToken();
    const still = await request(server.graphqlUrl, ClientsDocument, { search: 'Typedblocked' }, token);
    expect(still.clients.edges.map((e) => e.node.id)).toEqual([String(client.clientId)]);
  });

  it('reports a refused sign-in instead of going on', async () => {
    await expect(
      main({
        url: server.graphqlUrl,
        email: staff.email,
        password: 'not-the-password',
        search: 'anything',
        log: () => undefined,
      }),
    ).rejects.toThrow(/sign-in refused/);
  });

  async function signInToken(): Promise<string> {
    const { login } = await request(server.graphqlUrl, LoginDocument, {
      email: staff.email,
      password: staff.password,
    });
    if (login.__typename !== 'LoginSuccess') throw new Error(login.message);
    return login.token;
  }
});
