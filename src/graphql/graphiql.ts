import { dirname, join } from 'node:path';
import type { Express, NextFunction, Request, Response } from 'express';

/** Where the page loads its scripts and styles from: this service, never a CDN. */
export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets';

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/**
 * The browser-ready builds that the npm packages ship (graphiql 3 has a UMD bundle that takes
 * React and ReactDOM from globals; React 18 still ships UMD builds), served by name so that no
 * other file of node_modules can be reached.
 */
function assetFiles(): ReadonlyMap<string, string> {
  const graphiql = packageDir('graphiql');
  return new Map([
    ['react.production.min.js', join(packageDir('react'), 'umd', 'react.production.min.js')],
    ['react-dom.production.min.js', join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js')],
    ['graphiql.min.js', join(graphiql, 'graphiql.min.js')],
    ['graphiql.min.css', join(graphiql, 'graphiql.min.css')],
  ]);
}

/** What the editor shows on first visit: the way to sign in and preview, step by step. */
const DEFAULT_QUERY = `# Client erasure service
#
# 1. Run Login below with your email and password in the Variables pane, e.g.
#      { "email": "admin@example.com", "password": "demo-password" }
# 2. Copy the token and put it in the Headers pane:
#      { "Authorization": "Bearer <token>" }
# 3. Find a client with Clients, then preview its deletion with ClientDeletionPreview.
#
# deleteClient erases a client permanently: it asks for your own password and the
# previewToken of the preview you reviewed.

mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on LoginSuccess { token expiresAt staff { email permissions } }
    ... on ErrorResult { errorCode message }
  }
}

query Clients($search: String) {
  clients(search: $search) {
    totalCount
    edges { node { id idCode primaryContact { firstName lastName company } } }
  }
}

query ClientDeletionPreview($clientId: ID!) {
  clientDeletionPreview(clientId: $clientId) {
    __typename
    ... on ClientDeletionPreview {
      deletable total warning previewToken
      blockers { code message count }
      counts { table category count }
    }
    ... on ErrorResult { errorCode message }
  }
}
`;

// Runs after the bundles: mounts GraphiQL on the page's root element. Headers typed into the
// headers editor are sent with every request; they are not persisted, so a token does not
// outlive the tab.
const SETUP_SCRIPT = `(function () {
  var settings = JSON.parse(document.getElementById('graphiql-settings').textContent);
  var fetcher = GraphiQL.createFetcher({ url: new URL(settings.endpoint, location.href).toString() });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: settings.defaultQuery,
      defaultHeaders: settings.defaultHeaders,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
`;

// The page may only talk to this service. GraphiQL styles elements inline and embeds its fonts
// as data: URLs.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function escapeJsonForHtml(value: unknown): string {
  // Inside <script type="application/json"> only "</script" could end the element early.
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function page(endpoint: string): string {
  const settings = {
    endpoint,
    defaultQuery: DEFAULT_QUERY,
    defaultHeaders: '{\n  "Authorization": "Bearer <token from Login>"\n}',
  };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>GraphiQL · Client erasure service</title>
    <link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}/graphiql.min.css" />
    <link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}/page.css" />
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script id="graphiql-settings" type="application/json">${escapeJsonForHtml(settings)}</script>
    <script src="${GRAPHIQL_ASSETS_PATH}/react.production.min.js"></script>
    <script src="${GRAPHIQL_ASSETS_PATH}/react-dom.production.min.js"></script>
    <script src="${GRAPHIQL_ASSETS_PATH}/graphiql.min.js"></script>
    <script src="${GRAPHIQL_ASSETS_PATH}/setup.js"></script>
  </body>
</html>
`;
}

const PAGE_CSS = 'html, body, #graphiql { height: 100%; margin: 0; }\n';

/** A browser navigating to the endpoint, as opposed to a GraphQL GET request or a client. */
function wantsPage(req: Request): boolean {
  if (typeof req.query.query === 'string') return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/**
 * Serves GraphiQL on `GET <endpoint>` to browsers, with its assets under
 * {@link GRAPHIQL_ASSETS_PATH}. Mount it before the GraphQL middleware; everything that is not a
 * browser asking for a page passes through.
 */
export function mountGraphiql(web: Express, endpoint: string): void {
  const files = assetFiles();
  const html = page(endpoint);

  web.get(`${GRAPHIQL_ASSETS_PATH}/:file`, (req: Request, res: Response, next: NextFunction) => {
    const file = String(req.params.file);
    if (file === 'setup.js') {
      res.type('application/javascript').send(SETUP_SCRIPT);
      return;
    }
    if (file === 'page.css') {
      res.type('text/css').send(PAGE_CSS);
      return;
    }
    const path = files.get(file);
    if (!path) {
      next();
      return;
    }
    res.sendFile(path, { maxAge: '1h' }, (error) => {
      // After a partial response (the browser went away) there is nothing left to answer.
      if (error && !res.headersSent) next(error);
    });
  });

  web.get(endpoint, (req: Request, res: Response, next: NextFunction) => {
    if (!wantsPage(req)) {
      next();
      return;
    }
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.type('html').send(html);
  });
}
