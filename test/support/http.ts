/** A GraphQL error as the server sends it. */
export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GqlResponse<TData> {
  status: number;
  data: TData | null | undefined;
  errors: GqlError[] | undefined;
  headers: Headers;
}

/** The GraphQL endpoint of a server URL: `/graphql` is added unless the URL already ends with it. */
export function graphqlEndpoint(url: string): string {
  return /\/graphql$/.test(url) ? url : `${url.replace(/\/$/, '')}/graphql`;
}

/** Sends one GraphQL request over HTTP, as a client would. `url` is the server's or its endpoint. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read results loosely
export async function gql<TData = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string | null,
  headers: Record<string, string> = {},
): Promise<GqlResponse<TData>> {
  const response = await fetch(graphqlEndpoint(url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: TData | null; errors?: GqlError[] };
  return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
}

export const LOGIN = /* GraphQL */ `
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ... on LoginSuccess {
        token
        expiresAt
        staff {
          id
          email
          permissions
        }
      }
      ... on ErrorResult {
        errorCode
        message
      }
      ... on TooManyAttemptsError {
        retryAfter
      }
    }
  }
`;

/** Signs in and returns the token; fails the test when sign-in does not succeed. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await gql(url, LOGIN, { email, password });
  const result = res.data?.login;
  if (result?.__typename !== 'LoginSuccess') {
    throw new Error(`sign-in of ${email} failed: ${JSON.stringify(res.errors ?? result)}`);
  }
  return result.token as string;
}
