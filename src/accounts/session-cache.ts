// Sessions kept in the process (issue 13): on PostgreSQL every statement is a network round trip, and
// the session look-up was the only one a front-desk judge still made. A cached session is as good as the
// row as long as this process hears every change to it: its own through `hearAccountChanges`, every other
// process's through LISTEN on the accounts channel. While that connection is down nothing is served from
// the cache, and when it comes back the cache starts empty (notices may have been missed). A kept session is
// read again after a second all the same, so a notice lost on a connection not yet seen to be down costs at
// most that second (as a revoked display's stream, display-revocation-watch.ts). SQLite has no
// such channel, and its look-up is a few microseconds in the process, so there the row is always read.
import { findSession, sessionIdOf, type Session } from './accounts-store.ts';
import { ACCOUNTS_CHANNEL, decodeNotice, hearAccountChanges, type AccountNotice } from './account-notices.ts';
import type { Db } from '../store/sql/db.ts';
import { isPostgres, type Listening } from '../store/sql/postgres-db.ts';

export interface SessionLookup {
  /** The live session of a token, as `findSession` answers it. */
  find(token: string, now: number): Promise<Session | null>;
  /** Look-ups answered from the process and from the database, since it opened (the tests and the bench read them). */
  counts(): { readonly kept: number; readonly read: number };
  /** Whether look-ups may be answered from the process now (PostgreSQL, with its LISTEN connection up). */
  caching(): boolean;
  close(): Promise<void>;
}

/** Sessions kept at most; the oldest kept goes first (a sales group has a few thousand people signed in). */
const DEFAULT_MAX = 20_000;
/** How long a kept session is trusted without reading its row again, in case a notice was lost unseen. */
const DEFAULT_MAX_AGE_MS = 1_000;

export function openSessionLookup(db: Db, options: { readonly max?: number; readonly maxAgeMs?: number } = {}): SessionLookup {
  let kept = 0;
  let read = 0;
  const counts = () => ({ kept, read });
  const readRow = (token: string, now: number): Promise<Session | null> => {
    read++;
    return findSession(db, token, now);
  };
  if (!isPostgres(db)) return { find: readRow, counts, caching: () => false, close: async () => undefined };
  const cache = new SessionCache(options.max ?? DEFAULT_MAX, options.maxAgeMs ?? DEFAULT_MAX_AGE_MS);
  const stopHearing = hearAccountChanges((n) => cache.forget(n));
  // Until the LISTEN connection is up (and whenever it is down) every look-up reads the row.
  let listening: Listening | null = null;
  let closed = false;
  const opening = db
    .listen(ACCOUNTS_CHANNEL, (payload) => {
      const notice = payload === null ? null : decodeNotice(payload);
      if (notice) cache.forget(notice);
      else cache.clear(); // reconnected (or a notice this code does not read): anything may have changed
    })
    .then(
      async (l) => {
        if (closed) await l.close();
        else listening = l;
      },
      () => undefined, // no cache on this process: each look-up reads the row, as on SQLite
    );
  const live = (): boolean => listening?.connected() === true;
  return {
    async find(token, now) {
      if (!live()) {
        if (cache.size > 0) cache.clear(); // what was kept may have changed unheard while the connection was down
        return readRow(token, now);
      }
      if (token.length === 0 || token.length > 100) return null;
      const id = sessionIdOf(token);
      const hit = cache.get(id, performance.now());
      if (hit) {
        kept++;
        return hit.expiresAt > now ? hit : null;
      }
      const epoch = cache.epoch;
      const session = await readRow(token, now);
      // Kept only if nothing was forgotten while the row was read: it may be the row from before that change.
      if (session && cache.epoch === epoch && live()) cache.put(session, performance.now());
      return session;
    },
    counts,
    caching: live,
    async close() {
      closed = true;
      stopHearing();
      await opening;
      await listening?.close();
      listening = null;
    },
  };
}

/** The sessions themselves, by id, with each user's ids so that a user's change forgets all of theirs. */
export class SessionCache {
  private readonly byId = new Map<string, { readonly session: Session; readonly keptAt: number }>();
  private readonly idsOfUser = new Map<string, Set<string>>();
  /** Counts every forgetting, so a look-up that raced one does not keep what it read. */
  epoch = 0;

  constructor(
    private readonly max: number,
    private readonly maxAgeMs: number,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  /** The session kept under `id`, unless it was kept longer ago than the age allowed (`at`: a monotonic ms clock). */
  get(id: string, at: number): Session | undefined {
    const kept = this.byId.get(id);
    if (!kept) return undefined;
    if (at - kept.keptAt <= this.maxAgeMs) return kept.session;
    this.remove(id);
    return undefined;
  }

  put(session: Session, at: number): void {
    this.remove(session.id);
    if (this.byId.size >= this.max) {
      const oldest = this.byId.keys().next();
      if (!oldest.done) this.remove(oldest.value);
    }
    this.byId.set(session.id, { session, keptAt: at });
    const ids = this.idsOfUser.get(session.user.id) ?? new Set<string>();
    ids.add(session.id);
    this.idsOfUser.set(session.user.id, ids);
  }

  forget(notice: AccountNotice): void {
    this.epoch++;
    if ('session' in notice) this.remove(notice.session);
    else for (const id of [...(this.idsOfUser.get(notice.user) ?? [])]) this.remove(id);
  }

  clear(): void {
    this.epoch++;
    this.byId.clear();
    this.idsOfUser.clear();
  }

  private remove(id: string): void {
    const kept = this.byId.get(id);
    if (!kept) return;
    this.byId.delete(id);
    const ids = this.idsOfUser.get(kept.session.user.id);
    ids?.delete(id);
    if (ids?.size === 0) this.idsOfUser.delete(kept.session.user.id);
  }
}
