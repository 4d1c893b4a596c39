import type { Plugin } from 'vite';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.mts';
import type { Mutant } from './test/mutation/sql-mutants';

// The tests StrykerJS runs against each mutant of the deletion engine and the entity rules
// (stryker.config.mjs, `npm run test:mutation`): the fast ones that pin the rules, on SQLite only.
// Stryker runs them in one worker thread per concurrent mutant and stops a mutant's run at its
// first failing test, so the files run cheapest first: a mutant that breaks loading the entities
// dies in the first, most others in the SQL snapshots.
const FILES = [
  'test/erasure-load.test.ts',
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

/**
 * With MUTANT set (by test/mutation/run-mutants.ts, to a mutant as JSON), the mutant is
 * applied to its file as the file is loaded: the file on disk is left alone.
 */
function applyMutant(mutant: Mutant): Plugin {
  return {
    name: 'mutant',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith(mutant.file)) return undefined;
      if (code.split(mutant.from).length !== 2) {
        throw new Error(`mutant ${mutant.id}: its text is not found exactly once in ${mutant.file}`);
      }
      console.error(`[mutant] ${mutant.id} applied to ${mutant.file}`);
      return code.replace(mutant.from, () => mutant.to);
    },
  };
}

const mutant = process.env.MUTANT ? (JSON.parse(process.env.MUTANT) as Mutant) : undefined;

export default defineConfig({
  ...base,
  plugins: [...(mutant ? [applyMutant(mutant)] : []), ...(base.plugins ?? [])],
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
