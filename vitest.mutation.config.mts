import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.mts';

// The tests StrykerJS runs against each mutant of the deletion engine and the entity rules
// (stryker.config.mjs, `npm run test:mutation`): the fast ones that pin the rules, on SQLite only.
// Stryker runs them in one worker thread per concurrent mutant and stops a mutant's run at its
// first failing test, so the files run cheapest first: most mutants die in the SQL snapshots.
const FILES = [
  'test/erasure-sql.test.ts',
  'test/erasure-engine.test.ts',
  'test/erasure-plan.test.ts',
  'test/erasure-rules.test.ts',
];

class CheapestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => FILES.findIndex((f) => spec.moduleId.endsWith(f));
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: FILES,
    sequence: { sequencer: CheapestFirst },
    // MariaDB is for the full suite: a mutant run must not wait for a server.
    env: { TEST_MYSQL_URL: '' },
    // A mutant must never write a snapshot file: a new file would pass, and stay for the next mutant.
    update: 'none',
  },
});
