import type { NonEmptyArray } from 'type-graphql';
import { AuthResolver } from './auth.resolver';
import { ClientConnectionResolver, ClientResolver } from './client.resolver';
import { ClientDeletionResolver, DeletionReceiptResolver } from './client-deletion.resolver';

/**
 * Every resolver of the API. A new feature appends its resolver here and its rules to
 * `PERMISSION_MAPS` in src/permissions/shield.ts; without a rule its fields are denied.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own type for resolver classes
export const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  ClientResolver,
  ClientConnectionResolver,
  ClientDeletionResolver,
  DeletionReceiptResolver,
];
