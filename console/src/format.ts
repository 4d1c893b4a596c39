import type { ClientStatus } from '../../src/generated/graphql';

const numbers = new Intl.NumberFormat('en');
const times = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });

export function count(n: number): string {
  return numbers.format(n);
}

/** "3 rows", "1 row". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** An ISO 8601 time from the API, in the staff member's local time. */
export function time(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : times.format(date);
}

export function statusLabel(status: ClientStatus): string {
  return { ACTIVE: 'Active', INACTIVE: 'Inactive', FRAUD: 'Fraud' }[status] ?? status;
}

/** A client as staff name it: the primary contact, else the client number. */
export function clientName(client: {
  idCode: string;
  primaryContact: { firstName: string; lastName: string } | null;
}): string {
  const contact = client.primaryContact;
  const name = contact ? `${contact.firstName} ${contact.lastName}`.trim() : '';
  return name || `Client ${client.idCode}`;
}
