import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Entity, ManyToOne, PrimaryKey, type Rel } from '@mikro-orm/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../src/app';
import { ManualClock } from '../src/clock';
import type { DatabaseConfig } from '../src/config';
import { EmSqlRunner } from '../src/db/sql-runner';
import { ErasurePlanError } from '../src/deletion/erasure-plan';
import { sql } from '../src/db/sql';
import { Contact } from '../src/entities';
import { MAX_ATTEMPTS, enqueue } from '../src/events/outbox';
import type { ErasurePlugin } from '../src/plugins/plugin';
import { ATTACHMENT_REMOVED } from '../src/plugins/support-manager/support-manager.plugin';
import { createTestApp } from './support/app';
import { describeEachDatabase } from './support/databases';
import { scratchDir } from './support/deletion';

declare module '../src/events/event-bus' {
  interface CommittedEvents {
    'test.flaky': Record<string, never>;
  }
}

async function enqueueCommitted(app: App, event: string, payload: Record<string, unknown>) {
  await app.orm.em.fork().transactional(async (em) => {
    await enqueue(new EmSqlRunner(em, app.driver), app.clock.now(), event, payload);
  });
}

async function outboxRows(app: App) {
  return new EmSqlRunner(app.orm.em.fork(), app.driver).rows<{ status: string; attempts: number }>(
    sql`SELECT status, attempts FROM outbox_events ORDER BY id`,
  );
}

describeEachDatabase('the outbox', (db) => {
  let database: DatabaseConfig;
  let app: App;
  const clock = new ManualClock(new Date('2026-11-26T10:00:00Z'));
  let calls = 0;
  let failuresLeft = 0;
  const files = scratchDir();

  const flaky: ErasurePlugin = {
    name: 'flaky',
    entities: [],
    migrations: { sqlite: [], mysql: [] },
    install({ events }) {
      events.onCommitted('test.flaky', async () => {
        calls++;
        if (failuresLeft-- > 0) throw new Error('remote side unavailable');
      });
    },
  };

  beforeAll(async () => {
    database = await db.create();
    app = await createTestApp(database, { clock, plugins: [flaky], env: { ATTACHMENTS_DIR: files } });
  });
  afterAll(async () => {
    await app?.close();
    await db.drop();
  });

  it('retries a failing after-commit handler with backoff until it succeeds, then removes the event', async () => {
    calls = 0;
    failuresLeft = 2;
    await enqueueCommitted(app, 'test.flaky', { n: 1 });
    expect(await app.outbox.drain()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    // not due again until the backoff has passed
    expect(await app.outbox.drain()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    clock.advance(60_000);
    expect(await app.outbox.drain()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    clock.advance(60_000);
    expect(await app.outbox.drain()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(calls).toBe(3);
    expect(await outboxRows(app)).toEqual([]);
  });

  it(`parks an event as failed after ${MAX_ATTEMPTS} attempts`, async () => {
    calls = 0;
    failuresLeft = 1000;
    await enqueueCommitted(app, 'test.flaky', { n: 2 });
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await app.outbox.drain();
      clock.advance(30 * 60_000);
    }
    expect(calls).toBe(MAX_ATTEMPTS);
    expect(await outboxRows(app)).toMatchObject([{ status: 'failed', attempts: MAX_ATTEMPTS }]);
    await new EmSqlRunner(app.orm.em.fork(), app.driver).run(sql`DELETE FROM outbox_events`);
  });

  it('delivers events a crashed process left behind when the next one starts', async () => {
    writeFileSync(join(files, 'left-behind.txt'), 'x');
    await enqueueCommitted(app, ATTACHMENT_REMOVED, { file: 'left-behind.txt' });
    // the first process "crashes" before delivering: a second one starts on the same database
    const next = await createTestApp(database, { clock, migrate: false, env: { ATTACHMENTS_DIR: files } });
    try {
      expect(existsSync(join(files, 'left-behind.txt'))).toBe(true);
      expect((await next.outbox.drain()).delivered).toBe(1);
      expect(existsSync(join(files, 'left-behind.txt'))).toBe(false);
    } finally {
      await next.close();
    }
  });

  it('never removes a file outside the attachments directory', async () => {
    writeFileSync(join(files, '..', 'outside-erasure.txt'), 'keep me');
    await enqueueCommitted(app, ATTACHMENT_REMOVED, { file: '../outside-erasure.txt' });
    expect(await app.outbox.drain()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect(existsSync(join(files, '..', 'outside-erasure.txt'))).toBe(true);
    await new EmSqlRunner(app.orm.em.fork(), app.driver).run(sql`DELETE FROM outbox_events`);
  });

  it('never removes a file outside the attachments directory through a symbolic link, and parks the event', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'erasure-outside-'));
    try {
      writeFileSync(join(outside, 'secret.txt'), 'keep me');
      writeFileSync(join(outside, 'other.txt'), 'keep me too');
      // a link named like an attachment, and a linked directory on the way to one
      symlinkSync(join(outside, 'secret.txt'), join(files, 'linked-file.txt'));
      symlinkSync(outside, join(files, 'linked-dir'));
      await enqueueCommitted(app, ATTACHMENT_REMOVED, { file: 'linked-file.txt' });
      await enqueueCommitted(app, ATTACHMENT_REMOVED, { file: 'linked-dir/other.txt' });
      for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
        await app.outbox.drain();
        clock.advance(30 * 60_000);
      }
      expect(existsSync(join(outside, 'secret.txt'))).toBe(true);
      expect(existsSync(join(outside, 'other.txt'))).toBe(true);
      // for an operator to look at: a link out of the directory is nothing the service made
      expect(await outboxRows(app)).toMatchObject([
        { status: 'failed', attempts: MAX_ATTEMPTS },
        { status: 'failed', attempts: MAX_ATTEMPTS },
      ]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
      await new EmSqlRunner(app.orm.em.fork(), app.driver).run(sql`DELETE FROM outbox_events`);
    }
  });

  it('takes an attachment already gone as removed', async () => {
    await enqueueCommitted(app, ATTACHMENT_REMOVED, { file: 'gone.txt' });
    await enqueueCommitted(app, ATTACHMENT_REMOVED, { file: 'no-such-dir/gone.txt' });
    expect(await app.outbox.drain()).toEqual({ delivered: 2, retrying: 0, failed: 0 });
  });

  it('removes a link to another attachment, never the attachment it points to', async () => {
    writeFileSync(join(files, 'kept.txt'), 'another attachment');
    symlinkSync('kept.txt', join(files, 'alias.txt'));
    await enqueueCommitted(app, ATTACHMENT_REMOVED, { file: 'alias.txt' });
    expect(await app.outbox.drain()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(readdirSync(files)).not.toContain('alias.txt');
    expect(existsSync(join(files, 'kept.txt'))).toBe(true);
  });
});

@Entity({ tableName: 'widgets' })
class Widget {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Contact, { fieldName: 'contact_id', deleteRule: 'no action' })
  contact!: Rel<Contact>;
}

describeEachDatabase('start-up', (db) => {
  afterAll(() => db.drop());

  it('refuses to run when a foreign key into client data is claimed by no erasure rule', async () => {
    const careless: ErasurePlugin = {
      name: 'careless',
      entities: [Widget],
      migrations: { sqlite: [], mysql: [] },
    };
    const attempt = createTestApp(await db.create(), { plugins: [careless] });
    await expect(attempt).rejects.toThrow(ErasurePlanError);
    await expect(attempt).rejects.toThrow(
      /widgets\.contact_id references contacts .* no erasure rule claims it/,
    );
  });
});
