import { useCallback, useEffect, useRef, useState, type FormEvent, type SyntheticEvent } from 'react';
import {
  ClientDeletionPreviewDocument,
  DeleteClientDocument,
  type ClientDeletionPreviewQuery,
  type DeleteClientMutation,
} from '../../src/generated/graphql';
import { describeError, request } from './api';
import type { Deleted } from './App';
import { Counts } from './Counts';
import { count, plural, time } from './format';

type Preview = Extract<
  ClientDeletionPreviewQuery['clientDeletionPreview'],
  { __typename: 'ClientDeletionPreview' }
>;
type Outcome = DeleteClientMutation['deleteClient'];
type Blocker = Preview['blockers'][number];

interface Props {
  clientId: string;
  /** How the dialog names the client, e.g. "Ada Deletable (1500)". */
  clientName: string;
  onClose: () => void;
  onDeleted: (deleted: Deleted) => void;
}

/** What went wrong with a confirmation, in words; `reload` offers a fresh preview. */
interface Problem {
  message: string;
  blockers?: readonly Blocker[];
  reload?: boolean;
  gone?: boolean;
}

function problemOf(outcome: Exclude<Outcome, { __typename: 'ClientDeleted' }>): Problem {
  switch (outcome.__typename) {
    case 'InvalidPasswordError':
      return {
        message:
          'The password is not correct, so nothing was deleted. After five failed attempts within 15 minutes, ' +
          'password checks are locked for 15 minutes.',
      };
    case 'TooManyAttemptsError':
      return {
        message: `Too many failed password attempts: your password checks are locked until ${time(outcome.retryAfter)}. Nothing was deleted.`,
      };
    case 'PreviewStaleError':
      return {
        message:
          'What would be deleted has changed since this preview, so nothing was deleted. Reload the ' +
          'preview, review it, and confirm again.',
        reload: true,
      };
    case 'DeletionBlockedError':
      return {
        message: 'The client cannot be deleted now, so nothing was deleted:',
        blockers: outcome.blockers,
        reload: true,
      };
    case 'ClientNotFoundError':
      return {
        message: 'This client no longer exists: someone may have deleted it already.',
        gone: true,
      };
  }
}

function BlockerList({ blockers }: { blockers: readonly Blocker[] }) {
  return (
    <ul className="blocker-list">
      {blockers.map((b) => (
        <li key={b.code}>
          <strong>{b.message}</strong>{' '}
          <span className="ids">
            ({b.ids.length === 1 ? 'id' : 'ids'} {b.ids.join(', ')}
            {b.count > b.ids.length ? ` and ${count(b.count - b.ids.length)} more` : ''})
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Counts the seconds since `since` while it is set. */
function useElapsedSeconds(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
}

function duration(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * The deletion, step by step: the preview (blockers first, then what is erased and what is kept),
 * the permanence warning, the password, and the outcome. A modal `<dialog>`: focus moves into it,
 * Escape closes it (except while the deletion runs), and focus returns to what opened it.
 */
export function DeleteDialog({ clientId, clientName, onClose, onDeleted }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const running = startedAt !== null;
  const elapsed = useElapsedSeconds(startedAt);

  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element?.showModal();
    heading.current?.focus();
    return () => {
      if (element?.open) element.close();
      opener?.focus();
    };
  }, []);

  const loadPreview = useCallback(async () => {
    setLoadError(null);
    setPreview(null);
    try {
      const { clientDeletionPreview: result } = await request(ClientDeletionPreviewDocument, { clientId });
      if (result.__typename === 'ClientDeletionPreview') setPreview(result);
      else setProblem({ message: result.message, gone: true });
    } catch (failure) {
      setLoadError(describeError(failure));
    }
  }, [clientId]);

  useEffect(() => {
    void loadPreview();
  }, [loadPreview]);

  function reload() {
    setProblem(null);
    void loadPreview();
  }

  function cancel(event: SyntheticEvent) {
    // Escape while the deletion runs: it commits or rolls back on the server either way, and the
    // outcome belongs on screen.
    event.preventDefault();
    if (!running) onClose();
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (!preview || !preview.deletable || !password) return;
    setProblem(null);
    setStartedAt(Date.now());
    try {
      const { deleteClient: outcome } = await request(DeleteClientDocument, {
        id: clientId,
        password,
        previewToken: preview.previewToken,
      });
      if (outcome.__typename === 'ClientDeleted') {
        onDeleted({ receipt: outcome.receipt, clientName });
        return;
      }
      setProblem(problemOf(outcome));
    } catch (failure) {
      setProblem({ message: describeError(failure) });
    } finally {
      setStartedAt(null);
      setPassword('');
    }
  }

  const blocked = preview !== null && preview.blockers.length > 0;

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="delete-dialog-title" onCancel={cancel}>
      <h2 id="delete-dialog-title" ref={heading} tabIndex={-1}>
        Delete {clientName}?
      </h2>

      {!preview && !loadError && !problem && (
        <p className="muted" role="status">
          Loading the preview…
        </p>
      )}
      {loadError && (
        <div className="error" role="alert">
          <p>{loadError}</p>
          <button type="button" onClick={reload}>
            Reload the preview
          </button>
        </div>
      )}

      {preview && (
        <>
          {blocked && (
            <section className="blockers" aria-labelledby="blockers-title">
              <h3 id="blockers-title">This client cannot be deleted yet</h3>
              <BlockerList blockers={preview.blockers} />
              <p>
                Resolve these first (close or void the invoices, cancel the services), then reload the
                preview.
              </p>
              <button type="button" onClick={reload}>
                Reload the preview
              </button>
            </section>
          )}

          <section aria-labelledby="erased-title">
            <h3 id="erased-title">
              {blocked ? 'What would be erased once nothing blocks it' : 'What will be erased'}:{' '}
              {plural(preview.total, 'row')}
            </h3>
            <Counts
              counts={preview.counts}
              total={preview.total}
              caption="Rows to erase, by category and table"
            />
          </section>

          {preview.kept.length > 0 && (
            <section aria-labelledby="kept-title">
              <h3 id="kept-title">What is kept, and why</h3>
              <table className="counts">
                <caption className="visually-hidden">Rows kept, and why</caption>
                <thead>
                  <tr>
                    <th scope="col">Table</th>
                    <th scope="col" className="number">
                      Rows
                    </th>
                    <th scope="col">Why it is kept</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.kept.map((k) => (
                    <tr key={k.table} data-table={k.table}>
                      <td className="table-name">{k.table}</td>
                      <td className="number">{count(k.count)}</td>
                      <td>{k.reason ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}

          <p className="warning">
            <strong>{preview.warning}</strong>
          </p>
        </>
      )}

      {problem && (
        <div className="error" role="alert">
          <p>{problem.message}</p>
          {problem.blockers && <BlockerList blockers={problem.blockers} />}
          {problem.reload && (
            <button type="button" onClick={reload}>
              Reload the preview
            </button>
          )}
        </div>
      )}

      <form onSubmit={confirm}>
        {preview && !problem?.gone && (
          <>
            <label htmlFor="confirm-password">Your password</label>
            <input
              id="confirm-password"
              type="password"
              autoComplete="current-password"
              aria-describedby="confirm-help"
              disabled={running || blocked}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <p id="confirm-help" className="muted">
              {blocked
                ? 'Nothing can be confirmed while something blocks the deletion.'
                : 'The password you sign in with: it confirms that you mean it.'}
            </p>
          </>
        )}
        {running && (
          <div className="progress" role="status">
            <progress aria-label="Deleting the client" />
            <span>Deleting… {duration(elapsed)} elapsed</span>
          </div>
        )}
        <div className="actions">
          <button type="button" onClick={cancel} disabled={running}>
            {problem?.gone ? 'Close' : 'Cancel'}
          </button>
          {!problem?.gone && (
            <button type="submit" className="danger" disabled={!preview || blocked || !password || running}>
              Delete permanently
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
