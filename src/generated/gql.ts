/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ClientDeletionPreview($clientId: ID!) {\n  clientDeletionPreview(clientId: $clientId) {\n    __typename\n    ... on ClientDeletionPreview {\n      clientId\n      deletable\n      total\n      warning\n      previewToken\n      blockers {\n        code\n        message\n        count\n        ids\n      }\n      counts {\n        table\n        category\n        count\n      }\n      kept {\n        table\n        category\n        count\n        reason\n      }\n    }\n    ... on ErrorResult {\n      errorCode\n      message\n    }\n  }\n}": typeof types.ClientDeletionPreviewDocument,
    "query ClientDeletions($first: Int, $after: String) {\n  clientDeletions(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        clientId\n        deletedAt\n        total\n        deletedBy {\n          id\n          firstName\n          lastName\n        }\n        counts {\n          table\n          category\n          count\n        }\n      }\n    }\n  }\n}": typeof types.ClientDeletionsDocument,
    "query Client($id: ID!) {\n  client(id: $id) {\n    id\n    idCode\n    status\n    primaryContact {\n      id\n      contactType\n      firstName\n      lastName\n      email\n      company\n    }\n    contacts {\n      id\n      contactType\n      firstName\n      lastName\n      email\n      company\n    }\n    invoiceCount\n    openInvoiceCount\n    serviceCount\n    activeServiceCount\n  }\n}": typeof types.ClientDocument,
    "query Clients($search: String, $first: Int, $after: String) {\n  clients(search: $search, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        idCode\n        status\n        primaryContact {\n          firstName\n          lastName\n          company\n        }\n        invoiceCount\n        openInvoiceCount\n        serviceCount\n        activeServiceCount\n      }\n    }\n  }\n}": typeof types.ClientsDocument,
    "mutation DeleteClient($id: ID!, $password: String!, $previewToken: String) {\n  deleteClient(id: $id, password: $password, previewToken: $previewToken) {\n    __typename\n    ... on ClientDeleted {\n      receipt {\n        id\n        clientId\n        deletedAt\n        total\n        deletedBy {\n          id\n          firstName\n          lastName\n        }\n        counts {\n          table\n          category\n          count\n        }\n        kept {\n          table\n          category\n          count\n        }\n      }\n    }\n    ... on DeletionBlockedError {\n      blockers {\n        code\n        message\n        count\n        ids\n      }\n    }\n    ... on PreviewStaleError {\n      currentPreviewToken\n    }\n    ... on TooManyAttemptsError {\n      retryAfter\n    }\n    ... on ErrorResult {\n      errorCode\n      message\n    }\n  }\n}": typeof types.DeleteClientDocument,
    "mutation Login($email: String!, $password: String!, $otp: String) {\n  login(email: $email, password: $password, otp: $otp) {\n    __typename\n    ... on LoginSuccess {\n      token\n      expiresAt\n      staff {\n        id\n        email\n        permissions\n      }\n    }\n    ... on TooManyAttemptsError {\n      retryAfter\n    }\n    ... on SecondFactorRequiredError {\n      errorCode\n    }\n    ... on ErrorResult {\n      errorCode\n      message\n    }\n  }\n}": typeof types.LoginDocument,
    "mutation Logout {\n  logout\n}": typeof types.LogoutDocument,
    "query Me {\n  me {\n    id\n    email\n    permissions\n  }\n}": typeof types.MeDocument,
};
const documents: Documents = {
    "query ClientDeletionPreview($clientId: ID!) {\n  clientDeletionPreview(clientId: $clientId) {\n    __typename\n    ... on ClientDeletionPreview {\n      clientId\n      deletable\n      total\n      warning\n      previewToken\n      blockers {\n        code\n        message\n        count\n        ids\n      }\n      counts {\n        table\n        category\n        count\n      }\n      kept {\n        table\n        category\n        count\n        reason\n      }\n    }\n    ... on ErrorResult {\n      errorCode\n      message\n    }\n  }\n}": types.ClientDeletionPreviewDocument,
    "query ClientDeletions($first: Int, $after: String) {\n  clientDeletions(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        clientId\n        deletedAt\n        total\n        deletedBy {\n          id\n          firstName\n          lastName\n        }\n        counts {\n          table\n          category\n          count\n        }\n      }\n    }\n  }\n}": types.ClientDeletionsDocument,
    "query Client($id: ID!) {\n  client(id: $id) {\n    id\n    idCode\n    status\n    primaryContact {\n      id\n      contactType\n      firstName\n      lastName\n      email\n      company\n    }\n    contacts {\n      id\n      contactType\n      firstName\n      lastName\n      email\n      company\n    }\n    invoiceCount\n    openInvoiceCount\n    serviceCount\n    activeServiceCount\n  }\n}": types.ClientDocument,
    "query Clients($search: String, $first: Int, $after: String) {\n  clients(search: $search, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        idCode\n        status\n        primaryContact {\n          firstName\n          lastName\n          company\n        }\n        invoiceCount\n        openInvoiceCount\n        serviceCount\n        activeServiceCount\n      }\n    }\n  }\n}": types.ClientsDocument,
    "mutation DeleteClient($id: ID!, $password: String!, $previewToken: String) {\n  deleteClient(id: $id, password: $password, previewToken: $previewToken) {\n    __typename\n    ... on ClientDeleted {\n      receipt {\n        id\n        clientId\n        deletedAt\n        total\n        deletedBy {\n          id\n          firstName\n          lastName\n        }\n        counts {\n          table\n          category\n          count\n        }\n        kept {\n          table\n          category\n          count\n        }\n      }\n    }\n    ... on DeletionBlockedError {\n      blockers {\n        code\n        message\n        count\n        ids\n      }\n    }\n    ... on PreviewStaleError {\n      currentPreviewToken\n    }\n    ... on TooManyAttemptsError {\n      retryAfter\n    }\n    ... on ErrorResult {\n      errorCode\n      message\n    }\n  }\n}": types.DeleteClientDocument,
    "mutation Login($email: String!, $password: String!, $otp: String) {\n  login(email: $email, password: $password, otp: $otp) {\n    __typename\n    ... on LoginSuccess {\n      token\n      expiresAt\n      staff {\n        id\n        email\n        permissions\n      }\n    }\n    ... on TooManyAttemptsError {\n      retryAfter\n    }\n    ... on SecondFactorRequiredError {\n      errorCode\n    }\n    ... on ErrorResult {\n      errorCode\n      message\n    }\n  }\n}": types.LoginDocument,
    "mutation Logout {\n  logout\n}": types.LogoutDocument,
    "query Me {\n  me {\n    id\n    email\n    permissions\n  }\n}": types.MeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ClientDeletionPreview($clientId: ID!) {\n  clientDeletionPreview(clientId: $clientId) {\n    __typename\n    ... on ClientDeletionPreview {\n      clientId\n      deletable\n      total\n      warning\n      previewToken\n      blockers {\n        code\n        message\n        count\n        ids\n      }\n      counts {\n        table\n        category\n        count\n      }\n      kept {\n        table\n        category\n        count\n        reason\n      }\n    }\n    ... on ErrorResult {\n      errorCode\n      message\n    }\n  }\n}"): (typeof documents)["query ClientDeletionPreview($clientId: ID!) {\n  clientDeletionPreview(clientId: $clientId) {\n    __typename\n    ... on ClientDeletionPreview {\n      clientId\n      deletable\n      total\n      warning\n      previewToken\n      blockers {\n        code\n        message\n        count\n        ids\n      }\n      counts {\n        table\n        category\n        count\n      }\n      kept {\n        table\n        category\n        count\n        reason\n      }\n    }\n    ... on ErrorResult {\n      errorCode\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ClientDeletions($first: Int, $after: String) {\n  clientDeletions(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        clientId\n        deletedAt\n        total\n        deletedBy {\n          id\n          firstName\n          lastName\n        }\n        counts {\n          table\n          category\n          count\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query ClientDeletions($first: Int, $after: String) {\n  clientDeletions(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        clientId\n        deletedAt\n        total\n        deletedBy {\n          id\n          firstName\n          lastName\n        }\n        counts {\n          table\n          category\n          count\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Client($id: ID!) {\n  client(id: $id) {\n    id\n    idCode\n    status\n    primaryContact {\n      id\n      contactType\n      firstName\n      lastName\n      email\n      company\n    }\n    contacts {\n      id\n      contactType\n      firstName\n      lastName\n      email\n      company\n    }\n    invoiceCount\n    openInvoiceCount\n    serviceCount\n    activeServiceCount\n  }\n}"): (typeof documents)["query Client($id: ID!) {\n  client(id: $id) {\n    id\n    idCode\n    status\n    primaryContact {\n      id\n      contactType\n      firstName\n      lastName\n      email\n      company\n    }\n    contacts {\n      id\n      contactType\n      firstName\n      lastName\n      email\n      company\n    }\n    invoiceCount\n    openInvoiceCount\n    serviceCount\n    activeServiceCount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Clients($search: String, $first: Int, $after: String) {\n  clients(search: $search, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        idCode\n        status\n        primaryContact {\n          firstName\n          lastName\n          company\n        }\n        invoiceCount\n        openInvoiceCount\n        serviceCount\n        activeServiceCount\n      }\n    }\n  }\n}"): (typeof documents)["query Clients($search: String, $first: Int, $after: String) {\n  clients(search: $search, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        idCode\n        status\n        primaryContact {\n          firstName\n          lastName\n          company\n        }\n        invoiceCount\n        openInvoiceCount\n        serviceCount\n        activeServiceCount\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteClient($id: ID!, $password: String!, $previewToken: String) {\n  deleteClient(id: $id, password: $password, previewToken: $previewToken) {\n    __typename\n    ... on ClientDeleted {\n      receipt {\n        id\n        clientId\n        deletedAt\n        total\n        deletedBy {\n          id\n          firstName\n          lastName\n        }\n        counts {\n          table\n          category\n          count\n        }\n        kept {\n          table\n          category\n          count\n        }\n      }\n    }\n    ... on DeletionBlockedError {\n      blockers {\n        code\n        message\n        count\n        ids\n      }\n    }\n    ... on PreviewStaleError {\n      currentPreviewToken\n    }\n    ... on TooManyAttemptsError {\n      retryAfter\n    }\n    ... on ErrorResult {\n      errorCode\n      message\n    }\n  }\n}"): (typeof documents)["mutation DeleteClient($id: ID!, $password: String!, $previewToken: String) {\n  deleteClient(id: $id, password: $password, previewToken: $previewToken) {\n    __typename\n    ... on ClientDeleted {\n      receipt {\n        id\n        clientId\n        deletedAt\n        total\n        deletedBy {\n          id\n          firstName\n          lastName\n        }\n        counts {\n          table\n          category\n          count\n        }\n        kept {\n          table\n          category\n          count\n        }\n      }\n    }\n    ... on DeletionBlockedError {\n      blockers {\n        code\n        message\n        count\n        ids\n      }\n    }\n    ... on PreviewStaleError {\n      currentPreviewToken\n    }\n    ... on TooManyAttemptsError {\n      retryAfter\n    }\n    ... on ErrorResult {\n      errorCode\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($email: String!, $password: String!, $otp: String) {\n  login(email: $email, password: $password, otp: $otp) {\n    __typename\n    ... on LoginSuccess {\n      token\n      expiresAt\n      staff {\n        id\n        email\n        permissions\n      }\n    }\n    ... on TooManyAttemptsError {\n      retryAfter\n    }\n    ... on SecondFactorRequiredError {\n      errorCode\n    }\n    ... on ErrorResult {\n      errorCode\n      message\n    }\n  }\n}"): (typeof documents)["mutation Login($email: String!, $password: String!, $otp: String) {\n  login(email: $email, password: $password, otp: $otp) {\n    __typename\n    ... on LoginSuccess {\n      token\n      expiresAt\n      staff {\n        id\n        email\n        permissions\n      }\n    }\n    ... on TooManyAttemptsError {\n      retryAfter\n    }\n    ... on SecondFactorRequiredError {\n      errorCode\n    }\n    ... on ErrorResult {\n      errorCode\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Logout {\n  logout\n}"): (typeof documents)["mutation Logout {\n  logout\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me {\n  me {\n    id\n    email\n    permissions\n  }\n}"): (typeof documents)["query Me {\n  me {\n    id\n    email\n    permissions\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;