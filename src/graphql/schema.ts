import 'reflect-metadata';
import {
  GraphQLDirective,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLUnionType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
  isSpecifiedDirective,
  isUnionType,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLFieldConfigMap,
  type GraphQLNamedType,
  type GraphQLType,
} from 'graphql';
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
  const schema = replaceNamedType(built, blockerCodeEnum(app.plan.blockers));
  return applyMiddleware(schema, buildPermissions(schema, extraPermissions));
}

/**
 * The schema with `replacement` in place of the type of the same name. graphql-js types hold the
 * types they reference as objects, so every type is rebuilt from its config with its references
 * looked up by name (as @graphql-tools/utils' mapSchema does); resolvers, descriptions and
 * extensions are kept. Built-in scalars and introspection types reference nothing else and stay.
 */
export function replaceNamedType(schema: GraphQLSchema, replacement: GraphQLNamedType): GraphQLSchema {
  const config = schema.toConfig();
  if (!config.types.some((type) => type.name === replacement.name)) {
    throw new Error(`the schema has no type ${replacement.name} to replace`);
  }
  const byName = new Map<string, GraphQLNamedType>();
  const named = <T extends GraphQLNamedType>(type: T): T => byName.get(type.name) as T;
  const rewire = <T extends GraphQLType>(type: T): T => {
    if (isListType(type)) return new GraphQLList(rewire(type.ofType)) as T;
    if (isNonNullType(type)) return new GraphQLNonNull(rewire(type.ofType)) as T;
    return named(type as GraphQLNamedType) as T;
  };
  const args = (map: GraphQLFieldConfigArgumentMap) =>
    mapValues(map, (arg) => ({ ...arg, type: rewire(arg.type) }));
  const fields =
    <S, C>(map: GraphQLFieldConfigMap<S, C>) =>
    () =>
      mapValues(map, (field) => ({
        ...field,
        type: rewire(field.type),
        args: field.args && args(field.args),
      }));

  const rebuild = (type: GraphQLNamedType): GraphQLNamedType => {
    if (type.name === replacement.name) return replacement;
    if (isObjectType(type)) {
      const c = type.toConfig();
      return new GraphQLObjectType({
        ...c,
        fields: fields(c.fields),
        interfaces: () => c.interfaces.map(named),
      });
    }
    if (isInterfaceType(type)) {
      const c = type.toConfig();
      return new GraphQLInterfaceType({
        ...c,
        fields: fields(c.fields),
        interfaces: () => c.interfaces.map(named),
      });
    }
    if (isUnionType(type)) {
      const c = type.toConfig();
      return new GraphQLUnionType({ ...c, types: () => c.types.map(named) });
    }
    if (isInputObjectType(type)) {
      const c = type.toConfig();
      return new GraphQLInputObjectType({
        ...c,
        fields: () => mapValues(c.fields, (field) => ({ ...field, type: rewire(field.type) })),
      });
    }
    // Scalars and enums reference no other type.
    return type;
  };
  for (const type of config.types) byName.set(type.name, isIntrospectionType(type) ? type : rebuild(type));

  return new GraphQLSchema({
    ...config,
    query: config.query && named(config.query),
    mutation: config.mutation && named(config.mutation),
    subscription: config.subscription && named(config.subscription),
    types: [...byName.values()].filter((type) => !isIntrospectionType(type)),
    directives: config.directives.map((directive) => {
      if (isSpecifiedDirective(directive)) return directive;
      const c = directive.toConfig();
      return new GraphQLDirective({ ...c, args: args(c.args) });
    }),
  });
}

function mapValues<V, W>(record: Readonly<Record<string, V>>, map: (value: V) => W): Record<string, W> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
