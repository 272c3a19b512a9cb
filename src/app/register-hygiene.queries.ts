// Reads of register hygiene (issue 12.2): the customers registered under a full name (REG-4: the desk judges
// by name too), and the entries waiting for someone — late entries for the manager (REG-5), entries made
// without a phone for whoever identifies the visitor (REG-7). Plain functions of the engine, never a scan
// of the log: the engine indexes names and the register book keeps the waiting entries.
import type { Engine } from '../core/engine.ts';
import type { StaffId } from '../core/facts.ts';
import type { OwnershipAnswer } from '../core/ownership.rules.ts';
import type { PhoneKey } from '../core/phone.ts';
import type { RegisterEntry } from '../core/register-book.ts';
import type { Instant } from '../core/time.ts';

/** A name search answers at most this many candidates; the desk asks for the phone when more share a name. */
export const NAME_CANDIDATES_LIMIT = 20;

export interface NameCandidate {
  readonly phone: PhoneKey;
  readonly name: string | null;
  readonly ownership: OwnershipAnswer;
  readonly lastArrival: Instant | null;
}

/** REG-4: every customer registered under this full name, with whose they are now. */
export function candidatesByName(engine: Engine, name: string, now: Instant): { readonly total: number; readonly candidates: readonly NameCandidate[] } {
  const phones = engine.findByName(name);
  return {
    total: phones.length,
    candidates: phones.slice(0, NAME_CANDIDATES_LIMIT).map((phone) => ({
      phone,
      name: engine.customers.get(phone)?.name ?? null,
      ownership: engine.ownership(phone, now),
      lastArrival: engine.customers.get(phone)?.lastArrival ?? null,
    })),
  };
}

export interface PendingEntries {
  readonly late: readonly RegisterEntry[];
  readonly unidentified: readonly RegisterEntry[];
}

/** The entries waiting: all of them, or only those `of` a consultant wrote or that are for them. */
export function pendingEntries(engine: Engine, of: StaffId | null): PendingEntries {
  const book = engine.registerBook;
  const pick = (seqs: Iterable<number>) =>
    [...seqs]
      .map((seq) => book.entries.get(seq))
      .filter((e): e is RegisterEntry => e !== undefined && (of === null || e.by === of || e.consultant === of))
      .sort((a, b) => b.seq - a.seq);
  return { late: pick(book.pendingLate), unidentified: pick(book.unidentified) };
}
