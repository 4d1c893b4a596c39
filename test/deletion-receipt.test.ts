import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { App } from '../src/app';
import { ClientDeletion } from '../src/entities/client-deletion.entity';
import { StaffGroupMember } from '../src/entities/staff-group-member.entity';
import { ClientDeletionsDocument } from '../src/generated/graphql';
import { Permission } from '../src/permissions/rules';
import { startServer, type RunningServer } from '../src/server';
import { createTestApp } from './support/app';
import { describeEachDatabase } from './support/databases';
import { createCompany, createStaff, createStaffGroup, type StaffFixture } from './support/fixtures';
import { gql, signIn } from './support/http';
import { recordQueries } from './support/queries';

describeEachDatabase('DeletionReceipt.deletedBy', (db) => {
  let app: App;
  let server: RunningServer;
  let companyId: number;
  let reader: StaffFixture;
  let token: string;

  /** An audit row as a deletion writes it, without running one. */
  async function receipt(staffId: number | null): Promise<number> {
    return Number(
      await app.orm.em.fork().insert(ClientDeletion, {
        company: companyId,
        clientId: 900_000 + Math.floor(Math.random() * 99_999),
        staff: staffId,
        deletedAt: new Date('2030-01-01T09:00:00Z'),
        counts: { clients: 1 },
        kept: {},
        total: 1,
        durationMs: 1,
      }),
    );
  }

  async function deletedByOf(receiptIds: number[]) {
    const res = await gql(server.url, ClientDeletionsDocument, { first: 100 }, token);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const byId = new Map(res.data!.clientDeletions.edges.map((e) => [Number(e.node.id), e.node.deletedBy]));
    return receiptIds.map((id) => byId.get(id));
  }

  beforeAll(async () => {
    app = await createTestApp(await db.create());
    companyId = (await createCompany(app)).id;
    const group = await createStaffGroup(app, companyId, [Permission.viewClients, Permission.deleteClients]);
    reader = await createStaff(app, { groupIds: [group.id] });
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    token = await signIn(server.url, reader.email, reader.password);
  });

  afterAll(async () => {
    await server?.close();
    await app?.close();
    await db.drop();
  });

  afterEach(() => vi.restoreAllMocks());

  it('gives the id and names of the staff member who deleted the client', async () => {
    const id = await receipt(reader.staffId);
    expect(await deletedByOf([id])).toEqual([
      { id: String(reader.staffId), firstName: reader.firstName, lastName: reader.lastName },
    ]);
  });

  it('is null when that staff member is no longer in the company, or unknown', async () => {
    const group = await createStaffGroup(app, companyId, [Permission.viewClients]);
    const leaver = await createStaff(app, { groupIds: [group.id] });
    const elsewhere = await createStaff(app, {
      groupIds: [(await createStaffGroup(app, (await createCompany(app)).id, [])).id],
    });
    const left = await receipt(leaver.staffId);
    await app.orm.em.fork().nativeDelete(StaffGroupMember, { staff: leaver.staffId });
    expect(await deletedByOf([left, await receipt(elsewhere.staffId), await receipt(null)])).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('reads every staff member of a page of receipts with one query', async () => {
    const others = await Promise.all(
      [0, 1, 2].map(async () => {
        const group = await createStaffGroup(app, companyId, [Permission.deleteClients]);
        return createStaff(app, { groupIds: [group.id] });
      }),
    );
    const ids = [];
    for (const staff of [reader, ...others]) ids.push(await receipt(staff.staffId));
    const queries = recordQueries(app);

    const deletedBy = await deletedByOf(ids);
    expect(deletedBy.map((d) => d?.id)).toEqual([reader, ...others].map((s) => String(s.staffId)));
    const staffQueries = queries.texts.filter((text) => /\bstaff_group\b/.test(text));
    // One for the session of the request, one for all the receipts of the page.
    expect(staffQueries).toHaveLength(2);
  });
});
