import bcrypt from 'bcrypt';
import type { App } from '../app';
import type { Em } from '../db/orm';
import { Company, Staff, StaffGroup, StaffGroupMember, StaffGroupPermission, User } from '../entities';
import { createCompanyFixtures, type CompanyFixtures } from './company-fixtures';
import {
  fullShapeCounts,
  generateClient,
  profileForRows,
  type BlockerShape,
  type RowCounts,
} from './client-generator';

/** The permission strings of SPEC 4, as staff groups hold them. */
const VIEW_CLIENTS = 'admin_clients.view';
const DELETE_CLIENTS = 'admin_clients.delete';

/**
 * The authenticator secret (base32) of the demo staff member `totp@example.com`. For development
 * only: it is public, so any database seeded with it must never hold real data.
 */
export const DEMO_TOTP_SECRET = 'DEMOTOTPSECRETKEYFORLOCALDEVONLY';

/** Rows of the large demo client: big enough to show the preview's scale, small enough to seed fast. */
export const LARGE_DEMO_CLIENT_ROWS = 20_000;

export interface DemoSeedSummary {
  readonly companies: readonly { id: number; name: string }[];
  readonly staff: readonly {
    email: string;
    companyId: number;
    group: string;
    permissions: readonly string[];
    twoFactor: 'none' | 'totp';
  }[];
  readonly clients: readonly { id: number; companyId: number; label: string; name: string; rows: number }[];
}

/** Seeded means a company exists: the demo seed never runs over someone's data. */
export async function isSeeded(em: Em): Promise<boolean> {
  return (await em.count(Company, {})) > 0;
}

interface DemoClient {
  label: string;
  firstName: string;
  lastName: string;
  company: string;
  counts: RowCounts;
  blockerShape?: BlockerShape;
}

/**
 * Seeds the demo data of SPEC 5 in one transaction: company `Demo Hosting` with staff
 * `admin@example.com` (Administrators: view and delete clients), `viewer@example.com` (Viewers:
 * view only) and `totp@example.com` (view and delete, signs in with TOTP under DEMO_TOTP_SECRET),
 * each with their own sign-in (users row), a deletable full-shape client, one client per blocker and a large client;
 * and company `Other Hosting` with its own administrator and two clients, to show that staff see
 * only their own company. Returns null, doing nothing, when the database is already seeded.
 */
export async function seedDemo(
  app: Pick<App, 'orm' | 'config' | 'plugins' | 'plan'>,
  options: { password: string },
): Promise<DemoSeedSummary | null> {
  const plugins = app.plugins.map((p) => p.name);
  // Hashed before the transaction: bcrypt at production cost takes a noticeable moment.
  const hash = await bcrypt.hash(options.password, app.config.bcryptRounds);

  return app.orm.em.fork().transactional(async (em) => {
    if (await isSeeded(em)) return null;
    const companies: { id: number; name: string }[] = [];
    const staff: DemoSeedSummary['staff'][number][] = [];
    const clients: DemoSeedSummary['clients'][number][] = [];

    const addStaff = async (
      company: Company,
      person: { email: string; firstName: string; lastName: string },
      group: { name: string; permissions: readonly string[] },
      totpSecret?: string,
    ) => {
      const user = em.create(User, {
        username: person.email,
        password: hash,
        twoFactorMode: totpSecret ? 'totp' : 'none',
        twoFactorKey: totpSecret ?? null,
        dateAdded: new Date(),
      });
      const member = em.create(Staff, { user, ...person, status: 'active' });
      const staffGroup = em.create(StaffGroup, { company, name: group.name });
      for (const permission of group.permissions) em.create(StaffGroupPermission, { staffGroup, permission });
      em.create(StaffGroupMember, { staff: member, staffGroup });
      await em.flush();
      staff.push({
        email: person.email,
        companyId: company.id,
        group: group.name,
        permissions: group.permissions,
        twoFactor: totpSecret ? 'totp' : 'none',
      });
      return member;
    };

    const addClients = async (fixtures: CompanyFixtures, list: readonly DemoClient[]) => {
      for (const demo of list) {
        const client = await generateClient(em, fixtures, {
          counts: demo.counts,
          plugins,
          app,
          blockerShape: demo.blockerShape,
          primaryContact: { firstName: demo.firstName, lastName: demo.lastName, company: demo.company },
          attachmentsDir: app.config.attachmentsDir,
        });
        clients.push({
          id: client.clientId,
          companyId: fixtures.companyId,
          label: demo.label,
          name: `${demo.firstName} ${demo.lastName}`,
          rows: client.total,
        });
      }
    };

    // Staff rows carry no company; the fixtures are created after the administrator so that
    // notes, logs and tickets name a staff member of the same company.
    const demo = await createDemoCompany(em, 'Demo Hosting', 'demo-hosting.example.com', async (company) => {
      const admin = await addStaff(
        company,
        { email: 'admin@example.com', firstName: 'Alex', lastName: 'Admin' },
        { name: 'Administrators', permissions: [VIEW_CLIENTS, DELETE_CLIENTS] },
      );
      await addStaff(
        company,
        { email: 'viewer@example.com', firstName: 'Vera', lastName: 'Viewer' },
        { name: 'Viewers', permissions: [VIEW_CLIENTS] },
      );
      await addStaff(
        company,
        { email: 'totp@example.com', firstName: 'Toni', lastName: 'Twofactor' },
        { name: 'Administrators with two-factor sign-in', permissions: [VIEW_CLIENTS, DELETE_CLIENTS] },
        DEMO_TOTP_SECRET,
      );
      return admin.id;
    });
    companies.push({ id: demo.companyId, name: 'Demo Hosting' });
    const deletable = fullShapeCounts(plugins, { recurring: false });
    await addClients(demo, [
      {
        label: 'deletable, every table',
        firstName: 'Ada',
        lastName: 'Deletable',
        company: 'Deletable Widgets Ltd',
        counts: deletable,
      },
      {
        label: 'blocked: open invoice',
        firstName: 'Otto',
        lastName: 'Openinvoice',
        company: 'Open Ledger LLC',
        counts: deletable,
        blockerShape: 'open_invoice',
      },
      {
        label: 'blocked: recurring invoice',
        firstName: 'Rita',
        lastName: 'Recurring',
        company: 'Monthly Retainers Inc',
        counts: fullShapeCounts(plugins),
        blockerShape: 'recurring_invoice',
      },
      {
        label: 'blocked: active service',
        firstName: 'Sam',
        lastName: 'Activeservice',
        company: 'Always Online GmbH',
        counts: deletable,
        blockerShape: 'active_service',
      },
      {
        label: `large, ${LARGE_DEMO_CLIENT_ROWS} rows`,
        firstName: 'Lars',
        lastName: 'Large',
        company: 'Large Scale Hosting AB',
        counts: profileForRows(LARGE_DEMO_CLIENT_ROWS, plugins, { plan: app.plan }),
      },
    ]);

    const other = await createDemoCompany(
      em,
      'Other Hosting',
      'other-hosting.example.com',
      async (company) => {
        const admin = await addStaff(
          company,
          { email: 'admin@other.example', firstName: 'Olive', lastName: 'Otheradmin' },
          { name: 'Administrators', permissions: [VIEW_CLIENTS, DELETE_CLIENTS] },
        );
        return admin.id;
      },
    );
    companies.push({ id: other.companyId, name: 'Other Hosting' });
    await addClients(other, [
      {
        label: 'other company, deletable',
        firstName: 'Olga',
        lastName: 'Othercompany',
        company: 'Elsewhere Ltd',
        counts: deletable,
      },
      {
        label: 'other company, blocked: open invoice',
        firstName: 'Omar',
        lastName: 'Othercompany',
        company: 'Elsewhere Ltd',
        counts: deletable,
        blockerShape: 'open_invoice',
      },
    ]);
    return { companies, staff, clients };
  });
}

/**
 * Creates the company row first (staff groups belong to it), lets `addStaff` create its staff,
 * then the fixtures, reusing the same company row.
 */
async function createDemoCompany(
  em: Em,
  name: string,
  hostname: string,
  addStaff: (company: Company) => Promise<number>,
): Promise<CompanyFixtures> {
  const company = em.create(Company, { name, hostname, phone: '+1.5550100' });
  await em.flush();
  const staffId = await addStaff(company);
  return createCompanyFixtures(em, { name, hostname, staffId, companyId: company.id });
}
