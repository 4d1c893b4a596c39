import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQL_MUTANTS, type SqlMutant } from './sql-mutants';

// Applies each SQL mutant of sql-mutants.ts in turn (see vitest.mutation.config.mts) and runs
// test/erasure-rules.test.ts on SQLite against it: the mutant's named test must fail. Exits
// non-zero when a mutant survives, when its text is gone from its file, or when the tests fail
// without a mutant. Part of `npm run test:mutation`.

const TESTS = 'test/erasure-rules.test.ts';

interface Outcome {
  readonly failed: string[];
  readonly passed: number;
  readonly applied: boolean;
  readonly output: string;
}

function runTests(mutant?: SqlMutant): Outcome {
  const dir = mkdtempSync(join(tmpdir(), 'sql-mutant-'));
  const report = join(dir, 'report.json');
  try {
    const result = spawnSync(
      'npx',
      [
        'vitest',
        'run',
        '--config',
        'vitest.mutation.config.mts',
        TESTS,
        '--reporter=json',
        `--outputFile=${report}`,
      ],
      { encoding: 'utf8', env: { ...process.env, SQL_MUTANT: mutant ? JSON.stringify(mutant) : '' } },
    );
    const output = `${result.stdout}\n${result.stderr}`;
    let json: { testResults: { assertionResults: { title: string; status: string }[] }[] };
    try {
      json = JSON.parse(readFileSync(report, 'utf8'));
    } catch {
      return { failed: ['(no report: the run broke)'], passed: 0, applied: false, output };
    }
    const results = json.testResults.flatMap((file) => file.assertionResults);
    return {
      failed: results.filter((r) => r.status === 'failed').map((r) => r.title),
      passed: results.filter((r) => r.status === 'passed').length,
      applied: mutant !== undefined && output.includes(`[sql-mutant] ${mutant.id} applied`),
      output,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): number {
  const started = Date.now();
  const baseline = runTests();
  if (baseline.failed.length > 0 || baseline.passed === 0) {
    console.error(`${TESTS} fails without a mutant:\n${baseline.failed.join('\n')}\n${baseline.output}`);
    return 1;
  }
  let problems = 0;
  for (const mutant of SQL_MUTANTS) {
    const text = readFileSync(mutant.file, 'utf8');
    if (text.split(mutant.from).length !== 2) {
      console.log(`STALE     ${mutant.id}: its text is not found exactly once in ${mutant.file}`);
      problems++;
      continue;
    }
    const outcome = runTests(mutant);
    const killed = outcome.applied && outcome.failed.includes(mutant.killedBy);
    if (!killed) problems++;
    const status = !outcome.applied ? 'NOT RUN ' : killed ? 'KILLED  ' : 'SURVIVED';
    console.log(`${status}  ${mutant.id} (${mutant.file})`);
    for (const title of outcome.failed)
      console.log(`            ${title === mutant.killedBy ? '*' : '-'} ${title}`);
    if (!outcome.applied) console.log(outcome.output);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `\n${SQL_MUTANTS.length - problems} of ${SQL_MUTANTS.length} SQL mutants killed by their test (${seconds} s)`,
  );
  return problems === 0 ? 0 : 1;
}

process.exitCode = main();
