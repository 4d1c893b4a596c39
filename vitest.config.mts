import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// unplugin-swc makes vitest emit decorator metadata, which type-graphql and MikroORM need.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
