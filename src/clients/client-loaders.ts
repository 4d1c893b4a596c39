import type DataLoader from 'dataloader';
import type { RequestContext } from '../context';
import type { ContactKind } from '../entities/contact.entity';
import { Invoice } from '../entities/invoice.entity';
import { Service } from '../entities/service.entity';
import { requestLoader } from '../graphql/request-loader';
import { contactsOf, countPerClient, type ListedContact, type RowCounts } from './client.repository';

/** A contact as the API shows it. */
export interface ContactSummary {
  readonly id: number;
  readonly clientId: number;
  readonly contactType: ContactKind;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly company: string | null;
}

/**
 * Per-request loaders for the fields of `Client`. They take ids of clients that were already read
 * through the company-scoped queries of clients.service, so they need no company filter of their
 * own; counts are computed by the database, never by loading the rows. Each count loader reads
 * both of its counts in one query, so a page costs one query per table whichever counts it asks.
 */
export interface ClientLoaders {
  readonly primaryContact: DataLoader<number, ContactSummary | null>;
  readonly contacts: DataLoader<number, ContactSummary[]>;
  /** `blocking`: open invoices (active or proforma, not closed). */
  readonly invoiceCounts: DataLoader<number, RowCounts>;
  /** `blocking`: active or suspended services. */
  readonly serviceCounts: DataLoader<number, RowCounts>;
}

/**
 * The rows that block a deletion, as the core's blockers define them (SPEC 2.1): the list shows
 * the same numbers the deletion preview will. SQL conditions, counted in the same grouped query as
 * all rows (a conditional aggregate, which the ORM's criteria do not express).
 */
const BLOCKING = {
  invoices: `status IN ('active', 'proforma') AND date_closed IS NULL`,
  services: `status IN ('active', 'suspended')`,
};

const NO_ROWS: RowCounts = { all: 0, blocking: 0 };

const loadersByRequest = new WeakMap<RequestContext, ClientLoaders>();

export function clientLoaders(ctx: RequestContext): ClientLoaders {
  let loaders = loadersByRequest.get(ctx);
  if (!loaders) {
    loaders = createLoaders(ctx);
    loadersByRequest.set(ctx, loaders);
  }
  return loaders;
}

function toContact(contact: ListedContact): ContactSummary {
  return {
    id: contact.id,
    clientId: contact.client.id,
    contactType: contact.contactType,
    firstName: contact.firstName,
    lastName: contact.lastName,
    email: contact.email,
    company: contact.company ?? null,
  };
}

function createLoaders(ctx: RequestContext): ClientLoaders {
  return {
    primaryContact: requestLoader(async (ids) => {
      const byClient = new Map<number, ContactSummary>();
      // Blesta keeps one primary contact per client; should there be more, the oldest wins.
      for (const contact of await contactsOf(ctx.em, ids, 'primary')) {
        if (!byClient.has(contact.client.id)) byClient.set(contact.client.id, toContact(contact));
      }
      return byClient;
    }, null),
    contacts: requestLoader(async (ids) => {
      const byClient = new Map<number, ContactSummary[]>();
      for (const contact of await contactsOf(ctx.em, ids)) {
        const list = byClient.get(contact.client.id) ?? [];
        list.push(toContact(contact));
        byClient.set(contact.client.id, list);
      }
      return byClient;
    }, []),
    invoiceCounts: requestLoader((ids) => countPerClient(ctx.em, Invoice, ids, BLOCKING.invoices), NO_ROWS),
    serviceCounts: requestLoader((ids) => countPerClient(ctx.em, Service, ids, BLOCKING.services), NO_ROWS),
  };
}
