// Who may do what changes (a sign-out, a disabled user, a role granted or ended, a departure): every
// session cache of this process forgets the sessions concerned at once, and on PostgreSQL every other
// process is told when the write commits (a NOTIFY is delivered only if its transaction commits).
import type { Db } from '../store/sql/db.ts';

/** The PostgreSQL channel of account notices. */
export const ACCOUNTS_CHANNEL = 'anchang_accounts';

/** What changed: one session (its id, the token's hash) or everything of one user. */
export type AccountNotice = { readonly session: string } | { readonly user: string };

export function encodeNotice(notice: AccountNotice): string {
  return 'session' in notice ? `s:${notice.session}` : `u:${notice.user}`;
}

export function decodeNotice(payload: string): AccountNotice | null {
  if (payload.startsWith('s:') && payload.length > 2) return { session: payload.slice(2) };
  if (payload.startsWith('u:') && payload.length > 2) return { user: payload.slice(2) };
  return null;
}

type Hearer = (notice: AccountNotice) => void;
const hearers = new Set<Hearer>();

/** Hears this process's own account changes as they are written (caches of any database: forgetting too much is harmless). */
export function hearAccountChanges(hearer: Hearer): () => void {
  hearers.add(hearer);
  return () => void hearers.delete(hearer);
}

/**
 * Called by every write that ends a session or changes a user's access, on the connection (or transaction) that
 * wrote it. The local forgetting happens before the write commits as well as, on PostgreSQL, again when this
 * process hears its own notice after the commit: a request that read the old row in between is forgotten then.
 */
export async function accountChanged(db: Db, notice: AccountNotice): Promise<void> {
  forgetHere(notice);
  if (db.dialect === 'postgres') await db.run(`SELECT pg_notify('${ACCOUNTS_CHANNEL}', ?)`, [encodeNotice(notice)]);
}

/** The local half alone: after a transaction that called `accountChanged` has committed. */
export function forgetHere(notice: AccountNotice): void {
  for (const hear of hearers) hear(notice);
}
