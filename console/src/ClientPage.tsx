import { useEffect, useState } from 'react';
import { ClientDocument, type ClientQuery } from '../../src/generated/graphql';
import { describeError, request } from './api';
import type { Deleted } from './App';
import { DeleteDialog } from './DeleteDialog';
import { clientName, count, statusLabel } from './format';
import { linkTo } from './router';

type Client = NonNullable<ClientQuery['client']>;

interface Props {
  id: string;
  /** admin_clients.delete: without it there is no delete action at all. */
  canDelete: boolean;
  onDeleted: (deleted: Deleted) => void;
}

/** One client: number, status, contacts and counts, and the way to delete it. */
export function ClientPage({ id, canDelete, onDeleted }: Props) {
  const [client, setClient] = useState<Client | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  useEffect(() => {
    let current = true;
    request(ClientDocument, { id })
      .then((data) => current && setClient(data.client))
      .catch((failure) => current && setError(describeError(failure)));
    return () => {
      current = false;
    };
  }, [id]);

  const back = (
    <p>
      <a {...linkTo({ name: 'clients' })}>← All clients</a>
    </p>
  );
  if (error) {
    return (
      <>
        {back}
        <p className="error" role="alert">
          {error}
        </p>
      </>
    );
  }
  if (client === undefined) {
    return (
      <p className="muted" role="status">
        Loading the client…
      </p>
    );
  }
  if (client === null) {
    return (
      <>
        {back}
        <h1>No such client</h1>
        <p>There is no client {id} in your company. It may have been deleted.</p>
      </>
    );
  }

  const name = clientName(client);
  return (
    <>
      {back}
      <h1>{name}</h1>
      <dl className="facts">
        <dt>Client number</dt>
        <dd>{client.idCode}</dd>
        <dt>Status</dt>
        <dd>{statusLabel(client.status)}</dd>
        <dt>Company</dt>
        <dd>{client.primaryContact?.company ?? '—'}</dd>
        <dt>Invoices</dt>
        <dd>
          {count(client.invoiceCount)} ({count(client.openInvoiceCount)} open)
        </dd>
        <dt>Services</dt>
        <dd>
          {count(client.serviceCount)} ({count(client.activeServiceCount)} active or suspended)
        </dd>
      </dl>

      <h2>Contacts</h2>
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Company</th>
          </tr>
        </thead>
        <tbody>
          {client.contacts.map((c) => (
            <tr key={c.id}>
              <td>{c.contactType.toLowerCase()}</td>
              <td>
                {c.firstName} {c.lastName}
              </td>
              <td>{c.email}</td>
              <td>{c.company ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {canDelete && (
        <section className="danger-zone" aria-labelledby="delete-title">
          <h2 id="delete-title">Delete this client</h2>
          <p>
            Erases the client and every record of them, after a preview of what blocks it and what goes. You
            confirm with your own password.
          </p>
          <button type="button" className="danger" onClick={() => setDeleting(true)}>
            Delete client
          </button>
        </section>
      )}
      {deleting && (
        <DeleteDialog
          clientId={client.id}
          clientName={`${name} (${client.idCode})`}
          onClose={() => setDeleting(false)}
          onDeleted={onDeleted}
        />
      )}
    </>
  );
}
