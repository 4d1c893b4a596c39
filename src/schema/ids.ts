import { badUserInputError } from '../graphql/errors';

// No leading zeros and at most 16 digits, so the value is exact in a JS number; the upper bound
// is checked below.
const POSITIVE_INTEGER = /^[1-9][0-9]{0,15}$/;

/**
 * Turns an `ID` argument into a positive integer row id, or throws BAD_USER_INPUT naming the
 * argument. "abc", "0", "-1", "1.5", " 1" and ids beyond 2^53 are all rejected, so no lookup is
 * ever made with a value the database would coerce into something else.
 */
export function parseId(value: unknown, argumentName: string): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text === 'string' && POSITIVE_INTEGER.test(text)) {
    const id = Number(text);
    if (Number.isSafeInteger(id)) return id;
  }
  throw badUserInputError(`${argumentName} must be a positive integer id.`, argumentName);
}
