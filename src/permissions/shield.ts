import type { GraphQLNamedType, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { allow, deny, shield, type and } from 'graphql-shield';
import { forbiddenError } from '../graphql/errors';
import { canDeleteClients, canViewClients, isAuthenticated } from './rules';

/** A graphql-shield rule (the package does not export the type by name). */
export type ShieldRule = Parameters<typeof and>[number];

/** Rules for the fields of one type. */
export type FieldRules = Record<string, ShieldRule>;

/**
 * Rules by GraphQL type: one rule for every field of a type, or one rule per field. Types and
 * fields that no map names are denied.
 */
export type PermissionMap = Record<string, ShieldRule | FieldRules>;

/** Sign-in. `login` and `me` are open (me answers null when signed out). */
export const authPermissions: PermissionMap = {
  Query: { me: allow },
  Mutation: { login: allow, logout: isAuthenticated },
  // Reached only through `me` and `login`, which show a staff member only to themselves.
  Staff: allow,
  LoginSuccess: allow,
};

/** Reading clients needs admin_clients.view, on the root fields and again on the types. */
export const clientPermissions: PermissionMap = {
  Query: { client: canViewClients, clients: canViewClients },
  Client: canViewClients,
  Contact: canViewClients,
  ClientConnection: canViewClients,
  ClientEdge: canViewClients,
};

/** Previewing, deleting and the audit list need admin_clients.delete. */
export const deletionPermissions: PermissionMap = {
  Query: { clientDeletionPreview: canDeleteClients, clientDeletions: canDeleteClients },
  Mutation: { deleteClient: canDeleteClients },
  ClientDeletionPreview: canDeleteClients,
  DeletionBlocker: canDeleteClients,
  DeletionCount: canDeleteClients,
  DeletionReceipt: canDeleteClients,
  StaffSummary: canDeleteClients,
  ClientDeleted: canDeleteClients,
  ClientDeletionConnection: canDeleteClients,
  ClientDeletionEdge: canDeleteClients,
};

/** Types shared by features. */
export const sharedPermissions: PermissionMap = {
  PageInfo: allow,
};

/**
 * The maps of every feature, merged by `buildPermissions`. A feature appends its own map, e.g.
 * `{ Query: { clientDeletionPreview: canDeleteClients }, ClientDeletionPreview: canDeleteClients }`.
 */
export const PERMISSION_MAPS: PermissionMap[] = [
  authPermissions,
  clientPermissions,
  deletionPermissions,
  sharedPermissions,
];

/** Name of the interface of the expected-failure types (src/schema/errors.ts). */
const ERROR_RESULT_INTERFACE = 'ErrorResult';

/**
 * Tells object types by their tag rather than graphql's `isObjectType`: under vitest the schema
 * can come from the CommonJS copy of graphql while this file gets the ES module copy, and
 * `isObjectType` refuses types from "another realm".
 */
function isObjectType(type: GraphQLNamedType): type is GraphQLObjectType {
  return Object.prototype.toString.call(type) === '[object GraphQLObjectType]';
}

function isFieldRules(value: ShieldRule | FieldRules): value is FieldRules {
  // Rules are class instances; a field map is a plain object.
  return Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * Merges permission maps. Two maps may add fields to one type, but a type or field that two maps
 * both guard is an error, so that a later map can never silently loosen an earlier rule.
 */
export function mergePermissionMaps(maps: readonly PermissionMap[]): PermissionMap {
  const merged: PermissionMap = {};
  for (const map of maps) {
    for (const [typeName, rules] of Object.entries(map)) {
      const existing = merged[typeName];
      if (existing === undefined) {
        merged[typeName] = isFieldRules(rules) ? { ...rules } : rules;
        continue;
      }
      if (!isFieldRules(existing) || !isFieldRules(rules)) {
        throw new Error(`permissions: type ${typeName} is guarded twice`);
      }
      for (const [field, rule] of Object.entries(rules)) {
        if (field in existing) throw new Error(`permissions: ${typeName}.${field} is guarded twice`);
        existing[field] = rule;
      }
    }
  }
  return merged;
}

/**
 * The graphql-shield middleware for a schema: the feature maps plus `extra`, with every field no
 * map names denied (FORBIDDEN). Expected-failure types (those implementing ErrorResult) are
 * readable by whoever reached them through a guarded root field, so they need no entry.
 */
export function buildPermissions(schema: GraphQLSchema, extra: PermissionMap = {}) {
  const rules = mergePermissionMaps([...PERMISSION_MAPS, extra]);
  for (const type of Object.values(schema.getTypeMap())) {
    const isErrorResult =
      isObjectType(type) && type.getInterfaces().some((i) => i.name === ERROR_RESULT_INTERFACE);
    if (isErrorResult && !(type.name in rules)) rules[type.name] = allow;
  }
  return shield(rules, {
    fallbackRule: deny,
    fallbackError: () => forbiddenError(),
    // Resolvers' own errors (BAD_USER_INPUT, masked internal errors) pass through unchanged.
    allowExternalErrors: true,
    debug: false,
  });
}
