import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { LoginDocument } from '../../src/generated/graphql';

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

/**
 * Sends one GraphQL request over HTTP, as a client would. `url` is the server's or its endpoint.
 * With a typed document from src/generated (the examples' operations) the result is typed; a
 * plain string is for the probes that send what no example does.
 */
export async function gql<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
  token?: string | null,
  headers?: Record<string, string>,
): Promise<GqlResponse<TData>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read untyped results loosely
export async function gql<TData = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string | null,
  headers?: Record<string, string>,
): Promise<GqlResponse<TData>>;
export async function gql(
  url: string,
  query: string | TypedDocumentNode<unknown, unknown>,
  variables?: unknown,
  token?: string | null,
  headers: Record<string, string> = {},
): Promise<GqlResponse<unknown>> {
  const response = await fetch(graphqlEndpoint(url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: GqlError[] };
  return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
}

/** The example Login operation (examples/login.graphql), as text for untyped probes. */
export const LOGIN = print(LoginDocument);

/** Signs in and returns the token; fails the test when sign-in does not succeed. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await gql(url, LoginDocument, { email, password });
  const result = res.data?.login;
  if (result?.__typename !== 'LoginSuccess') {
    throw new Error(`sign-in of ${email} failed: ${JSON.stringify(res.errors ?? result)}`);
  }
  return result.token as string;
}
