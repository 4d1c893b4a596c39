import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { buildAppSchema } from '../src/graphql/schema';

/** The committed schema, read by codegen.ts and by API consumers. */
export const SCHEMA_FILE = join(__dirname, '..', 'schema.graphql');

const HEADER =
  '# The GraphQL schema of the client erasure service, printed from the code in src/.\n' +
  '# Do not edit: run `npm run schema:emit` after changing the API (a test fails when it is stale).\n\n';

/**
 * Builds the API schema the way the service does, with the default plugins whatever `PLUGINS`
 * says (a plugin may add codes to the `BlockerCode` enum). An in-memory database is enough:
 * building the schema reads no rows.
 */
export async function buildPublishedSchema(): Promise<GraphQLSchema> {
  const config = loadConfig({ SQLITE_FILE: ':memory:', LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const app = await createApp(config, { migrate: false });
  try {
    return await buildAppSchema(app);
  } finally {
    await app.close();
  }
}

/** SDL with types and fields in alphabetical order, so the file only changes when the API does. */
export function printSdl(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}

export async function emitSchema(file = SCHEMA_FILE): Promise<void> {
  writeFileSync(file, HEADER + printSdl(await buildPublishedSchema()));
}

if (require.main === module) {
  emitSchema()
    .then(() => console.log(`wrote ${SCHEMA_FILE}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
