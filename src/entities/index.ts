/** Every core entity: Blesta's client and company tables plus the service's own tables. */
import { Company } from './company.entity';
import { ClientGroup } from './client-group.entity';
import { ClientField } from './client-field.entity';
import { Package } from './package.entity';
import { PackagePricing } from './package-pricing.entity';
import { Staff } from './staff.entity';
import { StaffGroup } from './staff-group.entity';
import { StaffGroupMember } from './staff-group-member.entity';
import { StaffGroupPermission } from './staff-group-permission.entity';
import { Tax } from './tax.entity';
import { Gateway } from './gateway.entity';
import { Module } from './module.entity';
import { ModuleRow } from './module-row.entity';
import { LogModule } from './log-module.entity';
import { LogGateway } from './log-gateway.entity';
import { InvoiceField } from './invoice-field.entity';
import { ContactType } from './contact-type.entity';
import { TransactionType } from './transaction-type.entity';
import { User } from './user.entity';
import { Client } from './client.entity';
import { ClientSetting } from './client-setting.entity';
import { ClientValue } from './client-value.entity';
import { ClientNote } from './client-note.entity';
import { ClientPackage } from './client-package.entity';
import { ClientAccount } from './client-account.entity';
import { LogClientSetting } from './log-client-setting.entity';
import { ModuleClientMeta } from './module-client-meta.entity';
import { AccountManagementInvitation } from './account-management-invitation.entity';
import { Contact } from './contact.entity';
import { ContactNumber } from './contact-number.entity';
import { EmailVerification } from './email-verification.entity';
import { LogContact } from './log-contact.entity';
import { ContactPermission } from './contact-permission.entity';
import { AccountCc } from './account-cc.entity';
import { AccountAch } from './account-ach.entity';
import { LogAccountAccess } from './log-account-access.entity';
import { UserOtp } from './user-otp.entity';
import { LogUser } from './log-user.entity';
import { Session } from './session.entity';
import { LogMessenger } from './log-messenger.entity';
import { Invoice } from './invoice.entity';
import { InvoiceLine } from './invoice-line.entity';
import { InvoiceDelivery } from './invoice-delivery.entity';
import { InvoiceMeta } from './invoice-meta.entity';
import { InvoiceValue } from './invoice-value.entity';
import { InvoiceLateFee } from './invoice-late-fee.entity';
import { InvoiceLineTax } from './invoice-line-tax.entity';
import { InvoiceRecur } from './invoice-recur.entity';
import { InvoiceRecurLine } from './invoice-recur-line.entity';
import { InvoiceRecurDelivery } from './invoice-recur-delivery.entity';
import { InvoiceRecurValue } from './invoice-recur-value.entity';
import { InvoiceRecurCreated } from './invoice-recur-created.entity';
import { Quotation } from './quotation.entity';
import { QuotationLine } from './quotation-line.entity';
import { QuotationLineTax } from './quotation-line-tax.entity';
import { QuotationInvoice } from './quotation-invoice.entity';
import { Service } from './service.entity';
import { ServiceField } from './service-field.entity';
import { ServiceOption } from './service-option.entity';
import { LogService } from './log-service.entity';
import { ServiceInvoice } from './service-invoice.entity';
import { ServiceChange } from './service-change.entity';
import { Transaction } from './transaction.entity';
import { TransactionApplied } from './transaction-applied.entity';
import { LogTransaction } from './log-transaction.entity';
import { LogEmail } from './log-email.entity';
import { ClientDeletion } from './client-deletion.entity';
import { OutboxEvent } from './outbox-event.entity';
import { AuthAttempt } from './auth-attempt.entity';

export * from './company.entity';
export * from './client-group.entity';
export * from './client-field.entity';
export * from './package.entity';
export * from './package-pricing.entity';
export * from './staff.entity';
export * from './staff-group.entity';
export * from './staff-group-member.entity';
export * from './staff-group-permission.entity';
export * from './tax.entity';
export * from './gateway.entity';
export * from './module.entity';
export * from './module-row.entity';
export * from './log-module.entity';
export * from './log-gateway.entity';
export * from './invoice-field.entity';
export * from './contact-type.entity';
export * from './transaction-type.entity';
export * from './user.entity';
export * from './client.entity';
export * from './client-setting.entity';
export * from './client-value.entity';
export * from './client-note.entity';
export * from './client-package.entity';
export * from './client-account.entity';
export * from './log-client-setting.entity';
export * from './module-client-meta.entity';
export * from './account-management-invitation.entity';
export * from './contact.entity';
export * from './contact-number.entity';
export * from './email-verification.entity';
export * from './log-contact.entity';
export * from './contact-permission.entity';
export * from './account-cc.entity';
export * from './account-ach.entity';
export * from './log-account-access.entity';
export * from './user-otp.entity';
export * from './log-user.entity';
export * from './session.entity';
export * from './log-messenger.entity';
export * from './invoice.entity';
export * from './invoice-line.entity';
export * from './invoice-delivery.entity';
export * from './invoice-meta.entity';
export * from './invoice-value.entity';
export * from './invoice-late-fee.entity';
export * from './invoice-line-tax.entity';
export * from './invoice-recur.entity';
export * from './invoice-recur-line.entity';
export * from './invoice-recur-delivery.entity';
export * from './invoice-recur-value.entity';
export * from './invoice-recur-created.entity';
export * from './quotation.entity';
export * from './quotation-line.entity';
export * from './quotation-line-tax.entity';
export * from './quotation-invoice.entity';
export * from './service.entity';
export * from './service-field.entity';
export * from './service-option.entity';
export * from './log-service.entity';
export * from './service-invoice.entity';
export * from './service-change.entity';
export * from './transaction.entity';
export * from './transaction-applied.entity';
export * from './log-transaction.entity';
export * from './log-email.entity';
export * from './client-deletion.entity';
export * from './outbox-event.entity';
export * from './auth-attempt.entity';

export const CORE_ENTITIES = [
  Company,
  ClientGroup,
  ClientField,
  Package,
  PackagePricing,
  Staff,
  StaffGroup,
  StaffGroupMember,
  StaffGroupPermission,
  Tax,
  Gateway,
  Module,
  ModuleRow,
  LogModule,
  LogGateway,
  InvoiceField,
  ContactType,
  TransactionType,
  User,
  Client,
  ClientSetting,
  ClientValue,
  ClientNote,
  ClientPackage,
  ClientAccount,
  LogClientSetting,
  ModuleClientMeta,
  AccountManagementInvitation,
  Contact,
  ContactNumber,
  EmailVerification,
  LogContact,
  ContactPermission,
  AccountCc,
  AccountAch,
  LogAccountAccess,
  UserOtp,
  LogUser,
  Session,
  LogMessenger,
  Invoice,
  InvoiceLine,
  InvoiceDelivery,
  InvoiceMeta,
  InvoiceValue,
  InvoiceLateFee,
  InvoiceLineTax,
  InvoiceRecur,
  InvoiceRecurLine,
  InvoiceRecurDelivery,
  InvoiceRecurValue,
  InvoiceRecurCreated,
  Quotation,
  QuotationLine,
  QuotationLineTax,
  QuotationInvoice,
  Service,
  ServiceField,
  ServiceOption,
  LogService,
  ServiceInvoice,
  ServiceChange,
  Transaction,
  TransactionApplied,
  LogTransaction,
  LogEmail,
  ClientDeletion,
  OutboxEvent,
  AuthAttempt,
];
