import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** The project's root. */
export const ROOT = resolve(__dirname, '..', '..');

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

/**
 * A tsc build of src/ and scripts/ into a scratch folder (about 5 s), to run the service as it is
 * deployed: `node <dir>/src/main.js` with `NODE_PATH` set to the project's node_modules. Type errors
 * are `npm run typecheck`'s business; the emitted JavaScript is what runs.
 */
export async function buildService(prefix: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--outDir',
      dir,
      '--sourceMap',
      'false',
    ],
    { cwd: ROOT },
  ).catch((error: unknown) => {
    if (!existsSync(join(dir, 'src/main.js'))) throw error;
  });
  return dir;
}
