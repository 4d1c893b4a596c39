import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import {
  ClientField,
  ClientGroup,
  Company,
  ContactType,
  Gateway,
  InvoiceField,
  Module,
  ModuleRow,
  Package,
  PackagePricing,
  Staff,
  StaffGroup,
  StaffGroupMember,
  Tax,
  TransactionType,
  User,
} from '../entities';
import type { Em } from '../db/orm';
import { OrderForm } from '../plugins/order/entities';
import { SupportDepartment } from '../plugins/support-manager/entities';

/**
 * The company-side rows a client's rows point at through foreign keys (all kept when a client is
 * deleted). Ids only, so the generator never holds entities.
 */
export interface CompanyFixtures {
  readonly companyId: number;
  readonly hostname: string;
  readonly clientGroupId: number;
  readonly clientFieldIds: readonly number[];
  readonly packageIds: readonly number[];
  readonly pricingIds: readonly number[];
  readonly moduleId: number;
  readonly moduleRowIds: readonly number[];
  readonly taxIds: readonly number[];
  readonly gatewayId: number;
  readonly invoiceFieldIds: readonly number[];
  readonly contactTypeIds: readonly number[];
  readonly transactionTypeIds: readonly number[];
  /** The staff member named by notes, logs and tickets of generated clients. */
  readonly staffId: number;
  /** Present when the support_manager plugin is installed. */
  readonly supportDepartmentId?: number;
  /** Present when the order plugin is installed. */
  readonly orderFormId?: number;
}

export interface CompanyFixturesOptions {
  name: string;
  hostname: string;
  /** Adds the fixtures to this existing company instead of creating one (`name` is then unused). */
  companyId?: number;
  /**
   * Staff member to record as the author of notes and logs. When absent, a staff member is
   * created in a permission-less staff group of the company, with an unguessable password.
   */
  staffId?: number;
  /**
   * Installed plugins. When absent, the plugin rows are created for the plugins whose entities
   * the ORM knows, which is the same thing for an `App`'s EntityManager.
   */
  plugins?: readonly string[];
}

/** Whether a plugin's tables exist: its entities are registered only when it is installed. */
function pluginInstalled(em: Em, plugin: string, entity: string, plugins?: readonly string[]): boolean {
  return plugins ? plugins.includes(plugin) : em.getMetadata().find(entity) !== undefined;
}

/**
 * Creates a company with everything generated clients need on the company side: client group and
 * fields, packages and pricing, a module with rows, taxes, a gateway, invoice fields, contact and
 * transaction types, a staff member, and the plugins' support department and order form.
 *
 * Pass a forked EntityManager: the rows are flushed before returning.
 */
export async function createCompanyFixtures(
  em: Em,
  options: CompanyFixturesOptions,
): Promise<CompanyFixtures> {
  const company =
    options.companyId === undefined
      ? em.create(Company, { name: options.name, hostname: options.hostname })
      : em.getReference(Company, options.companyId);
  const group = em.create(ClientGroup, {
    company,
    name: 'Default',
    description: 'Clients that signed up online',
    color: '#4f7cac',
  });
  const fields = [
    em.create(ClientField, {
      clientGroup: group,
      name: 'VAT number',
      type: 'text',
      isLang: false,
      showClient: true,
      encrypted: false,
    }),
    em.create(ClientField, {
      clientGroup: group,
      name: 'How did you hear about us?',
      type: 'select',
      values: 'search,friend,advert',
      isLang: false,
      showClient: true,
      encrypted: false,
    }),
  ];
  const packages = [
    em.create(Package, {
      company,
      idFormat: '{num}',
      idValue: 1,
      name: 'Shared Hosting Starter',
      description: '10 GB storage, 1 website',
      moduleRow: 0,
      taxable: true,
      status: 'active',
    }),
    em.create(Package, {
      company,
      idFormat: '{num}',
      idValue: 2,
      name: 'Dedicated Server (restricted)',
      description: 'Offered to selected clients only',
      moduleRow: 0,
      taxable: true,
      status: 'restricted',
    }),
  ];
  const pricing = packages.flatMap((pkg, i) =>
    (['month', 'year'] as const).map((period) =>
      em.create(PackagePricing, {
        package: pkg,
        term: 1,
        period,
        price: period === 'month' ? `${(i + 1) * 9}.9900` : `${(i + 1) * 99}.0000`,
        setupFee: '0.0000',
        cancelFee: '0.0000',
        currency: 'USD',
      }),
    ),
  );
  const module = em.create(Module, { company, name: 'cPanel', class: 'cpanel', version: '2.9.0' });
  const moduleRows = [em.create(ModuleRow, { module }), em.create(ModuleRow, { module })];
  const taxes = [
    em.create(Tax, {
      company,
      level: 1,
      name: 'Sales tax',
      amount: '8.25',
      type: 'exclusive',
      status: 'active',
    }),
    em.create(Tax, {
      company,
      level: 2,
      name: 'City tax',
      amount: '1.00',
      type: 'exclusive',
      status: 'active',
    }),
  ];
  const gateway = em.create(Gateway, {
    company,
    name: 'Authorize.net',
    class: 'authorize_net',
    version: '1.4.0',
    type: 'merchant',
  });
  const invoiceFields = [
    em.create(InvoiceField, {
      clientGroup: group,
      name: 'Purchase order',
      type: 'text',
      isLang: false,
      status: 'active',
    }),
    em.create(InvoiceField, {
      clientGroup: group,
      name: 'Cost centre',
      type: 'text',
      isLang: false,
      status: 'active',
    }),
  ];
  const contactTypes = [
    em.create(ContactType, { company, name: 'Technical', isLang: false }),
    em.create(ContactType, { company, name: 'Legal', isLang: false }),
  ];
  // transaction_types has no company: shared by every company, so found before it is created.
  const transactionType =
    (await em.findOne(TransactionType, { name: 'in_house_credit' })) ??
    em.create(TransactionType, { name: 'in_house_credit', isLang: true });

  let staffRef: Staff | undefined;
  if (options.staffId === undefined) {
    const token = randomBytes(4).toString('hex');
    // A real bcrypt hash of a secret nobody knows: the row is well-formed but cannot sign in.
    const password = await bcrypt.hash(randomBytes(24).toString('hex'), 4);
    const email = `support-${token}@${options.hostname}`;
    const user = em.create(User, { username: email, password, twoFactorMode: 'none', dateAdded: new Date() });
    staffRef = em.create(Staff, { user, firstName: 'Sasha', lastName: 'Support', email, status: 'active' });
    const staffGroup = em.create(StaffGroup, { company, name: 'Support' });
    em.create(StaffGroupMember, { staff: staffRef, staffGroup });
  }

  const department = pluginInstalled(em, 'support_manager', SupportDepartment.name, options.plugins)
    ? em.create(SupportDepartment, { company, name: 'Technical Support' })
    : undefined;
  const orderForm = pluginInstalled(em, 'order', OrderForm.name, options.plugins)
    ? em.create(OrderForm, { company, label: 'Hosting order form' })
    : undefined;

  await em.flush();
  return {
    companyId: company.id,
    hostname: options.hostname,
    clientGroupId: group.id,
    clientFieldIds: fields.map((f) => f.id),
    packageIds: packages.map((p) => p.id),
    pricingIds: pricing.map((p) => p.id),
    moduleId: module.id,
    moduleRowIds: moduleRows.map((r) => r.id),
    taxIds: taxes.map((t) => t.id),
    gatewayId: gateway.id,
    invoiceFieldIds: invoiceFields.map((f) => f.id),
    contactTypeIds: contactTypes.map((t) => t.id),
    transactionTypeIds: [transactionType.id],
    staffId: options.staffId ?? staffRef!.id,
    supportDepartmentId: department?.id,
    orderFormId: orderForm?.id,
  };
}

/**
 * Reads the fixtures of an existing company (e.g. the demo company) so more clients can be
 * generated into it. Takes the first row of each kind; throws naming what is missing.
 */
export async function loadCompanyFixtures(
  em: Em,
  companyId: number,
  plugins?: readonly string[],
): Promise<CompanyFixtures> {
  const company = await em.findOne(Company, companyId);
  if (!company) throw new Error(`company ${companyId} does not exist`);
  const ids = async (query: string, params: unknown[] = [companyId]) =>
    (await em.execute<{ id: number }[]>(query, params)).map((r) => Number(r.id));
  const required = (what: string, list: number[]) => {
    if (list.length === 0)
      throw new Error(`company ${companyId} has no ${what}; create fixtures for it first`);
    return list;
  };
  const [clientGroupId] = required(
    'client group',
    await ids('SELECT id FROM client_groups WHERE company_id = ? ORDER BY id LIMIT 1'),
  );
  const groupIds = [clientGroupId];
  const [moduleId] = required(
    'module',
    await ids('SELECT id FROM modules WHERE company_id = ? ORDER BY id LIMIT 1'),
  );
  const [gatewayId] = required(
    'gateway',
    await ids('SELECT id FROM gateways WHERE company_id = ? ORDER BY id LIMIT 1'),
  );
  const [staffId] = required(
    'staff member',
    await ids(
      `SELECT s.id FROM staff s JOIN staff_group m ON m.staff_id = s.id
       JOIN staff_groups g ON g.id = m.staff_group_id WHERE g.company_id = ? ORDER BY s.id LIMIT 1`,
    ),
  );
  const department = pluginInstalled(em, 'support_manager', SupportDepartment.name, plugins)
    ? required(
        'support department',
        await ids('SELECT id FROM support_departments WHERE company_id = ? ORDER BY id'),
      )
    : [];
  const orderForm = pluginInstalled(em, 'order', OrderForm.name, plugins)
    ? required('order form', await ids('SELECT id FROM order_forms WHERE company_id = ? ORDER BY id'))
    : [];
  return {
    companyId,
    hostname: company.hostname,
    clientGroupId,
    clientFieldIds: required(
      'client field',
      await ids('SELECT id FROM client_fields WHERE client_group_id = ? ORDER BY id', groupIds),
    ),
    packageIds: required('package', await ids('SELECT id FROM packages WHERE company_id = ? ORDER BY id')),
    pricingIds: required(
      'package pricing',
      await ids(
        'SELECT p.id FROM package_pricing p JOIN packages k ON k.id = p.package_id WHERE k.company_id = ? ORDER BY p.id',
      ),
    ),
    moduleId,
    moduleRowIds: required(
      'module row',
      await ids('SELECT id FROM module_rows WHERE module_id = ? ORDER BY id', [moduleId]),
    ),
    taxIds: required('tax', await ids('SELECT id FROM taxes WHERE company_id = ? ORDER BY id')),
    gatewayId,
    invoiceFieldIds: required(
      'invoice field',
      await ids('SELECT id FROM invoice_fields WHERE client_group_id = ? ORDER BY id', groupIds),
    ),
    contactTypeIds: required(
      'contact type',
      await ids('SELECT id FROM contact_types WHERE company_id = ? ORDER BY id'),
    ),
    transactionTypeIds: required(
      'transaction type',
      await ids('SELECT id FROM transaction_types ORDER BY id', []),
    ),
    staffId,
    supportDepartmentId: department[0],
    orderFormId: orderForm[0],
  };
}
