import { performance } from 'node:perf_hooks';
import type { Orm } from '../../src/db/orm';

/**
 * Peak resident set size while something runs: `rss` read every `intervalMs` by a timer. The
 * service awaits the database most of the time, so the timer keeps firing during a deletion.
 */
export class RssSampler {
  private peak = process.memoryUsage().rss;
  private samples = 1;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 5) {
    this.timer = setInterval(() => {
      this.samples += 1;
      this.peak = Math.max(this.peak, process.memoryUsage().rss);
    }, intervalMs);
  }

  stop(): { peak: number; samples: number } {
    clearInterval(this.timer);
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
    return { peak: this.peak, samples: this.samples };
  }
}

/** RSS after a full collection, when the benchmark runs with --expose-gc. */
export function idleRss(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().rss;
}

export interface TracedStatement {
  readonly sql: string;
  readonly ms: number;
  /** Affected rows of a write; rows returned by a read. */
  readonly rows: number;
}

/**
 * Times every statement the service sends while recording, through knex's public query events
 * (MikroORM runs its SQL through knex). Used to show which of the service's statements take
 * the time; never changes what the service does.
 */
export class StatementTrace {
  private recording: TracedStatement[] | undefined;
  private readonly started = new Map<string, number>();

  constructor(orm: Orm) {
    const knex = orm.em.getConnection().getKnex();
    knex.on('query', (q: { __knexQueryUid?: string }) => {
      if (this.recording && q.__knexQueryUid) this.started.set(q.__knexQueryUid, performance.now());
    });
    knex.on('query-response', (response: unknown, q: { __knexQueryUid?: string; sql?: string }) => {
      const uid = q.__knexQueryUid;
      const start = uid ? this.started.get(uid) : undefined;
      if (!this.recording || !uid || start === undefined) return;
      this.started.delete(uid);
      this.recording.push({
        sql: String(q.sql ?? ''),
        ms: performance.now() - start,
        rows: rowsOf(response),
      });
    });
  }

  start(): void {
    this.recording = [];
    this.started.clear();
  }

  stop(): TracedStatement[] {
    const recorded = this.recording ?? [];
    this.recording = undefined;
    return recorded;
  }
}

function rowsOf(response: unknown): number {
  const first = Array.isArray(response) ? response[0] : response;
  if (Array.isArray(first)) return first.length;
  if (first && typeof first === 'object' && 'affectedRows' in first) return Number(first.affectedRows);
  return 0;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
