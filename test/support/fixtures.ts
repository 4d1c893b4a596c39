import bcrypt from 'bcrypt';
import type { App } from '../../src/app';
import { Client, type ClientStatus } from '../../src/entities/client.entity';
import { ClientGroup } from '../../src/entities/client-group.entity';
import { Company } from '../../src/entities/company.entity';
import { Contact, type ContactKind } from '../../src/entities/contact.entity';
import { Invoice, type InvoiceStatus } from '../../src/entities/invoice.entity';
import { Module } from '../../src/entities/module.entity';
import { ModuleRow } from '../../src/entities/module-row.entity';
import { Package } from '../../src/entities/package.entity';
import { PackagePricing } from '../../src/entities/package-pricing.entity';
import { Service, type ServiceStatus } from '../../src/entities/service.entity';
import { Staff, type StaffStatus } from '../../src/entities/staff.entity';
import { StaffGroup } from '../../src/entities/staff-group.entity';
import { StaffGroupMember } from '../../src/entities/staff-group-member.entity';
import { StaffGroupPermission } from '../../src/entities/staff-group-permission.entity';
import { User } from '../../src/entities/user.entity';

// Small builders for tests, independent of the demo seed. Each inserts exactly the rows it names
// (plus the company-side rows they need) and returns their ids.

let sequence = 0;
function unique(): string {
  sequence += 1;
  return `${process.pid}-${sequence}`;
}

function em(app: App) {
  return app.orm.em.fork();
}

export async function createCompany(app: App, name = `Company ${unique()}`): Promise<{ id: number }> {
  const id = await em(app).insert(Company, { name, hostname: `${unique()}.example.com` });
  return { id: Number(id) };
}

export async function createStaffGroup(
  app: App,
  companyId: number,
  permissions: readonly string[],
): Promise<{ id: number }> {
  const manager = em(app);
  const id = Number(await manager.insert(StaffGroup, { company: companyId, name: `Group ${unique()}` }));
  for (const permission of permissions) {
    await manager.insert(StaffGroupPermission, { staffGroup: id, permission });
  }
  return { id };
}

export async function createUser(app: App, password: string): Promise<number> {
  const hash = await bcrypt.hash(password, app.config.bcryptRounds);
  const id = await em(app).insert(User, {
    username: `user-${unique()}`,
    password: hash,
    twoFactorMode: 'none',
    dateAdded: new Date(),
  });
  return Number(id);
}

export interface StaffFixture {
  readonly staffId: number;
  readonly userId: number;
  readonly email: string;
  readonly password: string;
  readonly firstName: string;
  readonly lastName: string;
}

/** A staff member with a users row holding a bcrypt hash of `password`, in the given groups. */
export async function createStaff(
  app: App,
  options: { groupIds: readonly number[]; email?: string; password?: string; status?: StaffStatus },
): Promise<StaffFixture> {
  const email = options.email ?? `staff-${unique()}@example.com`;
  const password = options.password ?? `pw-${unique()}-secret`;
  const userId = await createUser(app, password);
  const manager = em(app);
  const firstName = 'Sam';
  const lastName = `Staff ${unique()}`;
  const staffId = Number(
    await manager.insert(Staff, {
      user: userId,
      firstName,
      lastName,
      email,
      status: options.status ?? 'active',
    }),
  );
  for (const groupId of options.groupIds) {
    await manager.insert(StaffGroupMember, { staff: staffId, staffGroup: groupId });
  }
  return { staffId, userId, email, password, firstName, lastName };
}

/** A company with one staff member holding exactly `permissions`. */
export async function createCompanyWithStaff(
  app: App,
  permissions: readonly string[],
): Promise<{ companyId: number; staff: StaffFixture }> {
  const company = await createCompany(app);
  const group = await createStaffGroup(app, company.id, permissions);
  const staff = await createStaff(app, { groupIds: [group.id] });
  return { companyId: company.id, staff };
}

/** The company's first client group, created when it has none. */
export async function clientGroupOf(app: App, companyId: number): Promise<number> {
  const manager = em(app);
  const existing = await manager.findOne(ClientGroup, { company: companyId }, { orderBy: { id: 'asc' } });
  if (existing) return existing.id;
  return Number(await manager.insert(ClientGroup, { company: companyId, name: 'Default' }));
}

export interface ContactData {
  firstName?: string;
  lastName?: string;
  email?: string;
  company?: string | null;
}

export interface ClientFixture {
  readonly clientId: number;
  readonly primaryContactId: number;
  readonly userId: number;
}

/** A client of the company (through its client group) with a primary contact. */
export async function createClient(
  app: App,
  companyId: number,
  options: ContactData & { status?: ClientStatus; idFormat?: string; idValue?: number } = {},
): Promise<ClientFixture> {
  const clientGroupId = await clientGroupOf(app, companyId);
  const userId = await createUser(app, `client-${unique()}`);
  const clientId = Number(
    await em(app).insert(Client, {
      idFormat: options.idFormat ?? '{num}',
      idValue: options.idValue ?? 1000 + sequence,
      user: userId,
      clientGroup: clientGroupId,
      status: options.status ?? 'active',
    }),
  );
  const primaryContactId = await addContact(app, clientId, 'primary', options);
  return { clientId, primaryContactId, userId };
}

export async function addContact(
  app: App,
  clientId: number,
  contactType: ContactKind,
  data: ContactData = {},
): Promise<number> {
  const id = await em(app).insert(Contact, {
    client: clientId,
    contactType,
    firstName: data.firstName ?? 'Chris',
    lastName: data.lastName ?? `Client ${unique()}`,
    email: data.email ?? `client-${unique()}@example.net`,
    company: data.company ?? null,
    country: 'US',
    dateAdded: new Date(),
  });
  return Number(id);
}

export async function addInvoice(
  app: App,
  clientId: number,
  status: InvoiceStatus = 'active',
): Promise<number> {
  const now = new Date();
  const id = await em(app).insert(Invoice, {
    idFormat: '{num}',
    idValue: 1,
    client: clientId,
    dateBilled: now,
    dateDue: now,
    dateClosed: status === 'active' || status === 'proforma' ? null : now,
    status,
    previousDue: '0.0000',
    currency: 'USD',
  });
  return Number(id);
}

/** A service of the client, with the module, server, package and price it needs in the company. */
export async function addService(
  app: App,
  companyId: number,
  clientId: number,
  status: ServiceStatus = 'pending',
): Promise<number> {
  const manager = em(app);
  const moduleId = Number(
    await manager.insert(Module, { company: companyId, name: 'Generic', class: 'generic', version: '1.0.0' }),
  );
  const moduleRowId = Number(await manager.insert(ModuleRow, { module: moduleId }));
  const packageId = Number(
    await manager.insert(Package, {
      idFormat: '{num}',
      idValue: 1,
      name: 'Hosting',
      moduleRow: moduleRowId,
      taxable: false,
      status: 'active',
      company: companyId,
    }),
  );
  const pricingId = Number(
    await manager.insert(PackagePricing, {
      package: packageId,
      term: 1,
      period: 'month',
      price: '5.0000',
      setupFee: '0.0000',
      cancelFee: '0.0000',
      currency: 'USD',
    }),
  );
  const id = await manager.insert(Service, {
    idFormat: '{num}',
    idValue: 1,
    pricing: pricingId,
    client: clientId,
    moduleRow: moduleRowId,
    qty: 1,
    status,
    dateAdded: new Date(),
  });
  return Number(id);
}
