import type { Sql } from '../../db/sql';
import type { SqlRunner } from '../../db/sql-runner';
import type { CompanyFixtures } from '../company-fixtures';
import { BatchInserter, type Row } from './batch-insert';
import type { GenerateClientOptions } from './options';
import type { SeedContext } from './plugin-seeder';
import type { BlockerShape } from './shapes';
import type { TableName } from './tables';
import { hex } from './values';

const DAY = 24 * 3600 * 1000;

/**
 * The client being generated: what the areas have inserted so far (ids read back in id order),
 * and the helpers every area writes with. The areas fill it in order, parents first; the plugins'
 * seeders see it as a {@link SeedContext}.
 */
export class ClientSeed implements SeedContext {
  clientId = 0;
  userIds: number[] = [];
  contactIds: number[] = [];
  contactEmails: string[] = [];
  contactNames: { first: string; last: string }[] = [];
  ccIds: number[] = [];
  achIds: number[] = [];
  serviceIds: number[] = [];
  invoiceIds: number[] = [];
  transactionIds: number[] = [];
  readonly attachmentFiles: string[] = [];

  readonly marker: string;
  readonly token = hex(4);
  /** Where to write attachment files, or undefined: write none. */
  readonly attachmentsDir: string | undefined;
  private readonly now = Date.now();
  private readonly shapes: readonly BlockerShape[];
  private readonly batch: BatchInserter;

  constructor(
    /** For the few statements that are not inserts (the client's primary account). */
    readonly runner: SqlRunner,
    readonly fixtures: CompanyFixtures,
    readonly options: GenerateClientOptions,
    private readonly counts: Readonly<Record<TableName, number>>,
  ) {
    this.marker = options.marker ?? '';
    this.shapes = ([] as BlockerShape[]).concat(options.blockerShape ?? []);
    this.batch = new BatchInserter(runner, {
      batchSize: options.batchSize,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      onProgress: options.onProgress,
    });
    const dir = options.attachmentsDir;
    this.attachmentsDir = dir !== undefined && options.writeAttachmentFiles !== false ? dir : undefined;
  }

  /** Rows asked for `table`. */
  count(table: TableName): number {
    return this.counts[table] ?? 0;
  }

  /** Whether the client is to be blocked by this rule (`GenerateClientOptions.blockerShape`). */
  blocks(shape: BlockerShape): boolean {
    return this.shapes.includes(shape);
  }

  /** Text for a column of `max` characters, carrying the marker wherever it fits. */
  text(base: string, max = Number.POSITIVE_INFINITY): string {
    const m = this.marker;
    const text = m && m.length <= max ? `${m} ${base}` : base;
    return text.length > max ? text.slice(0, max) : text;
  }

  /** An address of this client only: the local part carries the marker, the client and a token. */
  email(local: string): string {
    return `${this.marker ? `${this.marker}.` : ''}${local}.c${this.clientId}.${this.token}@example.test`;
  }

  /** A date `daysAgo` days before the generation started (negative: after), as the driver stores it. */
  date(daysAgo: number): unknown {
    return this.runner.date(new Date(this.now - daysAgo * DAY));
  }

  /** Inserts `count` rows in multi-row INSERT statements, row `i` given by `row(i)`. */
  insert(table: string, columns: readonly string[], count: number, row: (i: number) => Row): Promise<void> {
    return this.batch.insert(table, columns, count, row);
  }

  /** Ids of the rows of `from` (row alias `x`) that match `where`, in id order. */
  ids(from: Sql, where: Sql): Promise<number[]> {
    return this.batch.ids(from, where);
  }

  /** Records attachment files written, relative to `attachmentsDir`. */
  addAttachmentFiles(names: readonly string[]): void {
    this.attachmentFiles.push(...names);
  }
}
