// Mutation testing of the deletion engine and the rules declared on the entities (docs/testing.md).
// `npm run test:mutation`; not part of CI: it takes minutes. Reports: reports/mutation/.

/** Entity files and the lines that declare erasure rules (@ClientData, @BlocksDeletion, cascades). */
const ENTITY_RULES = [
  'src/entities/user.entity.ts:19-43',
  'src/entities/user.entity.ts:70-77',
  'src/entities/invoice.entity.ts:29-35',
  'src/entities/invoice.entity.ts:80-99',
  'src/entities/invoice-recur.entity.ts:21-26',
  'src/entities/invoice-recur.entity.ts:61-68',
  'src/entities/service.entity.ts:26-32',
  'src/entities/service.entity.ts:84-95',
  'src/entities/log-email.entity.ts:11-25',
  'src/entities/log-account-access.entity.ts:15-26',
  'src/plugins/support-manager/entities/support-ticket.entity.ts:40-69',
  'src/plugins/support-manager/entities/support-ticket.entity.ts:118-121',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // related: false, or Stryker runs only the test files vitest finds related to the mutated file
  // through its imports, and counted mutants as survived that the other files' tests kill.
  vitest: { configFile: 'vitest.mutation.config.mts', related: false },
  mutate: [
    'src/deletion/erasure-plan.ts',
    'src/deletion/erasure-sql.ts',
    'src/deletion/erasure-executor.ts',
    'src/deletion/address-match.ts',
    'src/deletion/address-key.ts',
    'src/deletion/completeness.ts',
    'src/deletion/erasure-rules.ts',
    ...ENTITY_RULES,
  ],
  // Each mutant runs only the tests that reach it; two at a time on two cores.
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutFactor: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 80, break: 80 },
  tempDirName: '.stryker-tmp',
};
