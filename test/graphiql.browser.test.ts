import { type Browser, type Page } from 'playwright-core';
import { CHROMIUM, chromiumAvailable, launchChromium } from './support/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import { loadConfig, type DatabaseConfig } from '../src/config';
import { createCompanyFixtures } from '../src/seed/company-fixtures';
import { fullShapeCounts, generateClient, type GeneratedClient } from '../src/seed/client-generator';
import { startServer, type RunningServer } from '../src/server';
import { createTestApp } from './support/app';
import { testDatabases, type TestDatabase } from './support/databases';
import { createCompanyWithStaff, type StaffFixture } from './support/fixtures';

const hasChromium = chromiumAvailable('graphiql.browser.test.ts');

const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on LoginSuccess { token }
    ... on ErrorResult { errorCode message }
  }
}`;

const PREVIEW = `query Preview($clientId: ID!) {
  clientDeletionPreview(clientId: $clientId) {
    __typename
    ... on ClientDeletionPreview { clientId deletable total previewToken counts { table count } }
    ... on ErrorResult { errorCode message }
  }
}`;

// GraphiQL 3 edits with CodeMirror 5; each editor element carries its CodeMirror instance.
const QUERY_EDITOR = 'section[aria-label="Query Editor"] .CodeMirror';
const TOOL_EDITOR = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';
const RESULT = 'section[aria-label="Result Window"] .CodeMirror';

// Functions below marked "in the page" run in the browser (the project is typed without the DOM).
interface PageElement {
  textContent: string | null;
  CodeMirror?: { getValue(): string; setValue(value: string): void };
}
type PageGlobals = { document: { querySelector(selector: string): PageElement | null } };

function setEditor(page: Page, selector: string, value: string): Promise<void> {
  return page.$eval(
    selector,
    // in the page
    (el, text) => (el as unknown as PageElement).CodeMirror?.setValue(text),
    value,
  );
}

function editorValue(page: Page, selector: string): Promise<string> {
  // in the page
  return page.$eval(selector, (el) => (el as unknown as PageElement).CodeMirror?.getValue() ?? '');
}

/**
 * Puts an operation in the query editor. GraphiQL reads the operation's name from the editor a
 * moment later (debounced); with two tabs open the active tab shows that name, so waiting for it
 * means the run button will send this operation.
 */
async function setQuery(page: Page, query: string, operationName: string): Promise<void> {
  await setEditor(page, QUERY_EDITOR, query);
  await page.waitForFunction(
    // in the page
    (name) =>
      (globalThis as unknown as PageGlobals).document.querySelector(
        '.graphiql-tab-active .graphiql-tab-button',
      )?.textContent === name,
    operationName,
    { timeout: 5_000 },
  );
}

/** Clicks the run button and returns the result pane once it shows something containing `expected`. */
async function run(page: Page, expected: string): Promise<unknown> {
  await setEditor(page, RESULT, '');
  await page.click('.graphiql-execute-button');
  try {
    await page.waitForFunction(
      // in the page
      ([selector, text]) =>
        (globalThis as unknown as PageGlobals).document
          .querySelector(selector)
          ?.CodeMirror?.getValue()
          .includes(text),
      [RESULT, expected] as const,
      { timeout: 15_000 },
    );
  } catch (error) {
    throw new Error(
      `the result pane never showed ${expected}; it shows: ${await editorValue(page, RESULT)}`,
      {
        cause: error,
      },
    );
  }
  return JSON.parse(await editorValue(page, RESULT));
}

/** A company whose staff member may delete, with one deletable client of every table. */
async function deletableClient(app: App): Promise<{ staff: StaffFixture; client: GeneratedClient }> {
  const { companyId, staff } = await createCompanyWithStaff(app, [
    'admin_clients.view',
    'admin_clients.delete',
  ]);
  const fixtures = await createCompanyFixtures(app.orm.em.fork(), {
    name: 'Browser Hosting',
    hostname: 'browser.test',
    companyId,
    staffId: staff.staffId,
  });
  const plugins = app.config.plugins;
  const client = await generateClient(app.orm.em.fork(), fixtures, {
    counts: fullShapeCounts(plugins, { recurring: false }),
    plugins,
    primaryContact: { firstName: 'Bea', lastName: 'Browser' },
  });
  return { staff, client };
}

/** The IDE is the same on every driver: SQLite is enough here. */
function sqlite(): TestDatabase {
  return testDatabases()[0];
}

describe('GRAPHIQL setting', () => {
  it('is on in development and tests, off in production, and follows GRAPHIQL', () => {
    expect(loadConfig({}).graphiql).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).graphiql).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).graphiql).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'true' }).graphiql).toBe(true);
    expect(loadConfig({ GRAPHIQL: 'false' }).graphiql).toBe(false);
  });
});

describe('GET /graphql', () => {
  const db = sqlite();
  let database: DatabaseConfig;
  let on: { app: App; server: RunningServer };
  let off: { app: App; server: RunningServer };

  beforeAll(async () => {
    database = await db.create();
    const onApp = await createTestApp(database);
    on = { app: onApp, server: await startServer(onApp, { port: 0, host: '127.0.0.1' }) };
    const offApp = await createTestApp(database, { migrate: false, env: { GRAPHIQL: 'false' } });
    off = { app: offApp, server: await startServer(offApp, { port: 0, host: '127.0.0.1' }) };
  });

  afterAll(async () => {
    for (const { app, server } of [on, off]) {
      await server?.close();
      await app?.close();
    }
    await db.drop();
  });

  it('gives a browser the GraphiQL page, with assets served by the service itself', async () => {
    const res = await fetch(on.server.graphqlUrl, { headers: { accept: 'text/html,*/*;q=0.8' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await res.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source).toMatch(/^\/graphiql\/assets\//);
      const asset = await fetch(new URL(source, on.server.url));
      expect(asset.status, source).toBe(200);
      await asset.arrayBuffer();
    }
  });

  it('leaves GraphQL over GET and non-browser clients to the API', async () => {
    const res = await fetch(`${on.server.graphqlUrl}?query=${encodeURIComponent('{ me { id } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await res.json()).toEqual({ data: { me: null } });
    const curlLike = await fetch(on.server.graphqlUrl, { headers: { accept: '*/*' } });
    expect(curlLike.headers.get('content-type')).not.toMatch(/text\/html/);
  });

  it('serves no IDE and no assets when GRAPHIQL=false', async () => {
    const res = await fetch(off.server.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await res.text()).not.toMatch(/graphiql/i);
    const asset = await fetch(`${off.server.url}/graphiql/assets/graphiql.min.js`);
    expect(asset.status).toBe(404);
    await asset.arrayBuffer();
    // The API itself still answers.
    const api = await fetch(off.server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(await api.json()).toEqual({ data: { me: null } });
  });
});

describe.skipIf(!hasChromium)(`GraphiQL in Chromium (skipped when ${CHROMIUM} is absent)`, () => {
  const db = sqlite();
  let database: DatabaseConfig;
  let app: App;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    database = await db.create();
    app = await createTestApp(database);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await app?.close();
    await db.drop();
  });

  it('signs in from the editor, sends the token from the headers editor and shows a preview', async () => {
    const { staff, client } = await deletableClient(app);
    const page = await browser.newPage();
    const origin = new URL(server.url).origin;
    const elsewhere: string[] = [];
    // Anything not served by the service is refused and recorded: the IDE must work offline.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin || url.startsWith('data:')) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    try {
      await page.goto(server.graphqlUrl);
      await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
      // With two tabs, the active one is titled with its operation's name (see setQuery).
      await page.getByRole('button', { name: 'Add tab' }).click();
      // The schema was introspected: the documentation explorer has the Query type.
      await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
      await page.getByText('Query', { exact: true }).first().waitFor();

      // Without a token the preview is refused.
      await setQuery(page, PREVIEW, 'Preview');
      await page.getByRole('button', { name: 'Variables' }).click();
      await setEditor(page, TOOL_EDITOR, JSON.stringify({ clientId: String(client.clientId) }));
      const refused = (await run(page, 'UNAUTHENTICATED')) as { errors: { extensions: { code: string } }[] };
      expect(refused.errors[0].extensions.code).toBe('UNAUTHENTICATED');

      // Sign in with the Login mutation.
      await setQuery(page, LOGIN, 'Login');
      await setEditor(page, TOOL_EDITOR, JSON.stringify({ email: staff.email, password: staff.password }));
      const login = (await run(page, 'LoginSuccess')) as { data: { login: { token: string } } };
      const token = login.data.login.token;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

      // Put the token in the headers editor and preview the client.
      await page.getByRole('button', { name: 'Headers' }).click();
      await setEditor(page, TOOL_EDITOR, JSON.stringify({ Authorization: `Bearer ${token}` }));
      await setQuery(page, PREVIEW, 'Preview');
      await page.getByRole('button', { name: 'Variables' }).click();
      await setEditor(page, TOOL_EDITOR, JSON.stringify({ clientId: String(client.clientId) }));
      const shown = (await run(page, '"ClientDeletionPreview"')) as {
        data: {
          clientDeletionPreview: { clientId: string; deletable: boolean; total: number; counts: unknown[] };
        };
      };

      expect(shown.data.clientDeletionPreview).toMatchObject({
        clientId: String(client.clientId),
        deletable: true,
        total: client.total,
      });
      expect(shown.data.clientDeletionPreview.counts.length).toBeGreaterThan(10);
      // What the pane shows is what a user reads.
      await expect(page.locator('.graphiql-response').innerText()).resolves.toContain(
        `"total": ${client.total}`,
      );
      expect(elsewhere).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
