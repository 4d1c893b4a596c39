import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getVariableValues,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../schema/pagination';
import { QUERY_REFUSED, queryRefused, refusalCarriedBy, type QueryLimit } from './query-refusal';

export { QUERY_REFUSED } from './query-refusal';

// Every request is bounded before anything of it runs, and every bound fails closed: a request
// that cannot be measured is refused. In order:
//   1. tokens      — while parsing (Apollo's parseOptions), before any other work;
//   2. depth, aliases, directives, once-per-request mutations — validation rules;
//   3. cost and selections — once the operation and its variables are known (didResolveOperation).
// A refusal is HTTP 400 with extensions.code QUERY_REFUSED and the maximum in the message.
//
// Sizes of what must pass, measured with graphql-js 16.15 against schema.graphql (all options of
// getIntrospectionQuery on; the examples with first: 100):
//   operation                      tokens  depth  aliases  cost  selections
//   getIntrospectionQuery()        184     15     0        1229  241
//   examples/delete-client         98      4      0        18    33
//   examples/client-deletions      54      5      0        1701  19
//   examples/clients               61      5      0        1801  20
//   examples/client-deletion-prev. 57      3      0        620   25

/**
 * Lexical tokens a document may have (graphql-js's parser stops at the next one; comments do not
 * count). The full introspection query has 184 and our largest operation 98; 1,000 leaves room
 * for hand-written queries while bounding the work of every later step — a document that spells
 * out 300 aliased fields, or nests 500 levels deep for the parser's recursion, cannot be sent.
 */
export const MAX_QUERY_TOKENS = 1_000;

/**
 * Deepest selection, fragments counted once (never re-walked) and introspection included.
 * graphql-js's introspection query is exactly 15 deep (`__schema types fields args type` and
 * then its TypeRef fragment, which follows `ofType` nine times); our own operations reach 5, and
 * outside introspection the schema has no recursive type, so today depth bounds introspection's
 * `ofType` and `fields { type }` chains and any recursive type added later.
 */
export const MAX_QUERY_DEPTH = 15;

/**
 * Aliased fields, `__typename` included (an aliased `__typename` is free to resolve but not to
 * send back, and it hid expensive fields from a node-counting estimator). Our operations use
 * none; a client comparing a few pages or clients side by side needs a handful.
 */
export const MAX_ALIASES = 10;

/**
 * Directives in an operation, fragments expanded. Clients use `@include`/`@skip` to switch parts
 * of an operation; our operations use none. Each unknown or repeated directive costs validation
 * an error object, which is all a flood of them can buy.
 */
export const MAX_DIRECTIVES = 10;

/**
 * Highest cost. A field costs 1 plus its selection; a field with `first` (a page) costs 1 plus its
 * selection times the page size (`first`, from the variables too; 20 when absent, at most 100);
 * the fields in {@link FIELD_PRICES} add their price. A full page of 100 clients or deletions as
 * the examples select them (1,801 and 1,701) passes; two such pages do not.
 */
export const MAX_QUERY_COST = 2_000;

/**
 * Selections the cost estimator may visit, fragments expanded at every spread. Without reuse of
 * fragments a document within {@link MAX_QUERY_TOKENS} spells out fewer than 1,000 selections;
 * twice that leaves room for fragments shared between branches, while a handful of fragments
 * that each spread the next twice is refused at once instead of being expanded.
 */
export const MAX_QUERY_SELECTIONS = 2_000;

/**
 * Price of `clientDeletionPreview`: a preview counts the client's rows table by table across the
 * whole erasure plan (one COUNT query per table, close to 80 tables with the plugins). A preview
 * costs 1 + 600 + its selection (at least 1), so at most three fit in {@link MAX_QUERY_COST}
 * whatever they select (3 × 602 ≤ 2,000 < 4 × 602); the example operation's costs 620.
 */
export const CLIENT_DELETION_PREVIEW_COST = 600;

/**
 * Price of `__schema`: it returns the whole schema (43 types with their fields, arguments and
 * their types), far more than its selection's field count says. One full introspection (1,229)
 * passes; two in one request do not.
 */
export const SCHEMA_INTROSPECTION_COST = 1_000;

/**
 * Root mutation fields allowed once per request, aliases and fragments included. `login` runs
 * bcrypt, slow by design: a hundred aliased logins took 27 s and made a hundred password guesses in
 * one request. `deleteClient` erases a client and re-checks a password.
 */
export const ONCE_PER_REQUEST_MUTATIONS: readonly string[] = ['login', 'deleteClient'];

/** Apollo's parseOptions: the parser enforces {@link MAX_QUERY_TOKENS}. */
export const PARSE_OPTIONS: ParseOptions = { maxTokens: MAX_QUERY_TOKENS };

/** What graphql-js 16's parser says at the token limit, word for word ("more that" included). */
const TOKEN_LIMIT_MESSAGE = `Syntax Error: Document contains more that ${MAX_QUERY_TOKENS} tokens. Parsing aborted.`;

/** What graphql-query-complexity 2 throws at `maxQueryNodes`. */
const SELECTION_LIMIT_MESSAGE = 'Query exceeds the maximum allowed number of nodes.';

// --- Validation rules -------------------------------------------------------------------------

/** The count graphql-armor found, from its message ("…exceeded, found 16."). */
function foundIn(error: GraphQLError): number | undefined {
  const found = /found (\d+)\.?$/.exec(error.message);
  return found ? Number(found[1]) : undefined;
}

/**
 * graphql-armor's options that replace its rejection by ours: it reports nothing itself
 * (`propagateOnRejection: false` — a thrown error would escape graphql's validate()) and calls
 * back, and the callback reports a QUERY_REFUSED error through the validation context.
 */
function armorRejection(limit: QueryLimit, maximum: number, describe: (found: number | undefined) => string) {
  return {
    n: maximum,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const refusal = queryRefused(limit, maximum, describe(foundIn(error)));
        // Within graphql's validate() the context is always there; without one, refuse loudly.
        if (!context) throw refusal;
        context.reportError(refusal);
      },
    ],
  };
}

const depthRule: ValidationRule = maxDepthRule({
  ...armorRejection('depth', MAX_QUERY_DEPTH, (found) =>
    found === undefined
      ? `Query depth exceeds the maximum of ${MAX_QUERY_DEPTH}.`
      : `Query depth ${found} exceeds the maximum of ${MAX_QUERY_DEPTH}.`,
  ),
  // Introspection is a query like any other: `__type { ofType { ofType … } }` nests.
  ignoreIntrospection: false,
  // Depth of fields: a fragment spread or inline fragment is not a level of its own.
  flattenFragments: true,
}) as ValidationRule;

const aliasRule: ValidationRule = maxAliasesRule({
  ...armorRejection('aliases', MAX_ALIASES, (found) =>
    found === undefined
      ? `Alias count exceeds the maximum of ${MAX_ALIASES}.`
      : `Alias count ${found} exceeds the maximum of ${MAX_ALIASES}.`,
  ),
  // graphql-armor leaves aliased __typename uncounted by default.
  allowList: [],
}) as ValidationRule;

const directiveRule: ValidationRule = maxDirectivesRule(
  armorRejection('directives', MAX_DIRECTIVES, (found) =>
    found === undefined
      ? `Directive count exceeds the maximum of ${MAX_DIRECTIVES}.`
      : `Directive count ${found} exceeds the maximum of ${MAX_DIRECTIVES}.`,
  ),
) as ValidationRule;

type FieldCounts = ReadonlyMap<string, number>;

function addCounts(into: Map<string, number>, counts: FieldCounts): void {
  for (const [name, count] of counts) into.set(name, (into.get(name) ?? 0) + count);
}

/**
 * At most one of each {@link ONCE_PER_REQUEST_MUTATIONS} per operation. Counts the root fields of
 * every mutation in the document — aliased or not, written out or reached through fragment
 * spreads and inline fragments, whatever their directives say — so the count can only be too high.
 * A fragment's count is computed once and reused at each spread.
 */
const oncePerRequestRule: ValidationRule = (context) => {
  const byFragment = new Map<string, FieldCounts>();
  const visiting = new Set<string>();

  const fragmentCounts = (name: string): FieldCounts => {
    const known = byFragment.get(name);
    if (known) return known;
    const fragment = context.getFragment(name);
    // An unknown fragment or a cycle: graphql's own rules refuse the document.
    if (!fragment || visiting.has(name)) return new Map();
    visiting.add(name);
    const counts = rootFieldCounts(fragment.selectionSet);
    visiting.delete(name);
    byFragment.set(name, counts);
    return counts;
  };

  const rootFieldCounts = (selectionSet: SelectionSetNode): FieldCounts => {
    const counts = new Map<string, number>();
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          addCounts(counts, new Map([[selection.name.value, 1]]));
          break;
        case Kind.INLINE_FRAGMENT:
          addCounts(counts, rootFieldCounts(selection.selectionSet));
          break;
        case Kind.FRAGMENT_SPREAD:
          addCounts(counts, fragmentCounts(selection.name.value));
          break;
      }
    }
    return counts;
  };

  return {
    OperationDefinition(operation) {
      if (operation.operation !== OperationTypeNode.MUTATION) return;
      const counts = rootFieldCounts(operation.selectionSet);
      for (const field of ONCE_PER_REQUEST_MUTATIONS) {
        const count = counts.get(field) ?? 0;
        if (count > 1) {
          context.reportError(
            queryRefused(
              'oncePerRequest',
              1,
              `Mutation ${field} appears ${count} times; the maximum is 1 per request.`,
              operation,
            ),
          );
        }
      }
    },
  };
};

/** Apollo's validationRules: depth, aliases, directives and once-per-request mutations. */
export const queryLimitRules: readonly ValidationRule[] = [
  depthRule,
  aliasRule,
  directiveRule,
  oncePerRequestRule,
];

// --- Cost -------------------------------------------------------------------------------------

/** Fields whose work is far above a row's, by `Type.field`: their price is added to their selection's. */
const FIELD_PRICES: Readonly<Record<string, number>> = {
  'Query.clientDeletionPreview': CLIENT_DELETION_PREVIEW_COST,
  'Query.__schema': SCHEMA_INTROSPECTION_COST,
};

const pricedFieldEstimator: ComplexityEstimator = ({ type, field, childComplexity }) => {
  const price = FIELD_PRICES[`${type.name}.${field.name}`];
  return price === undefined ? undefined : 1 + price + childComplexity;
};

/** A field with a `first` argument returns up to `first` items (default 20, at most 100), each costing its selection. */
const pageEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((arg) => arg.name === 'first')) return undefined;
  const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
  return 1 + childComplexity * Math.min(Math.max(first, 1), MAX_PAGE_SIZE);
};

/** The cost model; the first estimator that prices a field wins. Introspection fields cost like any other. */
export const COST_ESTIMATORS: readonly ComplexityEstimator[] = [
  pricedFieldEstimator,
  pageEstimator,
  simpleEstimator({ defaultComplexity: 1 }),
];

export interface CostCheckInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  /** The operation that would run; undefined when none could be chosen from the document. */
  operation: OperationDefinitionNode | undefined;
  variables: Record<string, unknown> | undefined;
}

/**
 * The cost of the operation under the cost model (`estimators`). Throws a QUERY_REFUSED error when
 * the estimator cannot give one, for whatever reason: the selection limit, a field no estimator
 * prices, a bug. Expects variables that coerce (see {@link checkQueryCost}).
 */
export function estimateQueryCost(
  { schema, document, operation, variables }: CostCheckInput & { operation: OperationDefinitionNode },
  estimators: readonly ComplexityEstimator[] = COST_ESTIMATORS,
): number {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operation.name?.value,
      estimators: [...estimators],
      // The estimator throws when it reaches this count: one more than we accept.
      maxQueryNodes: MAX_QUERY_SELECTIONS + 1,
    });
  } catch (error) {
    if (error instanceof Error && error.message === SELECTION_LIMIT_MESSAGE) {
      throw queryRefused(
        'selections',
        MAX_QUERY_SELECTIONS,
        `Query exceeds the maximum of ${MAX_QUERY_SELECTIONS} selections once its fragments are expanded.`,
        operation,
      );
    }
    throw queryRefused(
      'cost',
      MAX_QUERY_COST,
      `Query cost could not be estimated, so the query is refused (maximum cost ${MAX_QUERY_COST}).`,
      operation,
    );
  }
  if (!Number.isFinite(cost)) {
    throw queryRefused(
      'cost',
      MAX_QUERY_COST,
      `Query cost could not be estimated, so the query is refused (maximum cost ${MAX_QUERY_COST}).`,
      operation,
    );
  }
  return cost;
}

/**
 * Throws a QUERY_REFUSED error unless the operation's cost is known and at most MAX_QUERY_COST.
 * Only two cases are left to execution, because it runs nothing in them: no operation (Apollo
 * answers OPERATION_RESOLUTION_FAILURE) and variables that do not coerce (execution coerces them
 * exactly as checked here and answers BAD_USER_INPUT before any resolver).
 */
export function checkQueryCost(
  input: CostCheckInput,
  estimators: readonly ComplexityEstimator[] = COST_ESTIMATORS,
): void {
  const { schema, operation, variables } = input;
  if (!operation) return;
  const coercion = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coercion.errors) return;
  const cost = estimateQueryCost({ ...input, operation }, estimators);
  if (cost > MAX_QUERY_COST) {
    throw queryRefused(
      'cost',
      MAX_QUERY_COST,
      `Query cost ${cost} exceeds the maximum of ${MAX_QUERY_COST}.`,
      operation,
    );
  }
}

/**
 * Runs {@link checkQueryCost} once the operation is known, before any resolver or permission
 * check. Not a validation rule: the cost depends on the variables (`first: $first`), and Apollo
 * caches validated documents whatever their variables.
 */
export const costLimitPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, schema, operation }) {
        checkQueryCost({ schema, document, operation, variables: request.variables });
      },
    };
  },
};

// --- Refusals as the client sees them ---------------------------------------------------------

/**
 * A refusal as the client must see it, or undefined for any other error: a limit's error that
 * Apollo re-labelled as a validation failure, or the parser's token limit (a GRAPHQL_PARSE_FAILED
 * to Apollo), both get the code QUERY_REFUSED back. Called first by the error policy.
 */
export function asRefusal(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError | undefined {
  const carried = refusalCarriedBy(formatted, error);
  if (carried) return carried;
  if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && formatted.message === TOKEN_LIMIT_MESSAGE) {
    return {
      message: `Query exceeds the maximum of ${MAX_QUERY_TOKENS} tokens.`,
      locations: formatted.locations,
      extensions: { code: QUERY_REFUSED, limit: 'tokens', maximum: MAX_QUERY_TOKENS },
    };
  }
  return undefined;
}
