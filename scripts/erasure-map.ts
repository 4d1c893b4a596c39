/** `npm run erasure:map`: writes docs/erasure-map.md from the erasure plan the service compiles. */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { renderErasureMap } from '../src/deletion/erasure-map';

/** The committed map, read by reviewers. */
export const ERASURE_MAP_FILE = join(__dirname, '..', 'docs', 'erasure-map.md');

/**
 * The map of the plan the service compiles with every built-in plugin enabled. An in-memory
 * database is enough: the plan comes from entity metadata, not rows.
 */
export async function currentErasureMap(): Promise<string> {
  const config = loadConfig({ SQLITE_FILE: ':memory:', LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const app = await createApp(config, { migrate: false });
  try {
    return renderErasureMap(app.plan);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  currentErasureMap()
    .then((map) => {
      writeFileSync(ERASURE_MAP_FILE, map);
      console.log(`wrote ${ERASURE_MAP_FILE}`);
    })
    .catch((error: unknown) => {
      console.error(`erasure:map: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
