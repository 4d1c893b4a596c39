import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../schema/pagination';

/** Deepest selection accepted; introspection fields (`__schema`, `__type`) are not counted. */
export const MAX_QUERY_DEPTH = 10;

/**
 * Highest cost accepted. Every field costs 1 and a paginated field multiplies the cost of its
 * selection by its page size, so a full page of 100 clients with their primary contact and counts
 * (about 1,200) passes while a handful of aliased full pages does not.
 */
export const MAX_QUERY_COST = 2000;

export function depthLimitRule(): ValidationRule {
  return depthLimit(MAX_QUERY_DEPTH);
}

/** A field with a `first` argument returns up to `first` items, each costing its selection. */
const paginationEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.name.startsWith('__')) return 0;
  if (!field.args.some((arg) => arg.name === 'first')) return undefined;
  const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
  return 1 + childComplexity * Math.min(Math.max(first, 1), MAX_PAGE_SIZE);
};

const estimators = [paginationEstimator, simpleEstimator({ defaultComplexity: 1 })];

/**
 * Refuses an operation whose cost exceeds MAX_QUERY_COST before anything is resolved. It runs
 * once the operation is known rather than as a static validation rule, because the cost depends
 * on the variables (`first: $first`).
 */
export const costLimitPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, schema }) {
        let cost: number;
        try {
          cost = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            operationName: request.operationName ?? undefined,
            estimators,
          });
        } catch {
          // Variables that do not coerce: execution reports them as BAD_USER_INPUT.
          return;
        }
        if (cost > MAX_QUERY_COST) {
          throw new GraphQLError(`Query cost ${cost} exceeds the maximum of ${MAX_QUERY_COST}.`, {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
          });
        }
      },
    };
  },
};
