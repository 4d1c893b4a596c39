import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';

/** Where the console answers; `/` leads there. Its client-side routes live below it. */
export const CONSOLE_PATH = '/console';

/** Vite writes the hashed bundles here, below the console's folder (console/vite.config.mts). */
const ASSETS_DIR = 'assets';

/**
 * Where `npm run build` puts the console: `dist/console`, beside `dist/src` of the compiled server.
 * From the sources (ts-node, vitest) `src/` sits beside `dist/`, so it is the same folder.
 */
export function defaultConsoleDir(): string {
  return __filename.endsWith('.ts')
    ? resolve(__dirname, '..', '..', 'dist', 'console')
    : resolve(__dirname, '..', '..', 'console');
}

// The page talks to this service only and loads nothing from anywhere else. React sets styles
// through the DOM (allowed); the bundle has no inline script or style.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function pageHeaders(res: Response): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
}

export interface MountedConsole {
  /** False when the folder holds no build: the console's routes then explain how to build it. */
  readonly built: boolean;
  readonly dir: string;
}

/**
 * Serves the staff console built by Vite from `dir`: its hashed assets (cached for good), and its
 * page for `/console/` and every client-side route below it (the app routes itself). `GET /` leads
 * to it. Without a build the service still starts, logs a warning, and the console's routes answer
 * 503 with the command that builds it.
 */
export function mountConsole(web: Express, dir: string, logger: Logger): MountedConsole {
  const indexFile = join(dir, 'index.html');
  const built = existsSync(indexFile);

  web.get('/', (_req, res) => res.redirect(302, `${CONSOLE_PATH}/`));

  if (!built) {
    logger.warn(
      { dir },
      'staff console is on but not built: run `npm run build` (or set CONSOLE=false); its page answers 503',
    );
    web.get([CONSOLE_PATH, `${CONSOLE_PATH}/*path`], (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send(
          'The staff console is not built. Run `npm run build` (npm start does), then start the service again.\n',
        );
    });
    return { built, dir };
  }

  // Read once: a new build comes with a restart, as the server's own code does.
  const page = readFileSync(indexFile, 'utf8');
  const sendPage = (_req: Request, res: Response) => {
    pageHeaders(res);
    // The page names the current bundles; it must be asked for again after every deployment.
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(page);
  };

  // Express matches `/console` and `/console/` alike: only the first is sent to the second.
  web.get(CONSOLE_PATH, (req, res, next) =>
    req.path === CONSOLE_PATH ? res.redirect(301, `${CONSOLE_PATH}/`) : next(),
  );
  web.use(
    CONSOLE_PATH,
    express.static(dir, {
      index: false,
      redirect: false,
      setHeaders: (res, path) => {
        res.setHeader('x-content-type-options', 'nosniff');
        // Bundles carry a hash of their content in their name; anything else may change.
        if (path.startsWith(join(dir, ASSETS_DIR))) {
          res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        } else {
          res.setHeader('cache-control', 'no-cache');
        }
        if (path.endsWith('.html')) pageHeaders(res);
      },
    }),
  );
  // Client-side routes (e.g. /console/clients/12) get the page; a missing file stays a 404.
  web.get(
    [`${CONSOLE_PATH}/`, `${CONSOLE_PATH}/*path`],
    (req: Request, res: Response, next: NextFunction) => {
      if (/\.[a-z0-9]+$/i.test(req.path)) {
        next();
        return;
      }
      sendPage(req, res);
    },
  );
  return { built, dir };
}
