import { useCallback, useEffect, useState } from 'react';
import {
  clearSession,
  describeError,
  loadSession,
  request,
  whenSessionEnds,
  type ApiError,
  type Session,
} from './api';
import { LogoutDocument, MeDocument, type DeleteClientMutation } from '../../src/generated/graphql';
import { AuditLog } from './AuditLog';
import { ClientList } from './ClientList';
import { ClientPage } from './ClientPage';
import { linkTo, navigate, useRoute } from './router';
import { SignIn } from './SignIn';

export type Receipt = Extract<
  DeleteClientMutation['deleteClient'],
  { __typename: 'ClientDeleted' }
>['receipt'];

/** A deletion just made: its receipt, and the name staff knew the client by (the receipt has none). */
export interface Deleted {
  readonly receipt: Receipt;
  readonly clientName: string;
}

/** Permission strings of SPEC 4, as `me { permissions }` lists them. */
export const VIEW_CLIENTS = 'admin_clients.view';
export const DELETE_CLIENTS = 'admin_clients.delete';

type State =
  | { phase: 'checking' }
  | { phase: 'signed-out'; notice: string | null }
  | { phase: 'signed-in'; session: Session; permissions: readonly string[] };

const SESSION_ENDED = 'Your session has expired or was ended. Sign in again to go on.';

export function App() {
  const [state, setState] = useState<State>(() =>
    loadSession() ? { phase: 'checking' } : { phase: 'signed-out', notice: null },
  );
  const [deleted, setDeleted] = useState<Deleted | null>(null);
  const route = useRoute();

  const endSession = useCallback((notice: string | null) => {
    clearSession();
    setDeleted(null);
    setState({ phase: 'signed-out', notice });
  }, []);

  // Any request answered UNAUTHENTICATED (expired, ended or revoked token) sends the staff member
  // back to the sign-in form, saying why.
  useEffect(() => {
    whenSessionEnds(() => endSession(SESSION_ENDED));
    return () => whenSessionEnds(null);
  }, [endSession]);

  // A reload keeps the tab's session: ask who it belongs to, and what they may do.
  useEffect(() => {
    if (state.phase !== 'checking') return;
    const session = loadSession();
    if (!session) {
      setState({ phase: 'signed-out', notice: null });
      return;
    }
    request(MeDocument, {})
      .then(({ me }) => {
        if (me) setState({ phase: 'signed-in', session, permissions: me.permissions });
        else endSession(SESSION_ENDED);
      })
      .catch((error: ApiError) => endSession(describeError(error)));
  }, [state.phase, endSession]);

  if (state.phase === 'checking') {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  if (state.phase === 'signed-out') {
    return (
      <SignIn
        notice={state.notice}
        onSignedIn={(session, permissions) => setState({ phase: 'signed-in', session, permissions })}
      />
    );
  }

  const { session, permissions } = state;
  const canView = permissions.includes(VIEW_CLIENTS);
  const canDelete = permissions.includes(DELETE_CLIENTS);

  async function signOut() {
    try {
      await request(LogoutDocument, {});
    } catch {
      // The session may already be over; the tab forgets it either way.
    }
    endSession('You have signed out.');
  }

  function onDeleted(done: Deleted) {
    setDeleted(done);
    navigate({ name: 'clients' });
  }

  let page;
  if (!canView) {
    page = <p>Your staff groups do not allow you to view clients (admin_clients.view).</p>;
  } else if (route.name === 'clients') {
    page = <ClientList deleted={deleted} onDismissReceipt={() => setDeleted(null)} />;
  } else if (route.name === 'client') {
    page = <ClientPage key={route.id} id={route.id} canDelete={canDelete} onDeleted={onDeleted} />;
  } else if (route.name === 'deletions' && canDelete) {
    page = <AuditLog />;
  } else {
    page = (
      <>
        <h1>Page not found</h1>
        <p>
          <a {...linkTo({ name: 'clients' })}>Back to the clients</a>
        </p>
      </>
    );
  }

  return (
    <>
      <header className="top">
        <a className="brand" {...linkTo({ name: 'clients' })}>
          Staff console
        </a>
        <nav aria-label="Main">
          {canView && (
            <a {...linkTo({ name: 'clients' })} aria-current={route.name === 'clients' ? 'page' : undefined}>
              Clients
            </a>
          )}
          {canDelete && (
            <a
              {...linkTo({ name: 'deletions' })}
              aria-current={route.name === 'deletions' ? 'page' : undefined}
            >
              Audit log
            </a>
          )}
        </nav>
        <span className="who">Signed in as {session.email}</span>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main>{page}</main>
    </>
  );
}
