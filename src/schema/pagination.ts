import { Field, ObjectType } from 'type-graphql';
import { badUserInputError } from '../graphql/errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Relay-style page information, shared by every connection of the schema. */
@ObjectType({ description: 'Where a page of a connection ends and whether more follow.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to read the next page.' })
  endCursor!: string | null;
}

const CURSOR_PREFIX = 'id:';

/** An opaque cursor over a row id; clients must not build or parse it. */
export function encodeCursor(id: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');
}

/** The row id behind a cursor from `encodeCursor`, or BAD_USER_INPUT for anything else. */
export function decodeCursor(cursor: string, argumentName = 'after'): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const digits = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  const id = /^[1-9][0-9]{0,15}$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isSafeInteger(id) || encodeCursor(id) !== cursor) {
    throw badUserInputError(`${argumentName} is not a cursor returned by this connection.`, argumentName);
  }
  return id;
}

/** The page size: `first` when given (0 to MAX_PAGE_SIZE), DEFAULT_PAGE_SIZE otherwise. */
export function parsePageSize(first: number | null | undefined, argumentName = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInputError(`${argumentName} must be between 0 and ${MAX_PAGE_SIZE}.`, argumentName);
  }
  return first;
}
