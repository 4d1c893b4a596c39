/** The benchmark's figures: the printed table, the quality bars of SPEC 6, and the plot. */

/** SPEC 6's bars. */
export const BARS = {
  /** Service time over hand-written SQL time, for the 1M-row client. */
  maxDeletionRatio: 1.25,
  /** Peak RSS during a deletion over the idle RSS just before it. */
  maxRssGrowthMb: 64,
  maxLargePreviewMs: 1000,
  maxTypicalPreviewMedianMs: 50,
  /** A typical client's preview against a client(id) read in the same run, medians over HTTP. */
  maxPreviewToReadRatio: 3,
  /** At this many concurrent callers, the preview's throughput against client(id)'s… */
  loadConcurrency: 16,
  /** …is at least this fraction. */
  minPreviewThroughputShare: 0.25,
  /** Other clients' writes while the large deletion runs, 99th percentile. */
  maxWriteP99Ms: 100,
  /** The client size the deletion ratio and the large preview are judged at. */
  largeRows: 1_000_000,
} as const;

export interface SizeResult {
  /** Rows asked of profileForRows. */
  size: number;
  /** Rows generated per client (equal to `size`). */
  rows: number;
  /** Hand-written SQL, BEGIN to COMMIT, median over the runs. */
  baselineSeconds: number;
  /** deleteClient over HTTP (password check, transaction, response), median over the runs. */
  serviceSeconds: number;
  /** The service's transaction alone (`client_deletions.duration_ms`), median over the runs. */
  serviceTransactionSeconds: number;
  ratio: number;
  /** Largest peak RSS over idle RSS among the runs, in MB. */
  rssGrowthMb: number;
  /** Preview of the service's client over HTTP, median of its previews. */
  previewMs: number;
  /** Other clients' writes during the service's deletions of this size, 99th percentile. */
  writeP99Ms: number;
  /** How many such writes were measured, over all the runs. */
  writes: number;
  /** How many of them the database refused (deadlock, lock wait timeout). */
  failedWrites: number;
}

export interface BarVerdict {
  bar: string;
  measured: string;
  pass: boolean | null;
}

export interface TypicalPreview {
  rows: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** client(id) of the same client, interleaved with the previews: median. */
  readMedianMs: number;
  /** Under load (BARS.loadConcurrency callers, autocannon): requests per second and p99 latency. */
  load: {
    seconds: number;
    previewRps: number;
    previewP99Ms: number;
    readRps: number;
    readP99Ms: number;
    /** Responses that were not 2xx, or connection errors, over both runs. */
    failures: number;
  };
}

export function verdicts(sizes: readonly SizeResult[], typical: TypicalPreview): BarVerdict[] {
  const large = sizes.find((s) => s.size === BARS.largeRows);
  const largest = [...sizes].sort((a, b) => b.size - a.size)[0];
  const notMeasured = (what: string, atLargest: (s: SizeResult) => string): BarVerdict => ({
    bar: what,
    measured: `not measured (no ${BARS.largeRows.toLocaleString('en-US')}-row size in this run${
      largest ? `; at ${largest.size.toLocaleString('en-US')} rows: ${atLargest(largest)}` : ''
    })`,
    pass: null,
  });
  const writesBar = `other clients' writes during the 1M-row deletion < ${BARS.maxWriteP99Ms} ms at p99`;
  const worstRss = Math.max(...sizes.map((s) => s.rssGrowthMb));
  return [
    large
      ? {
          bar: `deletion time at 1M rows <= ${BARS.maxDeletionRatio}x hand-written SQL`,
          measured: `${large.ratio.toFixed(2)}x (${large.serviceSeconds.toFixed(1)} s vs ${large.baselineSeconds.toFixed(1)} s)`,
          pass: large.ratio <= BARS.maxDeletionRatio,
        }
      : notMeasured(
          `deletion time at 1M rows <= ${BARS.maxDeletionRatio}x hand-written SQL`,
          (s) => `${s.ratio.toFixed(2)}x`,
        ),
    {
      bar: `peak RSS during a deletion <= idle + ${BARS.maxRssGrowthMb} MB`,
      measured: `+${worstRss.toFixed(1)} MB at most`,
      pass: worstRss <= BARS.maxRssGrowthMb,
    },
    large
      ? {
          bar: `preview of the 1M-row client < ${BARS.maxLargePreviewMs} ms`,
          measured: `${large.previewMs.toFixed(0)} ms`,
          pass: large.previewMs < BARS.maxLargePreviewMs,
        }
      : notMeasured(
          `preview of the 1M-row client < ${BARS.maxLargePreviewMs} ms`,
          (s) => `${s.previewMs.toFixed(0)} ms`,
        ),
    large
      ? {
          bar: writesBar,
          measured: `${large.writeP99Ms.toFixed(1)} ms (${large.writes} writes, ${large.failedWrites} refused)`,
          pass: large.writeP99Ms < BARS.maxWriteP99Ms && large.failedWrites === 0,
        }
      : notMeasured(
          writesBar,
          (s) => `${s.writeP99Ms.toFixed(1)} ms over ${s.writes} writes, ${s.failedWrites} refused`,
        ),
    {
      bar: `preview of a typical client (${typical.rows} rows) < ${BARS.maxTypicalPreviewMedianMs} ms at the median`,
      measured: `${typical.medianMs.toFixed(1)} ms (p95 ${typical.p95Ms.toFixed(1)} ms, ${typical.runs} runs)`,
      pass: typical.medianMs < BARS.maxTypicalPreviewMedianMs,
    },
    {
      bar: `typical preview <= ${BARS.maxPreviewToReadRatio}x a client(id) read (medians, same run)`,
      measured: `${(typical.medianMs / typical.readMedianMs).toFixed(2)}x (${typical.medianMs.toFixed(1)} ms vs ${typical.readMedianMs.toFixed(1)} ms)`,
      pass: typical.medianMs <= BARS.maxPreviewToReadRatio * typical.readMedianMs,
    },
    {
      bar: `typical preview at ${BARS.loadConcurrency} concurrent callers >= ${BARS.minPreviewThroughputShare} of client(id)'s throughput`,
      measured:
        `${(typical.load.previewRps / typical.load.readRps).toFixed(2)} (${typical.load.previewRps.toFixed(0)} vs ${typical.load.readRps.toFixed(0)} requests/s; ` +
        `p99 ${typical.load.previewP99Ms.toFixed(0)} vs ${typical.load.readP99Ms.toFixed(0)} ms; ${typical.load.failures} failed)`,
      pass:
        typical.load.failures === 0 &&
        typical.load.previewRps >= BARS.minPreviewThroughputShare * typical.load.readRps,
    },
  ];
}

/** A plain-text table with right-aligned numbers. */
export function formatTable(sizes: readonly SizeResult[]): string {
  const head = [
    'size',
    'rows',
    'baseline s',
    'service s',
    'ratio',
    'of which txn s',
    'peak RSS over idle MB',
    'preview ms',
    'writes p99 ms',
  ];
  const rows = sizes.map((s) => [
    s.size.toLocaleString('en-US'),
    s.rows.toLocaleString('en-US'),
    s.baselineSeconds.toFixed(2),
    s.serviceSeconds.toFixed(2),
    `${s.ratio.toFixed(2)}x`,
    s.serviceTransactionSeconds.toFixed(2),
    s.rssGrowthMb.toFixed(1),
    s.previewMs.toFixed(0),
    `${s.writeP99Ms.toFixed(1)} (${s.writes}${s.failedWrites ? `, ${s.failedWrites} failed` : ''})`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatVerdicts(list: readonly BarVerdict[]): string {
  return list
    .map((v) => `${v.pass === null ? 'SKIP' : v.pass ? 'PASS' : 'FAIL'}  ${v.bar}: ${v.measured}`)
    .join('\n');
}

/**
 * Deletion time against client size: log-scale x, linear y from 0, one line for the service and
 * one for the hand-written SQL, each point labelled with its time.
 */
export function deletionTimeSvg(sizes: readonly SizeResult[], subtitle: string): string {
  const width = 720;
  const height = 450;
  const m = { left: 70, right: 30, top: 56, bottom: 64 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const points = [...sizes].sort((a, b) => a.size - b.size);
  const xs = points.map((p) => p.size);
  // A quarter of a decade of room on each side, so no point sits on an axis.
  const lo = Math.log10(Math.min(...xs)) - 0.25;
  const hi = Math.max(lo + 1, Math.log10(Math.max(...xs)) + 0.25);
  const x = (v: number) => m.left + ((Math.log10(v) - lo) / (hi - lo)) * plotW;
  const maxY = Math.max(...points.flatMap((p) => [p.serviceSeconds, p.baselineSeconds]));
  const yStep = niceStep(maxY / 5);
  const yMax = Math.max(yStep, Math.ceil((maxY * 1.08) / yStep) * yStep);
  const y = (v: number) => m.top + plotH - (v / yMax) * plotH;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="16" font-weight="bold">Client deletion time on MariaDB</text>`,
    `<text x="${width / 2}" y="40" text-anchor="middle" fill="#555">${esc(subtitle)}</text>`,
  );
  // Grid and axes.
  for (let v = 0; v <= yMax + 1e-9; v += yStep) {
    parts.push(
      `<line x1="${m.left}" x2="${m.left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e5e5"/>`,
      `<text x="${m.left - 8}" y="${y(v) + 4}" text-anchor="end">${formatSeconds(v, yStep)}</text>`,
    );
  }
  for (let d = Math.floor(lo); d <= Math.ceil(hi); d++) {
    for (let k = 1; k <= 9; k++) {
      const v = k * 10 ** d;
      const lv = Math.log10(v);
      if (lv < lo || lv > hi) continue;
      parts.push(
        k === 1
          ? `<line x1="${x(v)}" x2="${x(v)}" y1="${m.top}" y2="${m.top + plotH + 4}" stroke="#e5e5e5"/>` +
              `<text x="${x(v)}" y="${m.top + plotH + 28}" text-anchor="middle">${compact(v)}</text>`
          : `<line x1="${x(v)}" x2="${x(v)}" y1="${m.top + plotH}" y2="${m.top + plotH + 4}" stroke="#999"/>`,
      );
    }
  }
  parts.push(
    `<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${m.top + plotH}" stroke="#333"/>`,
    `<line x1="${m.left}" x2="${m.left + plotW}" y1="${m.top + plotH}" y2="${m.top + plotH}" stroke="#333"/>`,
    `<text x="${m.left + plotW / 2}" y="${height - 18}" text-anchor="middle">client size (rows, log scale)</text>`,
    `<text transform="translate(18 ${m.top + plotH / 2}) rotate(-90)" text-anchor="middle">deletion time (s)</text>`,
  );
  // Lines.
  const series = [
    {
      name: 'service (deleteClient over HTTP)',
      color: '#d62728',
      value: (p: SizeResult) => p.serviceSeconds,
    },
    { name: 'hand-written SQL', color: '#1f77b4', value: (p: SizeResult) => p.baselineSeconds },
  ];
  for (const [i, s] of series.entries()) {
    const path = points.map((p) => `${x(p.size).toFixed(1)},${y(s.value(p)).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    for (const p of points) {
      const px = x(p.size);
      const py = y(s.value(p));
      parts.push(
        `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="4" fill="${s.color}"/>`,
        `<text x="${(px - 6).toFixed(1)}" y="${(py + (i === 0 ? -8 : 14)).toFixed(1)}" text-anchor="end" fill="${s.color}">${s.value(p).toFixed(2)} s</text>`,
      );
    }
    // Legend, top left inside the plot.
    const ly = m.top + 14 + i * 18;
    parts.push(
      `<line x1="${m.left + 12}" x2="${m.left + 36}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"/>`,
      `<circle cx="${m.left + 24}" cy="${ly}" r="4" fill="${s.color}"/>`,
      `<text x="${m.left + 44}" y="${ly + 4}">${esc(s.name)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

function formatSeconds(v: number, step: number): string {
  const decimals = step >= 1 ? 0 : Math.ceil(-Math.log10(step));
  return v.toFixed(decimals);
}

function compact(v: number): string {
  if (v >= 1_000_000) return `${v / 1_000_000}M`;
  if (v >= 1_000) return `${v / 1_000}k`;
  return String(v);
}
