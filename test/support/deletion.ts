import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReferenceKind } from '@mikro-orm/core';
import type { App } from '../../src/app';
import { EmSqlRunner } from '../../src/db/sql-runner';
import { Sql, ident, sql } from '../../src/deletion/sql';
import { createCompanyFixtures, type CompanyFixtures } from '../../src/seed/company-fixtures';
import {
  fullShapeCounts,
  generateClient,
  type GenerateClientOptions,
  type GeneratedClient,
} from '../../src/seed/client-generator';
import { gql } from './http';

export const PREVIEW = /* GraphQL */ `
  query Preview($id: ID!) {
    clientDeletionPreview(clientId: $id) {
      __typename
      ... on ClientDeletionPreview {
        clientId
        deletable
        total
        warning
        previewToken
        blockers {
          code
          message
          count
          ids
        }
        counts {
          table
          category
          count
        }
        kept {
          table
          count
        }
      }
      ... on ErrorResult {
        errorCode
        message
      }
    }
  }
`;

export const DELETE = /* GraphQL */ `
  mutation Delete($id: ID!, $password: String!, $token: String) {
    deleteClient(id: $id, password: $password, previewToken: $token) {
      __typename
      ... on ClientDeleted {
        receipt {
          id
          clientId
          deletedAt
          total
          deletedBy {
            id
            email
          }
          counts {
            table
            category
            count
          }
          kept {
            table
            count
          }
        }
      }
      ... on DeletionBlockedError {
        blockers {
          code
          count
          ids
        }
      }
      ... on PreviewStaleError {
        currentPreviewToken
      }
      ... on ErrorResult {
        errorCode
        message
      }
    }
  }
`;

export const DELETIONS = /* GraphQL */ `
  query Deletions($first: Int, $after: String) {
    clientDeletions(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          clientId
          total
          counts {
            table
            count
          }
        }
      }
    }
  }
`;

export function preview(url: string, token: string, id: number | string) {
  return gql(url, PREVIEW, { id: String(id) }, token);
}

export function deleteClient(
  url: string,
  token: string,
  id: number | string,
  password: string,
  previewToken?: string,
) {
  return gql(url, DELETE, { id: String(id), password, token: previewToken ?? null }, token);
}

/** Turns `[{ table, count }]` into `{ table: count }`. */
export function byTable(counts: readonly { table: string; count: number }[]): Record<string, number> {
  return Object.fromEntries(counts.map((c) => [c.table, c.count]));
}

/** Non-zero entries only. */
export function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

/** Every table the ORM knows, with its row count: a snapshot of the whole database. */
export async function rowCounts(app: App): Promise<Record<string, number>> {
  const db = new EmSqlRunner(app.orm.em.fork(), app.driver);
  const counts: Record<string, number> = {};
  for (const meta of Object.values(app.orm.getMetadata().getAll())) {
    const [{ n }] = await db.rows<{ n: number }>(sql`SELECT COUNT(*) AS n FROM ${ident(meta.tableName)}`);
    counts[meta.tableName] = Number(n);
  }
  return counts;
}

/** Tables with a text column containing `marker`, with the number of such rows. */
export async function tablesContaining(app: App, marker: string): Promise<Record<string, number>> {
  const db = new EmSqlRunner(app.orm.em.fork(), app.driver);
  const found: Record<string, number> = {};
  for (const meta of Object.values(app.orm.getMetadata().getAll())) {
    const all = meta.props
      .filter(
        (p) => p.kind === ReferenceKind.SCALAR && /char|text|json/i.test(String(p.columnTypes?.[0] ?? '')),
      )
      .flatMap((p) => p.fieldNames);
    if (all.length === 0) continue;
    const where = Sql.join(
      all.map((c) => sql`${ident(c)} LIKE ${`%${marker}%`}`),
      ' OR ',
    );
    const [{ n }] = await db.rows<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM ${ident(meta.tableName)} WHERE ${where}`,
    );
    if (Number(n) > 0) found[meta.tableName] = Number(n);
  }
  return found;
}

export interface Scenario {
  fixtures: CompanyFixtures;
  attachmentsDir: string;
}

export async function createScenario(app: App, companyName: string): Promise<Scenario> {
  const fixtures = await createCompanyFixtures(app.orm.em.fork(), {
    name: companyName,
    hostname: `${companyName.toLowerCase().replace(/\W+/g, '-')}.test`,
  });
  return { fixtures, attachmentsDir: app.config.attachmentsDir };
}

/**
 * A client with rows in every table of the spec (and of the installed plugins), except the
 * recurring-invoice tables unless a blocker shape asks for them: a recurring invoice blocks.
 */
export function fullShapeClient(
  app: App,
  scenario: Scenario,
  options: Partial<GenerateClientOptions> = {},
): Promise<GeneratedClient> {
  const plugins = app.config.plugins;
  return generateClient(app.orm.em.fork(), scenario.fixtures, {
    counts: fullShapeCounts(plugins, { recurring: options.blockerShape === 'recurring_invoice' }),
    plugins,
    attachmentsDir: scenario.attachmentsDir,
    writeAttachmentFiles: true,
    ...options,
  });
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'erasure-files-'));
}

export function filesPresent(dir: string, files: readonly string[]): number {
  return files.filter((f) => existsSync(join(dir, f))).length;
}
