import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { configDefaults, defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// test/galera.test.ts needs a Galera cluster (scripts/galera-up.sh): without TEST_GALERA_URLS it
// is left out of the run, not registered, and this line says so.
const galera = Boolean(process.env.TEST_GALERA_URLS?.trim());
if (!galera) {
  console.log(
    'test/galera.test.ts: not run, TEST_GALERA_URLS is not set (scripts/galera-up.sh starts a cluster)',
  );
}

// unplugin-swc makes vitest emit decorator metadata, which type-graphql and MikroORM need.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    // One copy of graphql: our ESM imports and the CommonJS libraries (type-graphql, shield,
    // Apollo) must share its classes, or graphql's instanceof checks fail across "realms".
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(galera ? [] : ['test/galera.test.ts'])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
