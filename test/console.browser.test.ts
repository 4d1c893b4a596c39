import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { generate as totpCode } from 'otplib';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from './support/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app';
import { loadConfig, type DatabaseConfig } from '../src/config';
import { EmSqlRunner } from '../src/db/sql-runner';
import { sql } from '../src/db/sql';
import { Client, ClientDeletion, Company, Contact, Staff } from '../src/entities';
import { LogoutDocument } from '../src/generated/graphql';
import { generateClient } from '../src/seed/client-generator';
import { loadCompanyFixtures } from '../src/seed/company-fixtures';
import { DEMO_TOTP_SECRET, seedDemo } from '../src/seed/demo-seed';
import { startServer, type RunningServer } from '../src/server';
import { createTestApp, LogCapture } from './support/app';
import { testDatabases } from './support/databases';
import { addContact } from './support/fixtures';
import { byTable, previewOf } from './support/deletion';
import { gql, signIn } from './support/http';

// The staff console as a staff member meets it: built by Vite as `npm run build` does, served by
// the service, driven in Debian's chromium by role and label.

const ROOT = resolve(__dirname, '..');

const hasChromium = chromiumAvailable('console.browser.test.ts');

/** The demo seed's staff password (SPEC 5). */
const PASSWORD = 'demo-password';
const ADMIN = 'admin@example.com';
const VIEWER = 'viewer@example.com';
const TOTP_STAFF = 'totp@example.com';

/** Set to write docs/console-dialog.png, the README's picture of the delete dialog. */
const SCREENSHOT = process.env.CONSOLE_SCREENSHOT ? join(ROOT, 'docs', 'console-dialog.png') : null;

/** `vite build` of console/, as `npm run build` runs it, into `outDir`. */
async function buildConsole(outDir: string): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      join(ROOT, 'console/vite.config.mts'),
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT },
  );
}

let consoleDir: string;

beforeAll(async () => {
  consoleDir = mkdtempSync(join(tmpdir(), 'erasure-console-'));
  // About a second; the service serves what it finds there (ServerOptions.consoleDir).
  await buildConsole(consoleDir);
}, 120_000);

afterAll(() => {
  if (consoleDir) rmSync(consoleDir, { recursive: true, force: true });
});

describe('CONSOLE setting', () => {
  it('is on by default, in production too, and off with CONSOLE=false', () => {
    expect(loadConfig({}).console).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).console).toBe(true);
    expect(loadConfig({ CONSOLE: 'false' }).console).toBe(false);
    expect(loadConfig({ CONSOLE: 'true', NODE_ENV: 'production' }).console).toBe(true);
    expect(() => loadConfig({ CONSOLE: 'yes' })).toThrow(/CONSOLE/);
  });
});

describe('GET / and /console/', () => {
  const db = testDatabases()[0];
  const log = new LogCapture();
  let database: DatabaseConfig;
  const running: { app: App; server: RunningServer }[] = [];
  let on: RunningServer;
  let unbuilt: RunningServer;
  let off: RunningServer;

  async function serve(env: Record<string, string>, dir: string, capture = new LogCapture()) {
    const app = await createTestApp(database, { migrate: running.length === 0, env, log: capture });
    const server = await startServer(app, { port: 0, host: '127.0.0.1', consoleDir: dir });
    running.push({ app, server });
    return server;
  }

  beforeAll(async () => {
    database = await db.create();
    on = await serve({}, consoleDir);
    unbuilt = await serve({}, mkdtempSync(join(tmpdir(), 'erasure-no-console-')), log);
    off = await serve({ CONSOLE: 'false' }, consoleDir);
  });

  afterAll(async () => {
    for (const { app, server } of running) {
      await server.close();
      await app.close();
    }
    await db.drop();
  });

  it('leads from / to the console, whose page and assets come from the service itself', async () => {
    const root = await fetch(`${on.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    expect(on.consoleUrl).toBe(`${on.url}/console/`);

    const res = await fetch(on.consoleUrl!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await res.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThanOrEqual(2);
    for (const source of sources) {
      expect(source).toMatch(/^\/console\/assets\//);
      const asset = await fetch(new URL(source, on.url));
      expect(asset.status, source).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      await asset.arrayBuffer();
    }
  });

  it('answers the page for the console’s own routes, and 404 for a missing file', async () => {
    for (const path of ['/console/clients/12', '/console/deletions', '/console']) {
      const res = await fetch(`${on.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain('<div id="root">');
    }
    const missing = await fetch(`${on.url}/console/assets/nothing-here.js`);
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
  });

  it('says how to build it when its folder holds no build, and still serves the API', async () => {
    expect(unbuilt.consoleUrl).toBeNull();
    const res = await fetch(`${unbuilt.url}/console/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
    expect(log.text).toContain('staff console is on but not built');
    const api = await gql(unbuilt.url, '{ me { id } }');
    expect(api.data).toEqual({ me: null });
  });

  it('is not served with CONSOLE=false', async () => {
    expect(off.consoleUrl).toBeNull();
    for (const path of ['/', '/console/']) {
      const res = await fetch(`${off.url}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
  });
});

// Functions marked "in the page" run in the browser; the project is typed without the DOM.
interface PageGlobals {
  document: { activeElement: { closest(selector: string): unknown } | null };
  sessionStorage: { getItem(key: string): string | null };
}

/** Where the console keeps the tab's session (console/src/api.ts). */
const SESSION_KEY = 'client-erasure.session';

/** Reads `[data-…]` items of the page as [name, text] pairs: the console marks its counts so. */
function marked(scope: Locator, attribute: string, valueSelector: string): Promise<[string, string][]> {
  return scope.locator(`[${attribute}]`).evaluateAll(
    // in the page
    (elements, [name, selector]) =>
      elements.map((el) => {
        const element = el as unknown as {
          getAttribute(name: string): string | null;
          querySelector(selector: string): { textContent: string | null } | null;
        };
        return [element.getAttribute(name) ?? '', element.querySelector(selector)?.textContent ?? ''] as [
          string,
          string,
        ];
      }),
    [attribute, valueSelector] as const,
  );
}

/** The console's numbers are formatted for people ("1,234"). */
function number(text: string): number {
  return Number(text.replace(/[^0-9]/g, ''));
}

for (const db of testDatabases()) {
  describe.skipIf(!hasChromium)(`the staff console in Chromium [${db.name}]`, () => {
    let app: App;
    let server: RunningServer;
    let browser: Browser;
    let attachments: string;
    const pages: Page[] = [];
    /** Requests the pages sent to any other host: the console must need none. */
    const elsewhere: string[] = [];
    const pageErrors: string[] = [];

    beforeAll(async () => {
      attachments = mkdtempSync(join(tmpdir(), 'erasure-console-files-'));
      mkdirSync(attachments, { recursive: true });
      app = await createTestApp(await db.create(), { env: { ATTACHMENTS_DIR: attachments } });
      await seedDemo(app, { password: PASSWORD });
      server = await startServer(app, { port: 0, host: '127.0.0.1', consoleDir });
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await app?.close();
      await db.drop();
      rmSync(attachments, { recursive: true, force: true });
    });

    /** A new tab (its own sessionStorage) on the console, with other hosts refused and recorded. */
    async function openConsole(): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      pages.push(page);
      const origin = new URL(server.url).origin;
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (new URL(url).origin === origin || url.startsWith('data:')) return route.continue();
        elsewhere.push(url);
        return route.abort();
      });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.setDefaultTimeout(20_000);
      await page.goto(`${server.url}/`);
      return page;
    }

    async function signInAs(page: Page, email: string): Promise<void> {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText(`Signed in as ${email}`).waitFor();
    }

    /** Searches the list and opens the one client it finds. */
    async function openClient(page: Page, search: string, name: RegExp): Promise<void> {
      await page.getByLabel('Search clients').fill(search);
      await page.getByLabel('Search clients').press('Enter');
      await page.getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
    }

    async function clientIdOf(lastName: string): Promise<number> {
      const contact = await app.orm.em.fork().findOneOrFail(Contact, { lastName, contactType: 'primary' });
      return contact.client.id;
    }

    async function clientExists(id: number): Promise<boolean> {
      return (await app.orm.em.fork().count(Client, { id })) === 1;
    }

    afterAll(() => {
      expect(elsewhere).toEqual([]);
      expect(pageErrors).toEqual([]);
    });

    it('signs in as the demo admin, shows the preview’s counts, deletes the client with the password and shows the receipt', async () => {
      const clientId = await clientIdOf('Deletable');
      // A contact of the client signs in with the viewer's user: that sign-in is kept, and why.
      const viewer = await app.orm.em.fork().findOneOrFail(Staff, { email: VIEWER }, { populate: ['user'] });
      const runner = new EmSqlRunner(app.orm.em.fork(), app.driver);
      await runner.run(sql`
        UPDATE contacts SET user_id = ${viewer.user.id}
         WHERE client_id = ${clientId} AND contact_type <> 'primary'`);

      const page = await openConsole();
      expect(new URL(page.url()).pathname).toBe('/console/');
      await signInAs(page, ADMIN);
      await openClient(page, 'Deletable', /Ada Deletable/);
      await page.getByRole('button', { name: 'Delete client' }).click();

      const dialog = page.getByRole('dialog', { name: /Delete Ada Deletable/ });
      await dialog.waitFor();
      // Focus moved into the dialog.
      // in the page
      expect(
        await page.evaluate(() =>
          Boolean((globalThis as unknown as PageGlobals).document.activeElement?.closest('dialog')),
        ),
      ).toBe(true);
      const erased = dialog.getByRole('table', { name: 'Rows to erase, by category and table' });
      await erased.waitFor();

      // What the dialog shows is the preview, table by table: compared with the API's own answer.
      const token = await signIn(server.url, ADMIN, PASSWORD);
      const preview = await previewOf(server.url, token, clientId);
      expect(preview.deletable).toBe(true);
      const shown = await marked(erased, 'data-table', '.n');
      expect(Object.fromEntries(shown.map(([table, n]) => [table, number(n)]))).toEqual(
        byTable(preview.counts),
      );
      // Every table once (grouped by category, so not in the preview's order).
      expect(shown).toHaveLength(preview.counts.length);
      const subtotals = await marked(erased, 'data-category', '[data-subtotal]');
      const byCategory: Record<string, number> = {};
      for (const c of preview.counts) byCategory[c.category] = (byCategory[c.category] ?? 0) + c.count;
      expect(Object.fromEntries(subtotals.map(([category, n]) => [category, number(n)]))).toEqual(byCategory);
      expect(number(await erased.locator('[data-total]').innerText())).toBe(preview.total);
      expect(await dialog.getByRole('heading', { name: /What will be erased/ }).innerText()).toContain(
        preview.total.toLocaleString('en'),
      );
      // Kept rows, and why.
      expect(preview.kept.map((k) => [k.table, k.count])).toEqual([['users', 1]]);
      const kept = dialog
        .getByRole('table', { name: 'Rows kept, and why' })
        .getByRole('row', { name: /^users 1/ });
      expect(await kept.innerText()).toContain(preview.kept[0].reason!);
      await dialog.getByText(preview.warning).waitFor();

      // Confirm stays disabled until the password is typed.
      const confirm = dialog.getByRole('button', { name: 'Delete permanently' });
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByLabel('Your password').fill(PASSWORD);
      expect(await confirm.isEnabled()).toBe(true);
      if (SCREENSHOT) {
        // Tall enough for the whole dialog, from the heading to the confirm button.
        await page.setViewportSize({ width: 1200, height: 1300 });
        await dialog.getByRole('heading', { level: 2 }).focus();
        await page.screenshot({ path: SCREENSHOT });
      }

      // The answer is held back a moment, as a long deletion's would be: progress and elapsed time.
      await page.route('**/graphql', async (route) => {
        if (route.request().postData()?.includes('mutation DeleteClient')) {
          await new Promise((done) => setTimeout(done, 2_500));
        }
        await route.continue();
      });
      await confirm.click();
      const progress = dialog.getByRole('status').filter({ has: page.getByRole('progressbar') });
      await progress.getByText(/Deleting… [1-9] s elapsed/).waitFor();
      expect(await confirm.isDisabled()).toBe(true);
      const receipt = page.getByRole('region', { name: /^Deleted: Ada Deletable \(\d+\)$/ });
      await receipt.waitFor();
      expect(await page.getByRole('dialog').count()).toBe(0);
      const audit = await app.orm.em.fork().findOneOrFail(ClientDeletion, { clientId });
      const facts = await receipt.innerText();
      expect(facts).toContain(String(audit.id));
      expect(facts).toContain(preview.total.toLocaleString('en'));
      expect(audit.total).toBe(preview.total);

      // Back on the list, where the client is gone; and gone from the database.
      expect(new URL(page.url()).pathname).toBe('/console/');
      await page.getByLabel('Search clients').fill('Deletable');
      await page.getByLabel('Search clients').press('Enter');
      await page.getByText('No client matches “Deletable”.').waitFor();
      expect(await clientExists(clientId)).toBe(false);
      expect(await app.orm.em.fork().count(Contact, { client: clientId })).toBe(0);

      // The audit log lists it.
      await page.getByRole('link', { name: 'Audit log' }).click();
      const row = page.getByRole('row', { name: new RegExp(`^${audit.id} ${clientId} `) });
      await row.waitFor();
    });

    it('shows a blocked client’s blockers first and keeps the confirm button disabled', async () => {
      const clientId = await clientIdOf('Openinvoice');
      const page = await openConsole();
      await signInAs(page, ADMIN);
      await openClient(page, 'Openinvoice', /Otto Openinvoice/);
      const opener = page.getByRole('button', { name: 'Delete client' });
      await opener.click();
      const dialog = page.getByRole('dialog', { name: /Delete Otto Openinvoice/ });
      const blockers = dialog.getByRole('region', { name: 'This client cannot be deleted yet' });
      await blockers.waitFor();

      const token = await signIn(server.url, ADMIN, PASSWORD);
      const preview = await previewOf(server.url, token, clientId);
      const [blocker] = preview.blockers;
      expect(blocker.code).toBe('OPEN_INVOICES');
      const text = await blockers.innerText();
      expect(text).toContain(blocker.message);
      for (const id of blocker.ids) expect(text).toContain(id);
      // Blockers come before what would be erased.
      const erased = dialog.getByRole('region', { name: /What would be erased once nothing blocks it/ });
      expect(
        await blockers.evaluate(
          // in the page: DOCUMENT_POSITION_FOLLOWING
          (first, second) => Boolean(first.compareDocumentPosition(second as typeof first) & 4),
          await erased.elementHandle(),
        ),
      ).toBe(true);
      expect(await dialog.getByRole('button', { name: 'Delete permanently' }).isDisabled()).toBe(true);

      // Escape closes the dialog and gives the focus back to the button that opened it.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // in the page
      expect(
        await opener.evaluate((el) => el === (globalThis as unknown as PageGlobals).document.activeElement),
      ).toBe(true);
      expect(await clientExists(clientId)).toBe(true);
    });

    it('shows a viewer the clients but no delete action', async () => {
      const page = await openConsole();
      await signInAs(page, VIEWER);
      await openClient(page, 'Activeservice', /Sam Activeservice/);
      await page.getByRole('heading', { name: 'Contacts' }).waitFor();
      expect(await page.getByRole('button', { name: 'Delete client' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    });

    it('says so when the password is wrong or the preview is stale, and deletes only after a fresh preview', async () => {
      const clientId = await clientIdOf('Large');
      const page = await openConsole();
      await signInAs(page, ADMIN);
      await openClient(page, 'Large', /Lars Large/);
      await page.getByRole('button', { name: 'Delete client' }).click();
      const dialog = page.getByRole('dialog', { name: /Delete Lars Large/ });
      const erased = dialog.getByRole('table', { name: 'Rows to erase, by category and table' });
      await erased.waitFor();
      const totalBefore = number(await erased.locator('[data-total]').innerText());
      const password = dialog.getByLabel('Your password');
      const confirm = dialog.getByRole('button', { name: 'Delete permanently' });

      await password.fill('not-my-password');
      await confirm.click();
      const alert = dialog.getByRole('alert');
      await alert.getByText('The password is not correct, so nothing was deleted.').waitFor();
      expect(await clientExists(clientId)).toBe(true);
      expect(await app.orm.em.fork().count(ClientDeletion, { clientId })).toBe(0);

      // Someone adds a contact after the preview: the confirmation is refused as stale.
      await addContact(app, clientId, 'other');
      await password.fill(PASSWORD);
      await confirm.click();
      await alert.getByText(/What would be deleted has changed since this preview/).waitFor();
      expect(await clientExists(clientId)).toBe(true);

      await alert.getByRole('button', { name: 'Reload the preview' }).click();
      await erased
        .locator('[data-total]')
        .getByText((totalBefore + 1).toLocaleString('en'))
        .waitFor();
      await password.fill(PASSWORD);
      await confirm.click();
      await page.getByRole('region', { name: /^Deleted: Lars Large/ }).waitFor({ timeout: 60_000 });
      expect(await clientExists(clientId)).toBe(false);
    });

    it('signs totp@example.com in with the one-time code of their authenticator', async () => {
      const page = await openConsole();
      await page.getByLabel('Email').fill(TOTP_STAFF);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const code = page.getByLabel('One-time code');
      await code.waitFor();
      expect(await page.getByRole('alert').innerText()).toContain('one-time code');
      await code.fill(await totpCode({ secret: DEMO_TOTP_SECRET }));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText(`Signed in as ${TOTP_STAFF}`).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByText('You have signed out.').waitFor();
    });

    it('pages through a list longer than a page, forwards and back, and starts a new search on its first page', async () => {
      const em = app.orm.em.fork();
      const company = await em.findOneOrFail(Company, { name: 'Demo Hosting' });
      const plugins = app.plugins.map((p) => p.name);
      const fixtures = await loadCompanyFixtures(em, company.id, plugins);
      // The console's pages hold 25 clients (console/src/ClientList.tsx): 27 make two pages.
      for (let i = 1; i <= 27; i++) {
        await generateClient(em, fixtures, {
          counts: { clients: 1, contacts: 1 },
          plugins,
          app,
          primaryContact: { firstName: 'Page', lastName: `Turner${String(i).padStart(2, '0')}` },
        });
      }
      const page = await openConsole();
      await signInAs(page, ADMIN);
      const search = page.getByLabel('Search clients');
      const status = page.getByRole('status');
      const rows = page.locator('table.list tbody tr');
      const previous = page.getByRole('button', { name: 'Previous page' });
      const next = page.getByRole('button', { name: 'Next page' });
      await search.fill('Turner');
      await search.press('Enter');
      await status.getByText(`27 clients matching “Turner”; showing 1–25.`).waitFor();
      expect(await rows.count()).toBe(25);
      expect(await previous.isDisabled()).toBe(true);
      await next.click();
      await status.getByText(`27 clients matching “Turner”; showing 26–27.`).waitFor();
      expect(await rows.allInnerTexts()).toEqual([
        expect.stringContaining('Page Turner26'),
        expect.stringContaining('Page Turner27'),
      ]);
      expect(await next.isDisabled()).toBe(true);
      await previous.click();
      await status.getByText(`showing 1–25.`).waitFor();
      expect(await rows.first().innerText()).toContain('Page Turner01');
      await next.click();
      await status.getByText(`showing 26–27.`).waitFor();
      await search.fill('Turner0');
      await search.press('Enter');
      await status.getByText(`9 clients matching “Turner0”; showing 1–9.`).waitFor();
      expect(await previous.isDisabled()).toBe(true);
      expect(await next.isDisabled()).toBe(true);
    });

    it('sends a staff member whose session ended back to sign in, saying why', async () => {
      const page = await openConsole();
      await signInAs(page, ADMIN);
      // The session ends elsewhere (another tab signed out, or it expired).
      const token = await page.evaluate(
        // in the page
        (key) =>
          (
            JSON.parse((globalThis as unknown as PageGlobals).sessionStorage.getItem(key) ?? '{}') as {
              token: string;
            }
          ).token,
        SESSION_KEY,
      );
      expect((await gql(server.url, LogoutDocument, {}, token)).data?.logout).toBe(true);
      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByText('Your session has expired or was ended. Sign in again to go on.').waitFor();
      await page.getByLabel('Email').waitFor();
      // in the page
      expect(
        await page.evaluate(
          (key) => (globalThis as unknown as PageGlobals).sessionStorage.getItem(key),
          SESSION_KEY,
        ),
      ).toBeNull();
    });
  });
}
