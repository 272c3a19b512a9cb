// Who is signed in: loaded once from GET /api/session, replaced by signing in, cleared by signing out or
// by any 401 (an expired session, or SEC-4 ending a departed consultant's access).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as api from '../api/api-client.ts';
import type { Membership, SessionInfo } from '../../contracts/index.ts';
import { isApiError } from '../api/api-error.ts';
import { onUnauthorised } from '../api/http.ts';

export type SessionState = { readonly status: 'loading' } | { readonly status: 'signedOut' } | { readonly status: 'signedIn'; readonly session: SessionInfo } | { readonly status: 'failed'; readonly error: unknown };

interface SessionApi {
  readonly state: SessionState;
  readonly signIn: (login: string, password: string) => Promise<SessionInfo>;
  readonly signOut: () => Promise<void>;
  readonly reload: () => void;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    api.currentSession().then(
      (session) => live && setState({ status: 'signedIn', session }),
      (error: unknown) => live && setState(isApiError(error) && error.status === 401 ? { status: 'signedOut' } : { status: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => onUnauthorised(() => setState({ status: 'signedOut' })), []);

  const signIn = useCallback(async (login: string, password: string) => {
    const session = await api.signIn(login, password);
    setState({ status: 'signedIn', session });
    return session;
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } finally {
      setState({ status: 'signedOut' });
    }
  }, []);
  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut, reload }), [state, signIn, signOut, reload]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in session; only under RequireSession. */
export function useSignedIn(): SessionInfo {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useSignedIn without a session');
  return state.session;
}

/** The caller's membership in a project, or null. */
export function membershipIn(session: SessionInfo, project: string): Membership | null {
  return session.memberships.find((m) => m.project === project) ?? null;
}
