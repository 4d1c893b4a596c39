import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { declarationMutants } from './declaration-mutants';
import { SQL_MUTANTS, type Mutant, type SqlMutant } from './sql-mutants';

// The mutants StrykerJS cannot make, part of `npm run test:mutation` (docs/testing.md). Each is
// applied as its file is loaded (vitest.mutation.config.mts; nothing on disk changes) in its own
// vitest run on SQLite, two at a time:
// - the SQL mutants (sql-mutants.ts): the test they name in test/erasure-rules.test.ts must fail;
// - the declaration mutants (declaration-mutants.ts): a test of behaviour must fail, that is one
//   of BEHAVIOUR, without the SQL snapshots.
// Exits non-zero when a mutant survives, when its text is gone from its file, when a mutant
// breaks the run instead of failing a test, or when the tests fail without a mutant.

const RULES = 'test/erasure-rules.test.ts';
const BEHAVIOUR = ['test/erasure-plan.test.ts', 'test/erasure-engine.test.ts', RULES];

interface Outcome {
  readonly failed: string[];
  readonly passed: number;
  /** The run reported its tests: no file failed to load. */
  readonly reported: boolean;
  readonly applied: boolean;
  readonly output: string;
}

function runTests(files: readonly string[], mutant?: Mutant, bail = false): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'mutant-'));
  const report = join(dir, 'report.json');
  const args = ['vitest', 'run', '--config', 'vitest.mutation.config.mts', ...files];
  args.push('--reporter=json', `--outputFile=${report}`, '--no-file-parallelism');
  if (bail) args.push('--bail=1');
  const child = spawn('npx', args, {
    env: { ...process.env, MUTANT: mutant ? JSON.stringify(mutant) : '' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', () => {
      try {
        const json = JSON.parse(readFileSync(report, 'utf8')) as {
          testResults: { status: string; assertionResults: { title: string; status: string }[] }[];
        };
        const results = json.testResults.flatMap((file) => file.assertionResults);
        resolve({
          failed: results.filter((r) => r.status === 'failed').map((r) => r.title),
          passed: results.filter((r) => r.status === 'passed').length,
          reported: json.testResults.every((f) => f.status !== 'failed' || f.assertionResults.length > 0),
          applied: mutant !== undefined && output.includes(`[mutant] ${mutant.id} applied`),
          output,
        });
      } catch {
        resolve({ failed: [], passed: 0, reported: false, applied: false, output });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

type Verdict = 'KILLED' | 'SURVIVED' | 'BROKEN' | 'NOT RUN' | 'STALE';

interface Result {
  readonly mutant: Mutant;
  readonly verdict: Verdict;
  readonly failed: readonly string[];
  readonly output: string;
}

function isSqlMutant(mutant: Mutant): mutant is SqlMutant {
  return 'killedBy' in mutant;
}

async function judge(mutant: Mutant): Promise<Result> {
  const text = readFileSync(mutant.file, 'utf8');
  if (text.split(mutant.from).length !== 2) return { mutant, verdict: 'STALE', failed: [], output: '' };
  const sql = isSqlMutant(mutant);
  // A SQL mutant runs every rule test, to show which fail besides the one it names.
  const outcome = await runTests(sql ? [RULES] : BEHAVIOUR, mutant, !sql);
  const killed = sql ? outcome.failed.includes(mutant.killedBy) : outcome.failed.length > 0;
  const verdict: Verdict = !outcome.applied
    ? 'NOT RUN'
    : !outcome.reported
      ? 'BROKEN'
      : killed
        ? 'KILLED'
        : 'SURVIVED';
  return { mutant, verdict, failed: outcome.failed, output: outcome.output };
}

/** Runs `work` over `items`, `width` at a time, in order of completion. */
async function pool<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
  done: (r: R) => void,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) done(await work(items[next++]));
  };
  await Promise.all(Array.from({ length: width }, worker));
}

function print(result: Result): void {
  const { mutant, verdict, failed } = result;
  console.log(`${verdict.padEnd(8)}  ${mutant.id} (${mutant.file})`);
  const named = isSqlMutant(mutant) ? mutant.killedBy : undefined;
  for (const title of failed) console.log(`            ${title === named ? '*' : '-'} ${title}`);
  if (verdict === 'NOT RUN' || verdict === 'BROKEN') console.log(result.output);
}

async function main(): Promise<number> {
  const started = Date.now();
  const baseline = await runTests(BEHAVIOUR);
  if (baseline.failed.length > 0 || baseline.passed === 0 || !baseline.reported) {
    console.error(`the tests fail without a mutant:\n${baseline.failed.join('\n')}\n${baseline.output}`);
    return 1;
  }
  const only = process.argv[2];
  const mutants = [...SQL_MUTANTS, ...declarationMutants()].filter((m) => !only || m.id.includes(only));
  const results: Result[] = [];
  await pool(mutants, Math.min(2, cpus().length), judge, (result) => {
    results.push(result);
    print(result);
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  const count = (sql: boolean) => {
    const of = results.filter((r) => isSqlMutant(r.mutant) === sql);
    return `${of.filter((r) => r.verdict === 'KILLED').length} of ${of.length}`;
  };
  console.log(
    `\nSQL mutants killed by their named test: ${count(true)}; declaration mutants killed by a test of behaviour: ${count(false)} (${seconds} s)`,
  );
  return results.every((r) => r.verdict === 'KILLED') ? 0 : 1;
}

void main().then((code) => (process.exitCode = code));
