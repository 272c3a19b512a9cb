// Sessions kept in the process (issue 13): the session look-up was the one statement a front-desk judge
// still made (on PostgreSQL a network round trip). A kept session is as good as its row as long as this
// process hears every change to it: its own through `hearAccountChanges`, at once; every other process's
// through the database. On PostgreSQL that is LISTEN on the accounts channel: while the connection is down
// nothing is served from the cache, and when it comes back the cache starts empty (notices may have been
// missed). On SQLite it is the database's count of other connections' commits (`Db.commitsElsewhere`): any
// commit by another process empties the cache. Either way a kept session is read again after a second, so a
// change that went unheard (a notice lost on a connection not yet seen to be down) costs at most that second,
// as a revoked display's stream does (display-revocation-watch.ts).
import { findSession, sessionIdOf, type Session } from './accounts-store.ts';
import { ACCOUNTS_CHANNEL, decodeNotice, hearAccountChanges, type AccountNotice } from './account-notices.ts';
import type { Db } from '../store/sql/db.ts';
import { isPostgres, type Listening } from '../store/sql/postgres-db.ts';

export interface SessionLookup {
  /**
   * The live session of a token, as `findSession` answers it. `readSince` (performance.now()): when the request
   * arrived; what other processes committed before then is heard (`Db.commitsElsewhere`).
   */
  find(token: string, now: number, readSince?: number): Promise<Session | null>;
  /** Look-ups answered from the process and from the database, since it opened (the tests and the bench read them). */
  counts(): { readonly kept: number; readonly read: number };
  /** Whether look-ups may be answered from the process now. */
  caching(): boolean;
  close(): Promise<void>;
}

/** Sessions kept at most; the oldest kept goes first (a sales group has a few thousand people signed in). */
const DEFAULT_MAX = 20_000;
/** How long a kept session is trusted without reading its row again, in case a change went unheard. */
const DEFAULT_MAX_AGE_MS = 1_000;

/** How a lookup knows that other processes changed nothing: `trusted` says so, and empties the cache when not. */
interface Hearing {
  trusted(readSince?: number): boolean;
  close(): Promise<void>;
}

export function openSessionLookup(db: Db, options: { readonly max?: number; readonly maxAgeMs?: number } = {}): SessionLookup {
  let kept = 0;
  let read = 0;
  const readRow = (token: string, now: number): Promise<Session | null> => {
    read++;
    return findSession(db, token, now);
  };
  const cache = new SessionCache(options.max ?? DEFAULT_MAX, options.maxAgeMs ?? DEFAULT_MAX_AGE_MS);
  const hearing = isPostgres(db) ? listenFor(db, cache) : db.commitsElsewhere ? countCommits(db, cache) : null;
  const stopHearing = hearAccountChanges((n) => cache.forget(n));
  return {
    async find(token, now, readSince) {
      if (!hearing?.trusted(readSince)) return readRow(token, now);
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
      if (session && hearing.trusted() && cache.epoch === epoch) cache.put(session, performance.now());
      return session;
    },
    counts: () => ({ kept, read }),
    caching: () => hearing?.trusted() === true,
    async close() {
      stopHearing();
      await hearing?.close();
    },
  };
}

/** PostgreSQL: every process's account changes, as notices on the accounts channel. */
function listenFor(db: Db & { listen(channel: string, onMessage: (payload: string | null) => void): Promise<Listening> }, cache: SessionCache): Hearing {
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
      () => undefined, // no LISTEN connection: each look-up reads the row
    );
  return {
    trusted() {
      if (listening?.connected() === true) return true;
      if (cache.size > 0) cache.clear(); // what was kept may have changed unheard while the connection was down
      return false;
    },
    async close() {
      closed = true;
      await opening;
      await listening?.close();
      listening = null;
    },
  };
}

/** SQLite: any commit by another connection (another process) may have changed a session, so the cache is emptied. */
function countCommits(db: Db, cache: SessionCache): Hearing {
  let seen = Number.NaN;
  return {
    trusted(readSince) {
      const now = db.commitsElsewhere?.(readSince) ?? Number.NaN;
      if (now === seen) return true;
      cache.clear();
      seen = now;
      return !Number.isNaN(now);
    },
    close: async () => undefined,
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
