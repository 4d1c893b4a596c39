import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { IsolationLevel } from '@mikro-orm/core';
import type { AppCore } from '../app';
import type { RequestContext } from '../context';
import { requireStaff } from '../auth/require-staff';
import { largeTransaction } from '../db/galera';
import { withRetry } from '../db/retry';
import { EmSqlRunner, PreparedReads } from '../db/sql-runner';
import { deletionOutcomeOf, deletionOutcomeOfError } from '../metrics';
import type { Em } from '../db/orm';
import { ClientDeletion } from '../entities';
import { enqueue, enqueueFromRows, type OutboxProcessor } from '../events/outbox';
import { CLIENT_DELETED } from '../events/event-bus';
import { verifyStaffPassword } from '../auth/password-check.service';
import { clientInCompany, findClientInCompany } from '../clients/clients.service';
import { ClientNotFoundError, PreviewStaleError } from '../schema/errors';
import {
  ClientDeleted,
  ClientDeletionPreview,
  DeletionBlockedError,
  DeletionBlocker,
  DeletionCount,
  DeletionReceipt,
} from '../schema/deletion.types';
import { CORE } from './erasure-plan';
import { ErasureExecutor, type Assessment } from './erasure-executor';
import type { ClientRef } from './erasure-rules';

export const PERMANENCE_WARNING =
  'Deleting this client is permanent and cannot be undone: every record listed here is erased ' +
  'and no copy is kept. Only the counts are kept for the audit log.';

export { CLIENT_DELETED };

type DeleteClientOutcome =
  | ClientDeleted
  | ClientNotFoundError
  | DeletionBlockedError
  | PreviewStaleError
  | Exclude<Awaited<ReturnType<typeof verifyStaffPassword>>, 'ok'>;

/**
 * Previews and erases clients (SPEC 2). Every method works in the acting staff member's company;
 * another company's client is reported as not found.
 */
export class ClientDeletionService {
  /** Tables as the preview and the receipt list them: parents first (the reverse of deletion). */
  private readonly displayOrder: readonly string[];
  private readonly executor: ErasureExecutor;
  private readonly reads: PreparedReads;

  constructor(
    private readonly app: AppCore,
    private readonly outbox: OutboxProcessor,
  ) {
    this.executor = new ErasureExecutor(app.plan);
    this.reads = new PreparedReads(app.orm, app.driver);
    // Plugins delete their tables first, from their handlers, in the order they are installed;
    // refused at start-up when that grouping breaks the plan's order.
    const sequence = app.plan.sequenceWithFirst(app.plan.owners.filter((owner) => owner !== CORE));
    this.displayOrder = [...sequence].reverse();
  }

  async preview(ctx: RequestContext, clientId: number): Promise<ClientDeletionPreview | ClientNotFoundError> {
    const started = performance.now();
    try {
      return await this.previewOnce(ctx, clientId);
    } finally {
      this.app.metrics.previewFinished((performance.now() - started) / 1000);
    }
  }

  private async previewOnce(
    ctx: RequestContext,
    clientId: number,
  ): Promise<ClientDeletionPreview | ClientNotFoundError> {
    const client: ClientRef = { id: clientId, companyId: requireStaff(ctx).companyId };
    // One statement: the company scope, every count, the kept rows and the blockers, from one
    // snapshot and in one round trip, prepared once per pooled connection (see PreparedReads).
    const assessment = await this.executor.assess(this.reads, client, {
      counts: true,
      exists: clientInCompany(client),
    });
    if (!assessment.found) return new ClientNotFoundError(clientId);
    const blockers = this.blockersOf(assessment);
    const counts = this.countsOf(assessment.counts);
    const kept = this.keptOf(assessment.kept);
    return Object.assign(new ClientDeletionPreview(), {
      clientId: String(clientId),
      deletable: blockers.length === 0,
      blockers,
      counts,
      kept,
      total: sum(counts),
      warning: PERMANENCE_WARNING,
      previewToken: previewToken(client, blockers, counts, kept),
    });
  }

  /**
   * Deletes the client and every record of it in one transaction: lock the client row, re-check
   * blockers, lock the sign-ins it shares only with other clients, run the plugins' and the core's
   * deleters, verify that nothing is left, compare what was deleted with the confirmed preview
   * (rolling back when it is stale), write the audit row and the outbox, commit. The password is
   * checked first, in its own write, so a failed attempt counts towards the lockout even though
   * nothing else is written.
   *
   * A client that no longer exists answers with the company's newest receipt for its id, if any:
   * a repeated call, or the loser of two concurrent calls (the client row lock makes it wait for
   * the winner, then find no client). The client is looked for first, so a client that later holds
   * a deleted id is deleted like any other.
   *
   * On MariaDB the transaction runs under READ COMMITTED (SPEC 2.3): under REPEATABLE READ every
   * row a DELETE's sub-selects read is locked, gaps included, and other clients' writes (sign-ups
   * into the client's group, their invoices, their contacts, staff) would wait for the deletion.
   * It stays safe: rows that reference the client's rows by a foreign key cannot be added while
   * the client row is locked or make the parent's delete fail, the rows matched otherwise are
   * counted again before commit (the residue check), and the shared sign-ins are locked before
   * they are decided. Each statement reads what is committed when it runs; the deletes read only
   * the client's own rows and the staged copies of everything else (see StagedSet).
   */
  async deleteClient(
    ctx: RequestContext,
    clientId: number,
    password: string,
    confirmedToken?: string | null,
  ): Promise<DeleteClientOutcome> {
    const called = performance.now();
    const metered = { deletedNow: false };
    try {
      const result = await this.deleteClientOnce(ctx, clientId, password, confirmedToken, metered);
      const rows = 'receipt' in result ? result.receipt.total : 0;
      this.app.metrics.deletionFinished(
        deletionOutcomeOf(result, metered.deletedNow),
        (performance.now() - called) / 1000,
        rows,
      );
      return result;
    } catch (error) {
      this.app.metrics.deletionFinished(deletionOutcomeOfError(error), (performance.now() - called) / 1000);
      throw error;
    }
  }

  private async deleteClientOnce(
    ctx: RequestContext,
    clientId: number,
    password: string,
    confirmedToken: string | null | undefined,
    metered: { deletedNow: boolean },
  ): Promise<DeleteClientOutcome> {
    const staff = requireStaff(ctx);
    const passwordCheck = await verifyStaffPassword(ctx, password);
    if (passwordCheck !== 'ok') return passwordCheck;

    const started = performance.now();
    let outcome: ClientDeleted | ClientNotFoundError | DeletionBlockedError | PreviewStaleError;
    // False when the outcome is a receipt stored by an earlier call: nothing to log or deliver.
    let deletedNow = false;
    try {
      // A deadlock or a cluster certification conflict runs the whole transaction again (the
      // password was checked above, once); on a Galera node it replicates in fragments.
      outcome = await withRetry(this.app, 'deletion', () => {
        deletedNow = false;
        return largeTransaction(
          this.app,
          ctx.em,
          async (em) => {
            const db = new EmSqlRunner(em, this.app.driver);
            const client = await findClientInCompany(db, clientId, staff.companyId, { forUpdate: true });
            if (!client) {
              const receipt = await this.storedReceipt(em, staff.companyId, clientId);
              return receipt ? new ClientDeleted(receipt) : new ClientNotFoundError(clientId);
            }
            const run = this.executor.begin(db, client);
            // Before anything reads a keep rule: shared sign-ins are decided by one deletion at a time.
            await run.lockContested();
            const assessment = await this.executor.assess(db, client, { counts: false });
            const blockers = this.blockersOf(assessment);
            if (blockers.length > 0) return new DeletionBlockedError(blockers);
            const kept = this.keptOf(assessment.kept);

            // The rows are not counted first: a delete returns how many rows it removed, and the
            // receipt's counts fingerprint exactly like the preview's. When they differ from the
            // confirmed preview, something changed in between and everything rolls back.
            const now = this.app.clock.now();
            await run.stage();
            await this.app.events.publish('client.deleting', {
              client,
              db,
              em,
              deleteTablesOf: (owner) => run.deleteTablesOf(owner),
              enqueue: (event, payload) => enqueue(db, now, event, payload),
              enqueueFrom: (event, table, column, key) =>
                enqueueFromRows(db, now, event, key, column, run.rowsOf(table)),
            });
            const deleted = await run.finish();
            const counts = this.countsOf(new Map(Object.entries(deleted)));
            const token = previewToken(client, [], counts, kept);
            if (confirmedToken && confirmedToken !== token) throw new StalePreview(token);

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
            deletedNow = true;
            return new ClientDeleted(this.toReceipt(audit));
          },
          this.deletionTransaction,
        );
      });
      metered.deletedNow = deletedNow;
    } catch (error) {
      if (error instanceof StalePreview) return new PreviewStaleError(error.token);
      throw error;
    }

    if (outcome instanceof ClientDeleted && deletedNow) {
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

  /** READ COMMITTED on MariaDB (see deleteClient); SQLite has a single writer and no levels. */
  private get deletionTransaction() {
    return this.app.driver === 'mysql' ? { isolationLevel: IsolationLevel.READ_COMMITTED } : {};
  }

  /** The newest receipt of the company for this client id: ids are reused (restored backups). */
  private async storedReceipt(em: Em, companyId: number, clientId: number): Promise<DeletionReceipt | null> {
    const row = await em.findOne(
      ClientDeletion,
      { company: companyId, clientId },
      { orderBy: { id: 'desc' } },
    );
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
    const category = this.app.plan.has(table) ? this.app.plan.rule(table).category : 'Other';
    return Object.assign(new DeletionCount(), { table, category, count });
  }

  /** Per-table counts in display order (parents first). */
  private countsOf(counts: ReadonlyMap<string, number>): DeletionCount[] {
    return this.displayOrder.filter((t) => counts.get(t)).map((t) => this.countOf(t, counts.get(t)!));
  }

  /** Kept rows per table in display order, each with why it is kept. */
  private keptOf(kept: ReadonlyMap<string, number>): DeletionCount[] {
    return this.countsOf(kept).map((row) =>
      Object.assign(row, { reason: this.app.plan.rule(row.table).keep?.reason }),
    );
  }

  private blockersOf(assessment: Assessment): DeletionBlocker[] {
    return assessment.blockers.map(({ rule, count, ids }) =>
      Object.assign(new DeletionBlocker(), {
        code: rule.code,
        message: rule.message.replace('{count}', String(count)),
        count,
        ids: ids.map(String),
      }),
    );
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
