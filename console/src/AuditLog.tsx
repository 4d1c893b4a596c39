import { useEffect, useState } from 'react';
import { ClientDeletionsDocument, type ClientDeletionsQuery } from '../../src/generated/graphql';
import { describeError, request } from './api';
import { Counts } from './Counts';
import { count, plural, time } from './format';
import { Pager, useCursorPages } from './Pager';

const PAGE_SIZE = 25;

type Page = ClientDeletionsQuery['clientDeletions'];

/** The company's deletions, newest first: ids, time, who, and the rows per table. */
export function AuditLog() {
  const pages = useCursorPages();
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { after } = pages;

  useEffect(() => {
    let current = true;
    request(ClientDeletionsDocument, { first: PAGE_SIZE, after })
      .then((data) => current && setPage(data.clientDeletions))
      .catch((failure) => current && setError(describeError(failure)));
    return () => {
      current = false;
    };
  }, [after]);

  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">
        Every client deletion of your company, newest first. The log keeps ids and counts only: no name, email
        or other personal data of the deleted client.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!page && !error && (
        <p className="muted" role="status">
          Loading the audit log…
        </p>
      )}
      {page && (
        <>
          <p className="muted" role="status">
            {page.totalCount === 0 ? 'No client has been deleted yet.' : plural(page.totalCount, 'deletion')}
          </p>
          {page.edges.length > 0 && (
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">Receipt</th>
                  <th scope="col">Client id</th>
                  <th scope="col">Deleted at</th>
                  <th scope="col">By</th>
                  <th scope="col" className="number">
                    Rows erased
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>{node.id}</td>
                    <td>{node.clientId}</td>
                    <td>{time(node.deletedAt)}</td>
                    <td>{node.deletedBy ? `${node.deletedBy.firstName} ${node.deletedBy.lastName}` : '—'}</td>
                    <td className="number">
                      <details>
                        <summary>{count(node.total)}</summary>
                        <Counts counts={node.counts} total={node.total} caption={`Receipt ${node.id}`} />
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager pages={pages} pageInfo={page.pageInfo} backLabel="Newer" forwardLabel="Older" />
        </>
      )}
    </>
  );
}
