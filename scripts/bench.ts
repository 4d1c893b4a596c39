/**
 * `npm run bench [-- --quick | --sizes 10000,100000] [--pairs <n>] [--keep]`: SPEC 6's quality
 * bars, measured on MariaDB (BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306/) in a scratch
 * database `erasure_bench`, dropped and recreated at start and dropped at the end unless `--keep`.
 *
 * First the preview of a typical client (300 rows) is timed over 50 HTTP requests. Then, for
 * each size (10k, 100k and 1M rows; `--quick` is 10k and 100k), `--pairs` times (default 3), two
 * clients of that size are generated in a child process: one is deleted by the service running
 * in this process (previews, then deleteClient over HTTP while RSS is sampled every 5 ms), the
 * other by hand-written SQL over a plain mysql2 connection (./bench/handwritten-delete.ts); who
 * goes first alternates. While the service deletes, a second connection writes for other clients
 * (a sign-up in the same client group, an invoice for the typical client; ./bench/write-probe.ts)
 * and the 99th percentile of those writes' latency is reported. Prints a table of medians and the verdict on each bar, and writes
 * bench-results/results.json and bench-results/deletion-time.svg. Exits 0 when a bar fails: it
 * is a measurement. See docs/benchmark.md. `--galera` measures the 1M-row deletion through a node of
 * a Galera cluster against the single server instead (./bench/galera.ts).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { createCompanyFixtures } from '../src/seed/company-fixtures';
import { createBenchStaff, type BenchStaff } from './bench/bench-staff';
import { generateClients, type BenchClient } from './bench/generate';
import { GraphqlClient, type TableCount } from './bench/graphql-client';
import { handwrittenDelete, rowsLeft, type StatementTiming } from './bench/handwritten-delete';
import {
  RssSampler,
  StatementTrace,
  idleRss,
  median,
  percentile,
  type TracedStatement,
} from './bench/measure';
import {
  BARS,
  deletionTimeSvg,
  formatTable,
  formatVerdicts,
  verdicts,
  type SizeResult,
  type TypicalPreview,
} from './bench/report';
import { ScratchDatabase } from './bench/scratch-database';
import { WriteProbe, type WriteLatencies } from './bench/write-probe';
import { galeraBench } from './bench/galera';
import { startServer } from '../src/server';

const DATABASE_NAME = 'erasure_bench';
const FULL_SIZES = [10_000, 100_000, 1_000_000];
const QUICK_SIZES = [10_000, 100_000];
/** "A typical client (a few hundred rows)". */
const TYPICAL_ROWS = 300;
const TYPICAL_RUNS = 50;
const TYPICAL_WARMUP = 5;
/** How long each operation is loaded for the throughput bar. */
const LOAD_SECONDS = 8;
/** Previews of each large client before its deletion; the service's median is reported. */
const PREVIEWS_PER_CLIENT = 3;
const RSS_SAMPLE_MS = 5;
/** Pairs of clients per size: the table shows medians, so one disturbed run does not decide. */
const DEFAULT_PAIRS = 3;
const RESULTS_DIR = join(__dirname, '..', '..', 'bench-results');
const MB = 1024 * 1024;

interface Options {
  sizes: number[];
  pairs: number;
  keep: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      quick: { type: 'boolean', default: false },
      pairs: { type: 'string', default: String(DEFAULT_PAIRS) },
      keep: { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes
    ? values.sizes.split(',').map((s) => Number(s.trim().replace(/_/g, '')))
    : values.quick
      ? QUICK_SIZES
      : FULL_SIZES;
  if (sizes.length === 0 || !sizes.every((n) => Number.isInteger(n) && n >= 200)) {
    throw new Error(`--sizes: comma-separated row counts of at least 200, got "${values.sizes}"`);
  }
  const pairs = Number(values.pairs);
  if (!Number.isInteger(pairs) || pairs < 1)
    throw new Error(`--pairs: a positive integer, got "${values.pairs}"`);
  return { sizes, pairs, keep: values.keep };
}

const started = Date.now();
function log(message: string) {
  const t = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`[${t} s] ${message}`);
}

/** Everything one run of the benchmark works with. */
interface Bench {
  app: App;
  scratch: ScratchDatabase;
  conn: Connection;
  /** A second plain connection, for other clients' writes during the service's deletions. */
  probeConn: Connection;
  /** The bench company's client group, where the probe's sign-ups land. */
  clientGroupId: number;
  /** A client that is never deleted (the typical one), for the probe's invoices. */
  neighbourClientId: number;
  api: GraphqlClient;
  staff: BenchStaff;
  companyId: number;
  trace: StatementTrace;
  /** Differences between what was generated, previewed and deleted; reported at the end. */
  mismatches: string[];
  /** Conditions that make a figure less trustworthy (InnoDB still busy before a measurement). */
  warnings: string[];
}

interface BaselineRun {
  side: 'baseline';
  clientId: number;
  seconds: number;
  deleted: Record<string, number>;
  rowsLeft: Record<string, number>;
  /** Every statement, in order, with its time. */
  statements: StatementTiming[];
}

interface ServiceRun {
  side: 'service';
  clientId: number;
  seconds: number;
  transactionSeconds: number;
  idleRssMb: number;
  peakRssMb: number;
  rssSamples: number;
  previewMs: number[];
  deleted: Record<string, number>;
  rowsLeft: Record<string, number>;
  /** Where the service's time went, by kind of statement. */
  timeByKind: Record<string, { statements: number; ms: number }>;
  /** Every statement the service sent during the request, in order, with its time. */
  statements: TracedStatement[];
  /** Other clients' writes on another connection while the request ran (./bench/write-probe.ts). */
  writes: WriteLatencies;
}

interface PairRun {
  /** Even: the hand-written SQL went first; odd: the service did. */
  turn: number;
  order: ('baseline' | 'service')[];
  generatorSeconds: number[];
  baselineClientPreviewMs: number[];
  /** The statements of the service client's last preview before its deletion. */
  previewTrace: {
    timeByKind: Record<string, { statements: number; ms: number }>;
    statements: TracedStatement[];
  };
  baseline: BaselineRun;
  service: ServiceRun;
}

async function main(): Promise<void> {
  // `--galera`: the cluster comparison of ./bench/galera.ts, with options of its own.
  if (process.argv.includes('--galera')) return galeraBench(log);
  const options = parseOptions();
  const serverUrl = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
  log(`scratch database ${DATABASE_NAME} on ${redact(serverUrl)} (dropped and recreated)`);
  const scratch = await ScratchDatabase.recreate(serverUrl, DATABASE_NAME);
  const files = mkdtempSync(join(tmpdir(), 'erasure-bench-'));
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: scratch.url,
    // A scratch database: any key will do, as long as it is the same for the whole run.
    AUTH_HMAC_KEY: process.env.AUTH_HMAC_KEY ?? randomBytes(32).toString('hex'),
    PLUGINS: 'support_manager,order',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ATTACHMENTS_DIR: files,
  });
  let app: App | undefined;
  let conn: Connection | undefined;
  let probeConn: Connection | undefined;
  let api: GraphqlClient | undefined;
  let closeServer: (() => Promise<void>) | undefined;
  try {
    app = await createApp(config);
    const server = await startServer(app, { port: 0, host: '127.0.0.1' });
    closeServer = server.close;
    const fixtures = await createCompanyFixtures(app.orm.em.fork(), {
      name: 'Bench Hosting',
      hostname: 'bench-hosting.example.test',
    });
    const staff = await createBenchStaff(app, fixtures.companyId);
    api = new GraphqlClient(server.graphqlUrl);
    await api.signIn(staff.email, staff.password);
    conn = await scratch.connect();
    probeConn = await scratch.connect();
    const bench: Bench = {
      app,
      scratch,
      conn,
      probeConn,
      clientGroupId: fixtures.clientGroupId,
      neighbourClientId: 0,
      api,
      staff,
      companyId: fixtures.companyId,
      trace: new StatementTrace(app.orm),
      mismatches: [],
      warnings: [],
    };
    const serverInfo = await scratch.serverInfo();
    log(
      `service on ${server.graphqlUrl}; MariaDB ${serverInfo.version}, buffer pool ${Number(serverInfo.innodb_buffer_pool_size) / MB} MB; bcrypt cost ${config.bcryptRounds}`,
    );

    const typical = await measureTypicalPreview(bench);
    const sizes: SizeResult[] = [];
    const runs: { size: number; pairs: PairRun[] }[] = [];
    for (const [index, size] of options.sizes.entries()) {
      const pairs: PairRun[] = [];
      for (let pair = 0; pair < options.pairs; pair++)
        pairs.push(await measurePair(bench, size, index + pair));
      runs.push({ size, pairs });
      sizes.push(summarise(size, pairs));
    }

    const bars = verdicts(sizes, typical);
    console.log('');
    console.log(formatTable(sizes));
    console.log('');
    console.log(
      `typical client (${typical.rows} rows): preview median ${typical.medianMs.toFixed(1)} ms, p95 ${typical.p95Ms.toFixed(1)} ms over ${typical.runs} HTTP requests`,
    );
    console.log('');
    console.log(formatVerdicts(bars));
    for (const w of bench.warnings) console.log(`WARNING: ${w}`);
    if (bench.mismatches.length > 0) {
      console.log('\nMISMATCH between generated, previewed, hand-deleted and service-deleted rows:');
      for (const m of bench.mismatches) console.log(`  - ${m}`);
    } else {
      console.log(
        '\nrows: hand-written SQL and service deleted exactly the generated rows, table by table; none left',
      );
    }

    mkdirSync(RESULTS_DIR, { recursive: true });
    const date = new Date().toISOString();
    const machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryMb: Math.round(totalmem() / MB),
      node: process.version,
      gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    };
    writeFileSync(
      join(RESULTS_DIR, 'results.json'),
      JSON.stringify(
        {
          date,
          machine,
          mariadb: serverInfo,
          settings: { ...options, bcryptRounds: config.bcryptRounds, rssSampleMs: RSS_SAMPLE_MS },
          sizes,
          typicalPreview: typical,
          bars,
          mismatches: bench.mismatches,
          warnings: bench.warnings,
          runs,
        },
        null,
        2,
      ) + '\n',
    );
    const subtitle = `${date.slice(0, 10)}, ${machine.cpus} cores, MariaDB ${serverInfo.version.split('-')[0]}, buffer pool ${Number(serverInfo.innodb_buffer_pool_size) / MB} MB`;
    writeFileSync(join(RESULTS_DIR, 'deletion-time.svg'), deletionTimeSvg(sizes, subtitle));
    console.log(`\nwrote ${join(RESULTS_DIR, 'results.json')} and ${join(RESULTS_DIR, 'deletion-time.svg')}`);
  } finally {
    api?.close();
    await closeServer?.();
    await app?.close();
    await conn?.end();
    await probeConn?.end();
    if (options.keep) log(`kept database ${DATABASE_NAME}`);
    else await scratch.drop();
    await scratch.close();
    rmSync(files, { recursive: true, force: true });
  }
}

/** Median over 50 HTTP previews of a client of a few hundred rows, after a warm-up. */
async function measureTypicalPreview(bench: Bench): Promise<TypicalPreview> {
  log(`typical client: generating ${TYPICAL_ROWS} rows`);
  const [client] = await generateClients({
    databaseUrl: bench.scratch.url,
    companyId: bench.companyId,
    rows: TYPICAL_ROWS,
    count: 1,
  });
  await settle(bench, 'the typical previews');
  // Never deleted: the write probe's invoices go to it.
  bench.neighbourClientId = client.clientId;
  for (let i = 0; i < TYPICAL_WARMUP; i++) {
    await bench.api.preview(client.clientId);
    await bench.api.client(client.clientId);
  }
  // Interleaved, so both see the same machine at the same moments.
  const times: number[] = [];
  const reads: number[] = [];
  for (let i = 0; i < TYPICAL_RUNS; i++) {
    const { preview, ms } = await bench.api.preview(client.clientId);
    if (i === 0) checkCounts(bench, `preview of the ${TYPICAL_ROWS}-row client`, client, preview.counts);
    times.push(ms);
    reads.push((await bench.api.client(client.clientId)).ms);
  }
  const load = {
    seconds: LOAD_SECONDS,
    ...(await underLoad(bench, 'preview', client.clientId)),
    ...(await underLoad(bench, 'client', client.clientId)),
  };
  const result = {
    rows: client.total,
    runs: TYPICAL_RUNS,
    medianMs: median(times),
    p95Ms: percentile(times, 95),
    maxMs: Math.max(...times),
    readMedianMs: median(reads),
    load: {
      seconds: load.seconds,
      previewRps: load.previewRps,
      previewP99Ms: load.previewP99Ms,
      readRps: load.clientRps,
      readP99Ms: load.clientP99Ms,
      failures: load.previewFailures + load.clientFailures,
    },
  };
  log(
    `typical client: preview median ${result.medianMs.toFixed(1)} ms (client(id) ${result.readMedianMs.toFixed(1)} ms), ` +
      `p95 ${result.p95Ms.toFixed(1)} ms; at ${BARS.loadConcurrency} callers ${result.load.previewRps.toFixed(0)} vs ${result.load.readRps.toFixed(0)} requests/s`,
  );
  return result;
}

/**
 * BARS.loadConcurrency callers sending one operation back to back for LOAD_SECONDS (autocannon, in
 * this process, like the service: both share the two cores, as they would share a host).
 */
async function underLoad(bench: Bench, operation: 'preview' | 'client', clientId: number) {
  const { url, headers, body } = bench.api.request(operation, clientId);
  const result = await autocannon({
    url,
    method: 'POST',
    headers,
    body,
    connections: BARS.loadConcurrency,
    duration: LOAD_SECONDS,
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  return {
    [`${operation}Rps`]: result.requests.average,
    [`${operation}P99Ms`]: result.latency.p99,
    [`${operation}Failures`]: failures,
  } as Record<`${typeof operation}${'Rps' | 'P99Ms' | 'Failures'}`, number>;
}

/**
 * One pair of clients of `size` rows: one deleted by the hand-written SQL, one by the service.
 * `turn` decides who goes first, so neither side always finds the caches the other left.
 */
async function measurePair(bench: Bench, size: number, turn: number): Promise<PairRun> {
  const order: PairRun['order'] = turn % 2 === 1 ? ['service', 'baseline'] : ['baseline', 'service'];
  const label = size.toLocaleString('en-US');
  let baseline: BaselineRun | undefined;
  let service: ServiceRun | undefined;
  let servicePreviews: Awaited<ReturnType<typeof previews>> | undefined;
  let baselineClientPreviewMs: number[] = [];
  const generatorSeconds: number[] = [];
  for (const side of order) {
    // Each side gets the same sequence: its client is generated (in a child process), previewed
    // as staff would before confirming, then deleted. So each deletion starts from the same cache
    // state: a 1M-row client is several times the buffer pool, and a client generated earlier
    // would be colder than one generated last.
    const [client] = await generateClients({
      databaseUrl: bench.scratch.url,
      companyId: bench.companyId,
      rows: size,
      count: 1,
    });
    generatorSeconds.push(client.seconds);
    await settle(bench, `the previews of the ${size}-row ${side} client`);
    const seen = await previews(bench, client);
    const settled = await settle(bench, `the ${size}-row ${side} deletion`);
    const generated = `generated in ${client.seconds.toFixed(1)} s, previews ${formatMs(seen.ms)} ms`;
    if (side === 'baseline') {
      baselineClientPreviewMs = seen.ms;
      baseline = await runBaseline(bench, client);
      log(`${label} rows: hand-written SQL ${baseline.seconds.toFixed(2)} s (${generated}; ${settled})`);
    } else {
      servicePreviews = seen;
      service = await runService(bench, client, seen.token, seen.ms);
      log(
        `${label} rows: service ${service.seconds.toFixed(2)} s (transaction ${service.transactionSeconds.toFixed(2)} s), peak RSS ${signed(service.peakRssMb - service.idleRssMb)} MB over idle (${generated}; ${settled})`,
      );
    }
  }
  compareCounts(
    bench,
    `${size}-row clients: hand-written SQL vs service receipt`,
    baseline!.deleted,
    service!.deleted,
  );
  return {
    turn,
    order,
    generatorSeconds,
    baselineClientPreviewMs,
    previewTrace: servicePreviews!.trace,
    baseline: baseline!,
    service: service!,
  };
}

/**
 * Previews the client PREVIEWS_PER_CLIENT times over HTTP; checks the first preview's counts
 * against the generated rows and traces the statements of the last.
 */
async function previews(bench: Bench, client: BenchClient) {
  const ms: number[] = [];
  let token = '';
  let statements: TracedStatement[] = [];
  for (let i = 0; i < PREVIEWS_PER_CLIENT; i++) {
    const last = i === PREVIEWS_PER_CLIENT - 1;
    if (last) bench.trace.start();
    const result = await bench.api.preview(client.clientId);
    if (last) statements = bench.trace.stop();
    ms.push(result.ms);
    token = result.preview.previewToken;
    if (i === 0) {
      checkCounts(bench, `preview of client ${client.clientId}`, client, result.preview.counts);
    }
    if (!result.preview.deletable) {
      throw new Error(`client ${client.clientId} is blocked: ${JSON.stringify(result.preview.blockers)}`);
    }
  }
  return { ms, token, trace: { timeByKind: timeByKind(statements), statements } };
}

function signed(n: number): string {
  return `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;
}

function formatMs(list: readonly number[]): string {
  return list.map((ms) => ms.toFixed(0)).join(', ');
}

/**
 * Waits for InnoDB to finish the previous step's background work (purge, page flushing) before a
 * measurement; notes it when it did not.
 */
async function settle(bench: Bench, before: string): Promise<string> {
  const s = await bench.scratch.settle();
  if (!s.settled) {
    const note = `InnoDB still busy after ${(s.ms / 1000).toFixed(0)} s before ${before} (history list ${s.historyLength}, ${s.dirtyPages} dirty pages)`;
    log(`WARNING: ${note}`);
    bench.warnings.push(note);
  }
  return `InnoDB settled in ${(s.ms / 1000).toFixed(1)} s, history list ${s.historyBefore} -> ${s.historyLength}`;
}

async function runBaseline(bench: Bench, client: BenchClient): Promise<BaselineRun> {
  const result = await handwrittenDelete(bench.conn, client.clientId);
  const left = await rowsLeft(bench.conn, client);
  checkCounts(bench, `hand-written SQL on client ${client.clientId}`, client, toList(result.deleted));
  if (Object.keys(left).length > 0) {
    bench.mismatches.push(`hand-written SQL left rows of client ${client.clientId}: ${JSON.stringify(left)}`);
  }
  return {
    side: 'baseline',
    clientId: client.clientId,
    seconds: result.seconds,
    deleted: result.deleted,
    rowsLeft: left,
    statements: [...result.statements],
  };
}

async function runService(
  bench: Bench,
  client: BenchClient,
  previewToken: string,
  previewMs: number[],
): Promise<ServiceRun> {
  const idle = idleRss();
  const sampler = new RssSampler(RSS_SAMPLE_MS);
  bench.trace.start();
  let statements: TracedStatement[];
  let rss: { peak: number; samples: number };
  let outcome: Awaited<ReturnType<GraphqlClient['deleteClient']>>;
  const probe = WriteProbe.start(bench.probeConn, {
    clientGroupId: bench.clientGroupId,
    neighbourClientId: bench.neighbourClientId,
  });
  let writes: WriteLatencies;
  try {
    outcome = await bench.api.deleteClient(client.clientId, bench.staff.password, previewToken);
  } finally {
    statements = bench.trace.stop();
    rss = sampler.stop();
    writes = await probe.stop();
  }
  // Attachment files and the after-commit event go through the outbox; it finishes before
  // anything else is measured.
  await bench.app.outbox.drain();
  const [rows] = await bench.conn.query<RowDataPacket[]>(
    'SELECT duration_ms FROM client_deletions WHERE id = ?',
    [Number(outcome.receipt.id)],
  );
  const left = await rowsLeft(bench.conn, client);
  checkCounts(bench, `service receipt for client ${client.clientId}`, client, outcome.receipt.counts);
  if (Object.keys(left).length > 0) {
    bench.mismatches.push(`service left rows of client ${client.clientId}: ${JSON.stringify(left)}`);
  }
  return {
    side: 'service',
    clientId: client.clientId,
    seconds: outcome.ms / 1000,
    transactionSeconds: Number(rows[0]?.duration_ms ?? Number.NaN) / 1000,
    idleRssMb: idle / MB,
    peakRssMb: rss.peak / MB,
    rssSamples: rss.samples,
    previewMs,
    deleted: Object.fromEntries(outcome.receipt.counts.map((c) => [c.table, c.count])),
    rowsLeft: left,
    timeByKind: timeByKind(statements),
    statements,
    writes,
  };
}

/**
 * The service's statements grouped by what they do, with their total time. Per-table counts
 * before the first staging statement are the blocker and count re-check under the client lock;
 * those after it are the residue checks of the verification.
 */
function timeByKind(
  statements: readonly TracedStatement[],
): Record<string, { statements: number; ms: number }> {
  const kinds: Record<string, { statements: number; ms: number }> = {};
  let staged = false;
  for (const s of statements) {
    const text = s.sql.trimStart();
    const stage = /^(CREATE|DROP) TEMPORARY|^INSERT INTO `erasure_stage_/.test(text);
    staged ||= stage;
    const kind = stage
      ? 'stage'
      : /^DELETE /i.test(text)
        ? 'delete'
        : /^SELECT COUNT\(\*\) AS n FROM `[a-z_]+` t WHERE/.test(text)
          ? staged
            ? 'count (residue checks)'
            : 'count (per-table counts)'
          : /^SELECT COUNT\(\*\) AS n FROM \(/.test(text) || /^SELECT b\.id FROM/.test(text)
            ? 'blockers'
            : 'other (session, password, audit, outbox)';
    kinds[kind] ??= { statements: 0, ms: 0 };
    kinds[kind].statements += 1;
    kinds[kind].ms += s.ms;
  }
  for (const k of Object.values(kinds)) k.ms = Math.round(k.ms);
  return kinds;
}

function summarise(size: number, pairs: readonly PairRun[]): SizeResult {
  const baselineSeconds = median(pairs.map((p) => p.baseline.seconds));
  const serviceSeconds = median(pairs.map((p) => p.service.seconds));
  return {
    size,
    rows: size,
    baselineSeconds,
    serviceSeconds,
    serviceTransactionSeconds: median(pairs.map((p) => p.service.transactionSeconds)),
    ratio: serviceSeconds / baselineSeconds,
    // RSS can fall below the idle reading while the freed heap goes back to the system: no growth.
    rssGrowthMb: Math.max(0, ...pairs.map((p) => p.service.peakRssMb - p.service.idleRssMb)),
    previewMs: median(pairs.flatMap((p) => p.service.previewMs)),
    writeP99Ms: percentile(
      pairs.flatMap((p) => [...p.service.writes.newClientMs, ...p.service.writes.invoiceMs]),
      99,
    ),
    failedWrites: pairs.reduce((n, p) => n + p.service.writes.failed.length, 0),
    writes: pairs.reduce(
      (n, p) => n + p.service.writes.newClientMs.length + p.service.writes.invoiceMs.length,
      0,
    ),
  };
}

/** Records a mismatch when `counts` differ from the rows generated for the client. */
function checkCounts(bench: Bench, what: string, client: BenchClient, counts: readonly TableCount[]) {
  const generated = Object.fromEntries(Object.entries(client.counts).filter(([, n]) => n > 0));
  compareCounts(
    bench,
    `${what} vs generated rows`,
    generated,
    Object.fromEntries(counts.map((c) => [c.table, c.count])),
  );
}

function compareCounts(
  bench: Bench,
  what: string,
  expected: Record<string, number>,
  actual: Record<string, number>,
) {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  const diffs = tables
    .filter((t) => (expected[t] ?? 0) !== (actual[t] ?? 0))
    .map((t) => `${t} ${expected[t] ?? 0} != ${actual[t] ?? 0}`);
  if (diffs.length > 0) bench.mismatches.push(`${what}: ${diffs.join(', ')}`);
}

function toList(counts: Record<string, number>): TableCount[] {
  return Object.entries(counts).map(([table, count]) => ({ table, count }));
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
