/**
 * A typed GraphQL client in a few lines: signs in, finds a client, previews its deletion and
 * deletes it, using the documents that `npm run codegen` generates from examples/*.graphql.
 *
 *   npm start                      # in one terminal: the service with its demo data
 *   npm run example:client         # in another: erases the demo client "Ada Deletable"
 *
 * Settings (environment): GRAPHQL_URL (default http://localhost:4000/graphql), STAFF_EMAIL
 * (admin@example.com), STAFF_PASSWORD (SEED_STAFF_PASSWORD, else demo-password), STAFF_OTP (the
 * current authenticator code, for staff with two-factor sign-in) and CLIENT_SEARCH (Deletable).
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import {
  ClientDeletionPreviewDocument,
  ClientsDocument,
  DeleteClientDocument,
  LoginDocument,
  type ClientDeletionPreviewQuery,
  type DeleteClientMutation,
} from '../src/generated/graphql';

export interface ExampleOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  email: string;
  password: string;
  /** The current code of the authenticator app, for staff with two-factor sign-in (TOTP). */
  otp?: string;
  /** Finds the client to delete: the first client matching it (name, email, company or number). */
  search: string;
  /** Where progress goes; console.log by default. */
  log?: (line: string) => void;
}

type Preview = Extract<
  ClientDeletionPreviewQuery['clientDeletionPreview'],
  { __typename: 'ClientDeletionPreview' }
>;
type Receipt = Extract<DeleteClientMutation['deleteClient'], { __typename: 'ClientDeleted' }>['receipt'];

export interface ExampleResult {
  clientId: string;
  preview: Preview;
  /** Null when the preview showed blockers, so nothing was deleted. */
  receipt: Receipt | null;
}

/** One GraphQL request over fetch; the document's types give the variables and the result. */
export async function request<TResult, TVariables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  token?: string,
): Promise<TResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: TResult; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    const messages = body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`;
    throw new Error(`GraphQL request failed: ${messages}`);
  }
  return body.data;
}

export async function main(options: ExampleOptions): Promise<ExampleResult> {
  const { url } = options;
  const log = options.log ?? console.log;

  const { login } = await request(url, LoginDocument, {
    email: options.email,
    password: options.password,
    otp: options.otp ?? null,
  });
  if (login.__typename !== 'LoginSuccess') throw new Error(`sign-in refused: ${login.message}`);
  const token = login.token;
  log(`signed in as ${login.staff.email} (${login.staff.permissions.join(', ')})`);

  const { clients } = await request(url, ClientsDocument, { search: options.search, first: 5 }, token);
  const client = clients.edges[0]?.node;
  if (!client) throw new Error(`no client matches "${options.search}"`);
  const contact = client.primaryContact;
  log(
    `client ${client.idCode} (id ${client.id}): ${contact ? `${contact.firstName} ${contact.lastName}` : '-'}`,
  );

  const { clientDeletionPreview: preview } = await request(
    url,
    ClientDeletionPreviewDocument,
    { clientId: client.id },
    token,
  );
  if (preview.__typename !== 'ClientDeletionPreview') throw new Error(preview.message);
  log(`preview: ${preview.total} rows in ${preview.counts.length} tables. ${preview.warning}`);
  if (!preview.deletable) {
    for (const blocker of preview.blockers) log(`blocked: ${blocker.message}`);
    return { clientId: client.id, preview, receipt: null };
  }

  const { deleteClient: outcome } = await request(
    url,
    DeleteClientDocument,
    { id: client.id, password: options.password, previewToken: preview.previewToken },
    token,
  );
  if (outcome.__typename !== 'ClientDeleted') throw new Error(`${outcome.errorCode}: ${outcome.message}`);
  log(
    `deleted: receipt ${outcome.receipt.id}, ${outcome.receipt.total} rows at ${outcome.receipt.deletedAt}`,
  );
  return { clientId: client.id, preview, receipt: outcome.receipt };
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): ExampleOptions {
  return {
    url: env.GRAPHQL_URL || 'http://localhost:4000/graphql',
    email: env.STAFF_EMAIL || 'admin@example.com',
    password: env.STAFF_PASSWORD || env.SEED_STAFF_PASSWORD || 'demo-password',
    otp: env.STAFF_OTP || undefined,
    search: env.CLIENT_SEARCH || 'Deletable',
  };
}

if (require.main === module) {
  main(optionsFromEnv()).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
