import 'reflect-metadata';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { GraphQLEnumType, GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { App } from '../app';
import { buildPermissions, type PermissionMap } from '../permissions/shield';
import { RESOLVERS } from '../resolvers';
import { blockerCodeEnum } from '../schema/deletion.types';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's type for resolver classes
export type ResolverClass = Function;

/**
 * Builds the API schema from the resolvers in src/resolvers (plus `extraResolvers`) and wraps it
 * in the permission layer. `extraPermissions` guards the extra resolvers' fields; without an entry
 * they are denied like any unlisted field.
 *
 * The `BlockerCode` enum lists exactly the codes of the app's erasure plan (its plugins may add
 * some): type-graphql's enums are registered once per process, so the app's own enum replaces the
 * registered one here, and two apps in one process each get theirs.
 */
export async function buildAppSchema(
  app: App,
  extraResolvers: readonly ResolverClass[] = [],
  extraPermissions: PermissionMap = {},
): Promise<GraphQLSchema> {
  const built = await buildSchema({
    resolvers: [...RESOLVERS, ...extraResolvers] as NonEmptyArray<ResolverClass>,
    // type-graphql 2 would name the Date scalar DateTimeISO; the contract calls it DateTime.
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    // Arguments are checked by hand (parseId, parsePageSize); class-validator is not used.
    validate: false,
    emitSchemaFile: false,
  });
  const schema = replaceEnum(built, blockerCodeEnum(app.plan.blockers));
  return applyMiddleware(schema, buildPermissions(schema, extraPermissions));
}

/** The schema with `replacement` in place of the enum of the same name, every reference to it rewired. */
function replaceEnum(schema: GraphQLSchema, replacement: GraphQLEnumType): GraphQLSchema {
  if (!schema.getType(replacement.name))
    throw new Error(`the schema has no type ${replacement.name} to replace`);
  return mapSchema(schema, {
    [MapperKind.ENUM_TYPE]: (type) => (type.name === replacement.name ? replacement : type),
  });
}
