import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { App } from '../app';
import { buildPermissions, type PermissionMap } from '../permissions/shield';
import { RESOLVERS } from '../resolvers';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's type for resolver classes
export type ResolverClass = Function;

/**
 * Builds the API schema from the resolvers in src/resolvers (plus `extraResolvers`) and wraps it
 * in the permission layer. `extraPermissions` guards the extra resolvers' fields; without an entry
 * they are denied like any unlisted field.
 *
 * `app` is taken so that installed plugins can contribute to the schema without a signature change.
 */
export async function buildAppSchema(
  _app: App,
  extraResolvers: readonly ResolverClass[] = [],
  extraPermissions: PermissionMap = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...RESOLVERS, ...extraResolvers] as NonEmptyArray<ResolverClass>,
    // type-graphql 2 would name the Date scalar DateTimeISO; the contract calls it DateTime.
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    // Arguments are checked by hand (parseId, parsePageSize); class-validator is not used.
    validate: false,
    emitSchemaFile: false,
  });
  return applyMiddleware(schema, buildPermissions(schema, extraPermissions));
}
