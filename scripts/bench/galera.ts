/**
 * `npm run bench -- --galera [--sizes 1000000] [--pairs 1] [--keep]`: the large deletion through one
 * node of a Galera cluster, against the same deletion on the single server, in the same run
 * (docs/benchmark.md#on-a-galera-cluster).
 *
 * Three sites, one after the other, each in its own scratch database `erasure_bench`:
 * - `single server`: BENCH_MYSQL_URL (default mysql://root@127.0.0.1:3306/);
 * - `galera, streaming`: node 1 of BENCH_GALERA_URLS (default the cluster of scripts/galera-up.sh),
 *   the service with GALERA_FRAGMENT_ROWS at its default (10,000);
 * - `galera, streaming 100k`: the same with fragments of 100,000 rows;
 * - `galera, one write set`: the same node with GALERA_FRAGMENT_ROWS=0.
 * On each, the service (in this process) gets a company, a staff member and a client of `size`
 * rows (generated in a child process, through node 1 on the cluster), previews it and deletes it
 * over HTTP, while a plain connection writes for other clients (./write-probe.ts) — on the cluster
 * through node 2, from the request until every node has applied the deletion, so that a stall of
 * the cluster while it applies a large write set shows up there. On the
 * cluster, nodes 2 and 3 are polled every 5 ms (plain reads, no causal wait) until they no longer
 * see the client: the lag is that moment minus the moment the deletion's response arrived.
 * Node 2's streaming log is polled too: fragments seen there mean streaming replication was used.
 * Writes bench-results/galera.json.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createCompanyFixtures } from '../../src/seed/company-fixtures';
import { startServer } from '../../src/server';
import { createBenchStaff } from './bench-staff';
import { generateClients } from './generate';
import { GraphqlClient } from './graphql-client';
import { median, percentile } from './measure';
import { ScratchDatabase } from './scratch-database';
import { WriteProbe, type WriteLatencies } from './write-probe';

const DATABASE_NAME = 'erasure_bench';
const DEFAULT_GALERA_URLS =
  'mysql://root@127.0.0.1:3311/,mysql://root@127.0.0.1:3312/,mysql://root@127.0.0.1:3313/';
const POLL_MS = 5;
const NEIGHBOUR_ROWS = 300;
const RESULTS_DIR = join(__dirname, '..', '..', '..', 'bench-results');

interface Site {
  name: string;
  /** Server URLs: one for the single server, the cluster's nodes (the service on the first). */
  servers: string[];
  env: Record<string, string>;
}

export interface GaleraRun {
  site: string;
  size: number;
  generatorSeconds: number;
  previewMs: number;
  /** deleteClient over HTTP, request to response. */
  seconds: number;
  /** The transaction alone (client_deletions.duration_ms). */
  transactionSeconds: number;
  total: number;
  /** Per other node: ms from the response until it no longer saw the client (negative: before). */
  lagMs: Record<string, number>;
  /** Most rows seen at once in node 2's mysql.wsrep_streaming_log during the deletion. */
  streamingLogRows: number | null;
  writes: WriteLatencies;
}

function parseGaleraOptions() {
  const { values } = parseArgs({
    options: {
      galera: { type: 'boolean', default: true },
      sizes: { type: 'string', default: '1000000' },
      pairs: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (!sizes.every((n) => Number.isInteger(n) && n >= 200)) throw new Error(`--sizes: got "${values.sizes}"`);
  const runs = Number(values.pairs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--pairs: got "${values.pairs}"`);
  return { sizes, runs, keep: values.keep };
}

export async function galeraBench(log: (message: string) => void): Promise<void> {
  const options = parseGaleraOptions();
  const single = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
  const nodes = (process.env.BENCH_GALERA_URLS ?? DEFAULT_GALERA_URLS).split(',').map((u) => u.trim());
  if (nodes.length < 3) throw new Error('BENCH_GALERA_URLS: three node URLs expected');
  const sites: Site[] = [
    { name: 'single server', servers: [single], env: {} },
    { name: 'galera, streaming', servers: nodes, env: {} },
    { name: 'galera, streaming 100k', servers: nodes, env: { GALERA_FRAGMENT_ROWS: '100000' } },
    { name: 'galera, one write set', servers: nodes, env: { GALERA_FRAGMENT_ROWS: '0' } },
  ];
  const runs: GaleraRun[] = [];
  const info: Record<string, Record<string, string>> = {};
  for (const size of options.sizes) {
    for (let run = 0; run < options.runs; run++) {
      for (const site of sites) {
        const result = await measureSite(site, size, options.keep, log, info);
        runs.push(result);
        const lag = Object.entries(result.lagMs)
          .map(([node, ms]) => `${node} ${ms.toFixed(0)} ms`)
          .join(', ');
        log(
          `${size.toLocaleString('en-US')} rows, ${site.name}: ${result.seconds.toFixed(2)} s (transaction ${result.transactionSeconds.toFixed(2)} s)` +
            (lag ? `; other nodes saw it gone after the response: ${lag}` : '') +
            (result.streamingLogRows !== null
              ? `; streaming log up to ${result.streamingLogRows} fragment rows`
              : '') +
            `; other clients' writes p99 ${percentile(allWrites(result.writes), 99).toFixed(1)} ms (${allWrites(result.writes).length}, ${result.writes.failed.length} refused)`,
        );
      }
    }
  }
  console.log('');
  console.log(formatGaleraTable(options.sizes, sites, runs));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, 'galera.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: cpus().length,
          cpuModel: cpus()[0]?.model ?? 'unknown',
          memoryMb: Math.round(totalmem() / 2 ** 20),
        },
        servers: info,
        runs,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nwrote ${file}`);
}

function allWrites(w: WriteLatencies): number[] {
  return [...w.newClientMs, ...w.invoiceMs];
}

async function measureSite(
  site: Site,
  size: number,
  keep: boolean,
  log: (message: string) => void,
  info: Record<string, Record<string, string>>,
): Promise<GaleraRun> {
  const scratch = await ScratchDatabase.recreate(site.servers[0], DATABASE_NAME);
  const databaseUrl = scratch.url;
  const onNode = (server: string) => {
    const url = new URL(server);
    url.pathname = `/${DATABASE_NAME}`;
    return url.toString();
  };
  const files = mkdtempSync(join(tmpdir(), 'erasure-bench-'));
  let app: App | undefined;
  let closeServer: (() => Promise<void>) | undefined;
  let api: GraphqlClient | undefined;
  const connections: Connection[] = [];
  try {
    const config = loadConfig({
      ...process.env,
      ...site.env,
      DATABASE_URL: databaseUrl,
      AUTH_HMAC_KEY: process.env.AUTH_HMAC_KEY ?? randomBytes(32).toString('hex'),
      PLUGINS: 'support_manager,order',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ATTACHMENTS_DIR: files,
    });
    app = await createApp(config);
    const server = await startServer(app, { port: 0, host: '127.0.0.1' });
    closeServer = server.close;
    info[site.name] = await scratch.serverInfo();
    const fixtures = await createCompanyFixtures(app.orm.em.fork(), {
      name: 'Bench Hosting',
      hostname: 'bench-hosting.example.test',
    });
    const staff = await createBenchStaff(app, fixtures.companyId);
    api = new GraphqlClient(server.graphqlUrl);
    await api.signIn(staff.email, staff.password);
    const [neighbour] = await generateClients({
      databaseUrl,
      companyId: fixtures.companyId,
      rows: NEIGHBOUR_ROWS,
      count: 1,
    });
    log(`${site.name}: generating a client of ${size.toLocaleString('en-US')} rows`);
    const [client] = await generateClients({
      databaseUrl,
      companyId: fixtures.companyId,
      rows: size,
      count: 1,
    });

    // Every node has the client and nothing is left to purge or apply before the measurement.
    const others = await Promise.all(site.servers.slice(1).map((s) => createConnection(onNode(s))));
    connections.push(...others);
    for (const conn of others) {
      await conn.query('SET STATEMENT wsrep_sync_wait = 1 FOR SELECT COUNT(*) FROM clients WHERE id = ?', [
        client.clientId,
      ]);
    }
    if (others.length === 0) await scratch.settle();
    else await settleCluster([await scratch.connect(), ...others], connections);

    const { preview, ms: previewMs } = await api.preview(client.clientId);
    const probeConn = await createConnection(onNode(site.servers[Math.min(1, site.servers.length - 1)]));
    connections.push(probeConn);
    const probe = WriteProbe.start(probeConn, {
      clientGroupId: fixtures.clientGroupId,
      neighbourClientId: neighbour.clientId,
    });
    const watchers = others.map((conn, i) => watchGone(conn, client.clientId, `node ${i + 2}`));
    const streaming = others.length > 0 ? watchStreamingLog(others[0]) : null;
    let respondedAt = 0;
    let outcome: Awaited<ReturnType<GraphqlClient['deleteClient']>>;
    let writes: WriteLatencies;
    let gone: { node: string; at: number }[];
    try {
      outcome = await api.deleteClient(client.clientId, staff.password, preview.previewToken);
      respondedAt = performance.now();
      // The other nodes may still be applying: the probe writes on until they see the deletion.
      gone = await Promise.all(watchers.map((w) => w.done));
    } finally {
      writes = await probe.stop();
      streaming?.stop();
    }
    const receiptReader = await scratch.connect();
    connections.push(receiptReader);
    const [rows] = await receiptReader.query<RowDataPacket[]>(
      'SELECT duration_ms FROM client_deletions WHERE id = ?',
      [Number(outcome.receipt.id)],
    );
    return {
      site: site.name,
      size,
      generatorSeconds: client.seconds,
      previewMs,
      seconds: outcome.ms / 1000,
      transactionSeconds: Number(rows[0]?.duration_ms ?? Number.NaN) / 1000,
      total: outcome.receipt.total,
      lagMs: Object.fromEntries(gone.map((g) => [g.node, g.at - respondedAt])),
      streamingLogRows: streaming ? await streaming.max : null,
      writes,
    };
  } finally {
    api?.close();
    await closeServer?.();
    await app?.close();
    for (const c of connections) await c.end().catch(() => undefined);
    if (!keep) await scratch.drop();
    await scratch.close();
    rmSync(files, { recursive: true, force: true });
  }
}

/**
 * On the cluster: purge caught up and nothing left to apply, on every node. (The single server's
 * settle also writes dirty pages back with FLUSH TABLES … FOR EXPORT, which on a Galera node
 * desyncs it and pauses replication: not done here.)
 */
async function settleCluster(nodes: Connection[], opened: Connection[]): Promise<void> {
  opened.push(nodes[0]);
  for (const conn of nodes) {
    for (let i = 0; i < 720; i++) {
      const [rows] = await conn.query<RowDataPacket[]>(
        "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_history_list_length', 'wsrep_local_recv_queue')",
      );
      if (rows.every((r) => Number(r.Value) === 0)) break;
      await sleep(250);
    }
  }
}

/** Polls until the node no longer sees the client; resolves with the moment it stopped. */
function watchGone(conn: Connection, clientId: number, node: string) {
  const done = (async () => {
    const deadline = performance.now() + 15 * 60_000;
    while (performance.now() < deadline) {
      const [rows] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM clients WHERE id = ?', [
        clientId,
      ]);
      const at = performance.now();
      if (Number(rows[0].n) === 0) return { node, at };
      await sleep(POLL_MS);
    }
    throw new Error(`${node} still sees client ${clientId} after 15 minutes`);
  })();
  return { done };
}

/** The most rows seen in the node's streaming replication log until stopped. */
function watchStreamingLog(conn: Connection) {
  let stopping = false;
  const max = (async () => {
    let most = 0;
    while (!stopping) {
      const [rows] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM mysql.wsrep_streaming_log');
      most = Math.max(most, Number(rows[0].n));
      await sleep(50);
    }
    return most;
  })();
  return { max, stop: () => (stopping = true) };
}

function formatGaleraTable(
  sizes: readonly number[],
  sites: readonly Site[],
  runs: readonly GaleraRun[],
): string {
  const head = [
    'size',
    'site',
    'deletion s',
    'txn s',
    'vs single',
    'lag node 2 ms',
    'lag node 3 ms',
    'SR log rows',
    'writes p99 ms',
    'writes max ms',
  ];
  const rows: string[][] = [];
  for (const size of sizes) {
    const of = (site: string) => runs.filter((r) => r.size === size && r.site === site);
    const baseline = median(of(sites[0].name).map((r) => r.seconds));
    for (const site of sites) {
      const list = of(site.name);
      const seconds = median(list.map((r) => r.seconds));
      const lag = (node: string) =>
        list.some((r) => node in r.lagMs) ? median(list.map((r) => r.lagMs[node])).toFixed(0) : '-';
      const writes = list.flatMap((r) => allWrites(r.writes));
      rows.push([
        size.toLocaleString('en-US'),
        site.name,
        seconds.toFixed(2),
        median(list.map((r) => r.transactionSeconds)).toFixed(2),
        `${(seconds / baseline).toFixed(2)}x`,
        lag('node 2'),
        lag('node 3'),
        list[0]?.streamingLogRows === null
          ? '-'
          : String(Math.max(...list.map((r) => r.streamingLogRows ?? 0))),
        `${percentile(writes, 99).toFixed(1)} (${writes.length})`,
        Math.max(0, ...writes).toFixed(0),
      ]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
