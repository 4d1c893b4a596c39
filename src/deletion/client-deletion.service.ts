import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { AppCore } from '../app';
import type { RequestContext } from '../context';
import { requireStaff } from '../auth/require-staff';
import { EmSqlRunner } from '../db/sql-runner';
import type { Em } from '../db/orm';
import { ClientDeletion } from '../entities';
import { enqueue, enqueueFromRows, type OutboxProcessor } from '../events/outbox';
import { verifyStaffPassword } from '../auth/password-check.service';
import { findClientInCompany } from '../clients/clients.service';
import { ClientNotFoundError, PreviewStaleError } from '../schema/errors';
import {
  ClientDeleted,
  ClientDeletionPreview,
  DeletionBlockedError,
  DeletionBlocker,
  DeletionCount,
  DeletionReceipt,
} from '../schema/deletion.types';
import type { ClientRef } from './deleter';
import { Sql, ident, sql } from './sql';

export const PERMANENCE_WARNING =
  'Deleting this client is permanent and cannot be undone: every record listed here is erased ' +
  'and no copy is kept. Only the counts are kept for the audit log.';

/** Event queued after commit for every deletion; carries ids and counts, nothing personal. */
export const CLIENT_DELETED = 'client.deleted';

/** The deletion stopped because rows of the client were left behind; the transaction rolled back. */
export class DeletionVerificationError extends Error {
  override name = 'DeletionVerificationError';
}

interface Assessment {
  client: ClientRef;
  blockers: DeletionBlocker[];
  counts: DeletionCount[];
  kept: DeletionCount[];
  token: string;
}

/**
 * Previews and erases clients (SPEC 2). Every method works in the acting staff member's company;
 * another company's client is reported as not found.
 */
export class ClientDeletionService {
  /** Tables in the order the deletion runs them: plugins' groups first, then the core's. */
  private readonly sequence: readonly string[];

  constructor(
    private readonly app: AppCore,
    private readonly outbox: OutboxProcessor,
  ) {
    this.sequence = app.graph.sequenceWithFirst(app.plugins.map((p) => p.deleter.name));
  }

  async preview(ctx: RequestContext, clientId: number): Promise<ClientDeletionPreview | ClientNotFoundError> {
    const companyId = requireStaff(ctx).companyId;
    // One transaction so every count comes from the same snapshot.
    return ctx.em.fork().transactional(async (em) => {
      const db = new EmSqlRunner(em, this.app.driver);
      const client = await findClientInCompany(db, clientId, companyId);
      if (!client) return new ClientNotFoundError(clientId);
      const a = await this.assess(db, client);
      return Object.assign(new ClientDeletionPreview(), {
        clientId: String(clientId),
        deletable: a.blockers.length === 0,
        blockers: a.blockers,
        counts: a.counts,
        kept: a.kept,
        total: sum(a.counts),
        warning: PERMANENCE_WARNING,
        previewToken: a.token,
      });
    });
  }

  /**
   * Deletes the client and every record of it in one transaction: lock the client row, re-check
   * blockers, run the plugins' and the core's deleters, verify that nothing is left, compare what
   * was deleted with the confirmed preview (rolling back when it is stale), write the audit row
   * and the outbox, commit. The password is checked first, in its own write, so a failed attempt
   * counts towards the lockout even though nothing else is written.
   */
  async deleteClient(
    ctx: RequestContext,
    clientId: number,
    password: string,
    confirmedToken?: string | null,
  ): Promise<
    | ClientDeleted
    | ClientNotFoundError
    | DeletionBlockedError
    | PreviewStaleError
    | Exclude<Awaited<ReturnType<typeof verifyStaffPassword>>, 'ok'>
  > {
    const staff = requireStaff(ctx);
    const passwordCheck = await verifyStaffPassword(ctx, password);
    if (passwordCheck !== 'ok') return passwordCheck;

    const stored = await this.storedReceipt(ctx.em.fork(), staff.companyId, clientId);
    if (stored) return new ClientDeleted(stored);

    const started = performance.now();
    let outcome: ClientDeleted | ClientNotFoundError | DeletionBlockedError | PreviewStaleError;
    try {
      outcome = await ctx.em.fork().transactional(async (em) => {
        const db = new EmSqlRunner(em, this.app.driver);
        const client = await findClientInCompany(db, clientId, staff.companyId, { forUpdate: true });
        if (!client) return new ClientNotFoundError(clientId);
        const blockers = await this.blockersOf(db, client);
        if (blockers.length > 0) return new DeletionBlockedError(blockers);
        const kept = await this.keptOf(db, client);

        // The rows are not counted first: a delete returns how many rows it removed, and the
        // receipt's counts fingerprint exactly like the preview's. When they differ from the
        // confirmed preview, something changed in between and everything rolls back.
        const deleted = await this.erase(em, db, client);
        const counts = this.displayOrder.filter((t) => deleted[t]).map((t) => this.countOf(t, deleted[t]));
        const token = previewToken(client, [], counts, kept);
        if (confirmedToken && confirmedToken !== token) throw new StalePreview(token);

        const now = this.app.clock.now();
        const audit = em.create(ClientDeletion, {
          company: staff.companyId,
          clientId,
          staff: staff.staffId,
          // Whole seconds: what a DATETIME column keeps, so a repeated call returns the same receipt.
          deletedAt: new Date(Math.floor(now.getTime() / 1000) * 1000),
          // In the preview's order (parents first), so the receipt reads like the preview.
          counts: Object.fromEntries(counts.map((c) => [c.table, c.count])),
          kept: Object.fromEntries(kept.map((k) => [k.table, k.count])),
          total: sum(counts),
          durationMs: Math.round(performance.now() - started),
        });
        await em.flush();
        await enqueue(db, now, CLIENT_DELETED, {
          deletionId: audit.id,
          companyId: staff.companyId,
          clientId,
          counts: deleted,
        });
        return new ClientDeleted(this.toReceipt(audit));
      });
    } catch (error) {
      if (error instanceof StalePreview) return new PreviewStaleError(error.token);
      // Two confirmations raced: the loser finds the winner's receipt.
      if (error instanceof UniqueConstraintViolationException) {
        const receipt = await this.storedReceipt(ctx.em.fork(), staff.companyId, clientId);
        if (receipt) return new ClientDeleted(receipt);
      }
      throw error;
    }

    if (outcome instanceof ClientNotFoundError) {
      const receipt = await this.storedReceipt(ctx.em.fork(), staff.companyId, clientId);
      if (receipt) return new ClientDeleted(receipt);
    }
    if (outcome instanceof ClientDeleted) {
      ctx.logger.info(
        {
          deletionId: Number(outcome.receipt.id),
          clientId,
          staffId: staff.staffId,
          durationMs: Math.round(performance.now() - started),
          total: outcome.receipt.total,
          counts: Object.fromEntries(outcome.receipt.counts.map((c) => [c.table, c.count])),
        },
        'client deleted',
      );
      this.outbox.drain().catch((error) => ctx.logger.error({ err: error }, 'outbox drain failed'));
    }
    return outcome;
  }

  /** The company's deletions, newest first, for the audit list. */
  async listDeletions(ctx: RequestContext, first: number, afterId: number | null) {
    const companyId = requireStaff(ctx).companyId;
    const where = afterId ? { company: companyId, id: { $lt: afterId } } : { company: companyId };
    const em = ctx.em.fork();
    const rows = await em.find(ClientDeletion, where, { orderBy: { id: 'desc' }, limit: first + 1 });
    const totalCount = await em.count(ClientDeletion, { company: companyId });
    return {
      receipts: rows.slice(0, first).map((r) => this.toReceipt(r)),
      hasNextPage: rows.length > first,
      totalCount,
    };
  }

  private async storedReceipt(em: Em, companyId: number, clientId: number): Promise<DeletionReceipt | null> {
    const row = await em.findOne(ClientDeletion, { company: companyId, clientId });
    return row ? this.toReceipt(row) : null;
  }

  private toReceipt(row: ClientDeletion): DeletionReceipt {
    const toCounts = (counts: Record<string, number>) =>
      Object.entries(counts).map(([table, count]) => this.countOf(table, count));
    return Object.assign(new DeletionReceipt(), {
      id: String(row.id),
      clientId: String(row.clientId),
      deletedAt: row.deletedAt,
      staffId: row.staff ? row.staff.id : null,
      counts: toCounts(row.counts),
      kept: toCounts(row.kept ?? {}),
      total: row.total,
    });
  }

  private countOf(table: string, count: number): DeletionCount {
    // A table of a plugin disabled since the deletion keeps its name; its category is unknown.
    const category = this.app.graph.has(table) ? this.app.graph.rule(table).category : 'Other';
    return Object.assign(new DeletionCount(), { table, category, count });
  }

  /** Blockers, per-table counts and kept rows, and the token that fingerprints them. */
  private async assess(db: EmSqlRunner, client: ClientRef): Promise<Assessment> {
    const blockers = await this.blockersOf(db, client);
    const kept = await this.keptOf(db, client);
    const counts: DeletionCount[] = [];
    for (const table of this.displayOrder) {
      const n = await this.app.graph.count(db, client, table);
      if (n > 0) counts.push(this.countOf(table, n));
    }
    return { client, blockers, counts, kept, token: previewToken(client, blockers, counts, kept) };
  }

  private async blockersOf(db: EmSqlRunner, client: ClientRef): Promise<DeletionBlocker[]> {
    const blockers: DeletionBlocker[] = [];
    for (const rule of this.app.graph.blockers) {
      const found = await this.app.graph.blocker(db, client, rule);
      if (found.count === 0) continue;
      blockers.push(
        Object.assign(new DeletionBlocker(), {
          code: rule.code,
          message: rule.message.replace('{count}', String(found.count)),
          count: found.count,
          ids: found.ids.map(String),
        }),
      );
    }
    return blockers;
  }

  private async keptOf(db: EmSqlRunner, client: ClientRef): Promise<DeletionCount[]> {
    const kept: DeletionCount[] = [];
    for (const table of this.displayOrder) {
      const n = await this.app.graph.countKept(db, client, table);
      if (n > 0)
        kept.push(Object.assign(this.countOf(table, n), { reason: this.app.graph.rule(table).keep?.reason }));
    }
    return kept;
  }

  /** Shown parents first: the client, then what hangs off it. */
  private get displayOrder(): string[] {
    return [...this.sequence].reverse();
  }

  /** Runs every deleter in order inside the transaction and returns the rows deleted per table. */
  private async erase(em: Em, db: EmSqlRunner, client: ClientRef): Promise<Record<string, number>> {
    const { graph } = this.app;
    const deleted: Record<string, number> = {};
    const done = new Set<string>();
    const deleteTable = async (table: string) => {
      if (done.has(table)) throw new Error(`table ${table} deleted twice`);
      done.add(table);
      const n = await graph.delete(db, client, table);
      if (n > 0) deleted[table] = n;
      const left = await graph.residue(db, client, table);
      if (left > 0)
        throw new DeletionVerificationError(`${left} row(s) of ${table} still belong to the client`);
    };
    const now = this.app.clock.now();

    await graph.stage(db, client);
    await this.app.events.publishDeleting({
      client,
      db,
      em,
      runDeleter: async (name) => {
        for (const table of graph.tablesOf(name)) await deleteTable(table);
      },
      enqueue: (event, payload) => enqueue(db, now, event, payload),
      enqueueFrom: (event, table, column, key) =>
        enqueueFromRows(
          db,
          now,
          event,
          key,
          column,
          sql`${ident(table)} t WHERE ${graph.owned(table, Sql.raw('t'), client, 'staged')}`,
        ),
    });
    // Plugins ran their groups; the core's tables follow in order.
    for (const table of this.sequence) if (!done.has(table)) await deleteTable(table);

    const residue = await graph.finalResidue(db, client);
    if (Object.keys(residue).length > 0) {
      throw new DeletionVerificationError(`rows still belong to the client: ${JSON.stringify(residue)}`);
    }
    await graph.unstage(db);
    return deleted;
  }
}

function sum(counts: DeletionCount[]): number {
  return counts.reduce((n, c) => n + c.count, 0);
}

/** Fingerprints everything a preview shows, so any change of a count or blocker changes it. */
function previewToken(
  client: ClientRef,
  blockers: readonly DeletionBlocker[],
  counts: readonly DeletionCount[],
  kept: readonly DeletionCount[],
): string {
  const shown = {
    client: client.id,
    blockers: blockers.map((b) => [b.code, b.count, b.ids]),
    counts: counts.map((c) => [c.table, c.count]),
    kept: kept.map((c) => [c.table, c.count]),
  };
  return createHash('sha256').update(JSON.stringify(shown)).digest('base64url');
}

/** Thrown inside the transaction to roll it back when the confirmed preview is stale. */
class StalePreview extends Error {
  constructor(readonly token: string) {
    super('the confirmed preview is stale');
  }
}
