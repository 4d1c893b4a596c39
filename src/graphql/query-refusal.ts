import { GraphQLError, type ASTNode, type GraphQLFormattedError } from 'graphql';

/** The one code of a request refused by the limits of src/graphql/limits.ts. */
export const QUERY_REFUSED = 'QUERY_REFUSED';

/** Which limit refused a request; sent as `extensions.limit`. */
export type QueryLimit =
  'tokens' | 'depth' | 'aliases' | 'directives' | 'cost' | 'selections' | 'oncePerRequest';

/**
 * A refused request: HTTP 400, `extensions.code` QUERY_REFUSED, the limit's name and its maximum
 * in `extensions`, and the maximum in the message.
 */
export function queryRefused(
  limit: QueryLimit,
  maximum: number,
  message: string,
  nodes?: ASTNode | readonly ASTNode[],
): GraphQLError {
  return new GraphQLError(message, {
    nodes,
    extensions: { code: QUERY_REFUSED, limit, maximum, http: { status: 400 } },
  });
}

function extensionsOf(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const extensions = (value as { extensions?: unknown }).extensions;
  return typeof extensions === 'object' && extensions !== null
    ? (extensions as Record<string, unknown>)
    : undefined;
}

/**
 * The refusal carried by an error as Apollo reports it, or undefined. Apollo re-labels every
 * error of a validation rule GRAPHQL_VALIDATION_FAILED and keeps the rule's own error as
 * `originalError`; the refusal's code is given back here, so that every limit answers alike.
 */
export function refusalCarriedBy(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError | undefined {
  const original = extensionsOf((error as { originalError?: unknown } | null)?.originalError);
  for (const extensions of [extensionsOf(formatted), original]) {
    if (extensions?.code === QUERY_REFUSED) {
      const { limit, maximum } = extensions;
      const { message, locations } = formatted;
      return { message, locations, extensions: { code: QUERY_REFUSED, limit, maximum } };
    }
  }
  return undefined;
}
