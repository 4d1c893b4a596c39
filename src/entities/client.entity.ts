import {
  Cascade,
  Collection,
  Entity,
  Enum,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { ClientGroup } from './client-group.entity';
import { User } from './user.entity';
import { AccountManagementInvitation } from './account-management-invitation.entity';
import { ClientAccount } from './client-account.entity';
import { ClientData } from '../deletion/erasure-rules';
import { ClientNote } from './client-note.entity';
import { ClientPackage } from './client-package.entity';
import { ClientSetting } from './client-setting.entity';
import { ClientValue } from './client-value.entity';
import { Contact } from './contact.entity';
import { ContactPermission } from './contact-permission.entity';
import { Invoice } from './invoice.entity';
import { InvoiceRecur } from './invoice-recur.entity';
import { LogClientSetting } from './log-client-setting.entity';
import { LogEmail } from './log-email.entity';
import { ModuleClientMeta } from './module-client-meta.entity';
import { Quotation } from './quotation.entity';
import { Service } from './service.entity';
import { Transaction } from './transaction.entity';

export const CLIENT_STATUSES = ['active', 'inactive', 'fraud'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

@ClientData({ category: 'Client account', root: true })
@Entity({ tableName: 'clients' })
export class Client {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ length: 64 })
  idFormat!: string;

  @Property({ type: 'integer' })
  idValue!: number;

  @ManyToOne(() => User, { fieldName: 'user_id', deleteRule: 'no action' })
  user!: Rel<User>;

  @ManyToOne(() => ClientGroup, { fieldName: 'client_group_id', deleteRule: 'no action' })
  clientGroup!: Rel<ClientGroup>;

  /** Polymorphic: an `accounts_cc` or `accounts_ach` id, qualified by `primaryAccountType`. */
  @Property({ type: 'integer', nullable: true })
  primaryAccountId?: number | null;

  @Enum({ items: ['ach', 'cc'], nullable: true })
  primaryAccountType?: 'ach' | 'cc' | null;

  @Enum({ items: () => CLIENT_STATUSES, default: 'active' })
  status: ClientStatus = 'active';

  // What is erased with this client (SPEC 2.2). The erasure plan compiles these cascades into
  // set-based deletes (src/deletion); em.remove() is never the bulk path and loads nothing.
  @OneToMany(() => Contact, (row) => row.client, { cascade: [Cascade.REMOVE] })
  contacts = new Collection<Contact>(this);
  @OneToMany(() => ClientSetting, (row) => row.client, { cascade: [Cascade.REMOVE] })
  settings = new Collection<ClientSetting>(this);
  @OneToMany(() => ClientValue, (row) => row.client, { cascade: [Cascade.REMOVE] })
  customValues = new Collection<ClientValue>(this);
  @OneToMany(() => ClientNote, (row) => row.client, { cascade: [Cascade.REMOVE] })
  notes = new Collection<ClientNote>(this);
  @OneToMany(() => ClientPackage, (row) => row.client, { cascade: [Cascade.REMOVE] })
  packages = new Collection<ClientPackage>(this);
  @OneToMany(() => ClientAccount, (row) => row.client, { cascade: [Cascade.REMOVE] })
  accountLinks = new Collection<ClientAccount>(this);
  @OneToMany(() => LogClientSetting, (row) => row.client, { cascade: [Cascade.REMOVE] })
  settingLogs = new Collection<LogClientSetting>(this);
  @OneToMany(() => ModuleClientMeta, (row) => row.client, { cascade: [Cascade.REMOVE] })
  moduleMeta = new Collection<ModuleClientMeta>(this);
  @OneToMany(() => AccountManagementInvitation, (row) => row.client, { cascade: [Cascade.REMOVE] })
  invitations = new Collection<AccountManagementInvitation>(this);
  @OneToMany(() => ContactPermission, (row) => row.client, { cascade: [Cascade.REMOVE] })
  contactPermissions = new Collection<ContactPermission>(this);
  @OneToMany(() => Invoice, (row) => row.client, { cascade: [Cascade.REMOVE] })
  invoices = new Collection<Invoice>(this);
  @OneToMany(() => InvoiceRecur, (row) => row.client, { cascade: [Cascade.REMOVE] })
  recurringInvoices = new Collection<InvoiceRecur>(this);
  @OneToMany(() => Quotation, (row) => row.client, { cascade: [Cascade.REMOVE] })
  quotations = new Collection<Quotation>(this);
  @OneToMany(() => Service, (row) => row.client, { cascade: [Cascade.REMOVE] })
  services = new Collection<Service>(this);
  @OneToMany(() => Transaction, (row) => row.client, { cascade: [Cascade.REMOVE] })
  transactions = new Collection<Transaction>(this);
  @OneToMany(() => LogEmail, (row) => row.toClient, { cascade: [Cascade.REMOVE] })
  emails = new Collection<LogEmail>(this);
}
