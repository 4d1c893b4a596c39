import { beforeAll } from 'vitest';

/**
 * `beforeAll` for what a file's tests share (an app, a compiled plan), whose failure fails every
 * test that uses it. A failing `beforeAll` only marks its tests skipped, and StrykerJS's vitest
 * runner counts a mutant whose tests were skipped as survived: a mutant that breaks the setup
 * must fail the tests instead. Call the returned function inside a test.
 */
export function prepared<T>(build: () => Promise<T>): () => T {
  let state: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  beforeAll(async () => {
    try {
      state = { ok: true, value: await build() };
    } catch (error) {
      state = { ok: false, error };
    }
  });
  return () => {
    if (!state) throw new Error('prepared() read before its beforeAll ran');
    if (!state.ok) throw state.error;
    return state.value;
  };
}
