import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ClientsDocument, type ClientsQuery } from '../../src/generated/graphql';
import { describeError, request } from './api';
import type { Deleted } from './App';
import { Counts } from './Counts';
import { clientName, count, plural, statusLabel, time } from './format';
import { Pager, useCursorPages } from './Pager';
import { linkTo } from './router';

/** Well inside the request limits (src/graphql/limits.ts): a page of 25 costs about 450 of 2,000. */
export const PAGE_SIZE = 25;

type Page = ClientsQuery['clients'];

interface Props {
  /** A deletion just made: its receipt is shown above the list. */
  deleted: Deleted | null;
  onDismissReceipt: () => void;
}

/** The company's clients: a search box and pages of 25. */
export function ClientList({ deleted, onDismissReceipt }: Props) {
  const receipt = deleted?.receipt ?? null;
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  const pages = useCursorPages();
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const receiptHeading = useRef<HTMLHeadingElement>(null);

  const { after } = pages;
  useEffect(() => {
    let current = true;
    setError(null);
    request(ClientsDocument, { search: search || null, first: PAGE_SIZE, after })
      .then((data) => current && setPage(data.clients))
      .catch((failure) => current && setError(describeError(failure)));
    return () => {
      current = false;
    };
  }, [search, after]);

  // After a deletion the staff member lands here: tell screen readers and keyboards where they are.
  useEffect(() => {
    if (receipt) receiptHeading.current?.focus();
  }, [receipt]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSearch(input.trim());
    pages.restart();
  }

  const first = pages.index * PAGE_SIZE + 1;

  return (
    <>
      {receipt && (
        <section className="receipt" aria-labelledby="receipt-title">
          <h2 id="receipt-title" ref={receiptHeading} tabIndex={-1}>
            Deleted: {deleted?.clientName}
          </h2>
          <dl className="facts">
            <dt>Client id</dt>
            <dd>{receipt.clientId}</dd>
            <dt>Receipt</dt>
            <dd>{receipt.id}</dd>
            <dt>Deleted at</dt>
            <dd>{time(receipt.deletedAt)}</dd>
            <dt>By</dt>
            <dd>
              {receipt.deletedBy ? `${receipt.deletedBy.firstName} ${receipt.deletedBy.lastName}` : '—'}
            </dd>
            <dt>Rows erased</dt>
            <dd>{count(receipt.total)}</dd>
          </dl>
          <details>
            <summary>Rows erased per table</summary>
            <Counts counts={receipt.counts} total={receipt.total} caption="Rows erased" />
          </details>
          {receipt.kept.length > 0 && (
            <p>Kept: {receipt.kept.map((k) => `${plural(k.count, 'row')} of ${k.table}`).join(', ')}.</p>
          )}
          <button type="button" onClick={onDismissReceipt}>
            Dismiss
          </button>
        </section>
      )}

      <h1>Clients</h1>
      <form className="search" role="search" onSubmit={submit}>
        <label htmlFor="client-search">Search clients</label>
        <input
          id="client-search"
          type="search"
          placeholder="Name, email, company or client number"
          value={input}
          onChange={(e) => setInput(e.target.value)}
        />
        <button type="submit">Search</button>
      </form>

      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!page && !error && (
        <p className="muted" role="status">
          Loading clients…
        </p>
      )}
      {page && (
        <>
          <p className="muted" role="status">
            {page.totalCount === 0
              ? search
                ? `No client matches “${search}”.`
                : 'No clients.'
              : `${plural(page.totalCount, 'client')}${search ? ` matching “${search}”` : ''}; showing ${count(first)}–${count(first + page.edges.length - 1)}.`}
          </p>
          {page.edges.length > 0 && (
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">Client</th>
                  <th scope="col">Number</th>
                  <th scope="col">Company</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="number">
                    Open invoices
                  </th>
                  <th scope="col" className="number">
                    Active services
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>
                      <a {...linkTo({ name: 'client', id: node.id })}>{clientName(node)}</a>
                    </td>
                    <td>{node.idCode}</td>
                    <td>{node.primaryContact?.company ?? '—'}</td>
                    <td>{statusLabel(node.status)}</td>
                    <td className="number">{count(node.openInvoiceCount)}</td>
                    <td className="number">{count(node.activeServiceCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager pages={pages} pageInfo={page.pageInfo} backLabel="Previous page" forwardLabel="Next page" />
        </>
      )}
    </>
  );
}
