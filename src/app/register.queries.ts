// The manager's questions about the whole office: the register of every customer (SEC-1) with the public
// pool in it (OWN-10, OWN-11, OWN-12), the staff roster (ROT-14, OWN-10, SEC-4), and the consultants'
// month (REP-1, REP-3). Plain reads of the caught-up engine and the API's index; nothing here masks or
// logs (src/api/customer-view.ts does).
import { floorView, type SeatView } from './queries.ts';
import { consultantPerformance, poolCreditOfMonth, type ConsultantMonth, type MonthRange } from './performance.ts';
import type { Engine } from '../core/engine.ts';
import type { Recorded, Role, StaffId } from '../core/facts.ts';
import type { PhoneKey } from '../core/phone.ts';
import { DAY_MS, type Instant } from '../core/time.ts';
import type { CustomerIndex } from './customer-index.ts';
import type { BookEntry } from './ownership-book.ts';

export type RegisterStatus = 'owned' | 'pool' | 'lapsing';

/** `lapsing`: owned, and the protection ends within this many days (REP-3: protection about to lapse). */
export const LAPSING_DAYS = 7;

export interface RegisterQuery {
  /** A phone fragment (digits; spaces, dashes and a leading +86 are ignored) or part of the name. */
  readonly q?: string;
  /** The owner now, or for a customer in the pool the consultant whose protection ended. */
  readonly owner?: StaffId;
  readonly status?: RegisterStatus;
  /** 1-based. */
  readonly page: number;
  readonly size: number;
}

export interface RegisterRow extends BookEntry {
  /** The broker whose protection covers the customer now (CH-4). */
  readonly channel: string | null;
}

export interface RegisterPage {
  /** Customers matching the query (all of them, not only this page). */
  readonly total: number;
  readonly page: number;
  readonly size: number;
  /** Of the customers matching `q` and `owner`, how many are in each status (for the tabs' badges). */
  readonly counts: Readonly<Record<RegisterStatus | 'all', number>>;
  readonly rows: readonly RegisterRow[];
}

function matcher(q: string | undefined): ((phone: PhoneKey, name: string | null) => boolean) | null {
  const text = q?.trim() ?? '';
  if (text === '') return null;
  const compact = text.replace(/[\s\-()]/g, '').replace(/^\+?86(?=\d{3})/, '');
  if (/^\d+$/.test(compact)) return (phone) => phone.includes(compact);
  const lower = text.toLowerCase();
  return (_phone, name) => name !== null && name.toLowerCase().includes(lower);
}

/**
 * A page of the register, filtered and searched over the ownership book (no history walked): `lapsing` sorts
 * protection running out first, `pool` the most recently unowned first, otherwise the most recent activity first.
 */
export function registerPage(engine: Engine, index: CustomerIndex, query: RegisterQuery, now: Instant): RegisterPage {
  const book = index.ownershipBook(engine, now);
  const match = matcher(query.q);
  const soon = now + LAPSING_DAYS * DAY_MS;
  const counts = { all: 0, owned: 0, pool: 0, lapsing: 0 };
  const hits: BookEntry[] = [];
  for (const e of query.owner !== undefined ? book.filedUnder(query.owner) : book.all()) {
    if (match && !match(e.phone, e.name)) continue;
    const lapsing = e.protectedUntil !== null && e.protectedUntil <= soon;
    counts.all++;
    if (e.owner === null) counts.pool++;
    else counts.owned++;
    if (lapsing) counts.lapsing++;
    if (query.status === 'owned' && e.owner === null) continue;
    if (query.status === 'pool' && e.owner !== null) continue;
    if (query.status === 'lapsing' && !lapsing) continue;
    hits.push(e);
  }
  if (query.status === 'lapsing') hits.sort((a, b) => (a.protectedUntil ?? 0) - (b.protectedUntil ?? 0) || (a.phone < b.phone ? -1 : 1));
  else if (query.status === 'pool') hits.sort((a, b) => (b.since ?? 0) - (a.since ?? 0) || (a.phone < b.phone ? -1 : 1));
  else hits.sort((a, b) => b.lastSeq - a.lastSeq || (a.phone < b.phone ? -1 : 1));
  const from = (query.page - 1) * query.size;
  const rows = hits.slice(from, from + query.size).map((e) => ({ ...e, channel: engine.channel(e.phone, now)?.broker ?? null }));
  return { total: hits.length, page: query.page, size: query.size, counts, rows };
}

export interface RosterMember {
  readonly id: StaffId;
  readonly name: string | null;
  readonly role: Role;
  readonly team: string | null;
  /** When they left (OWN-10, SEC-4); null while employed. */
  readonly departedAt: Instant | null;
  /** The end of their latest suspension from new parties (ROT-14), while it runs; null otherwise. */
  readonly suspendedUntil: Instant | null;
  /** Suspended now (their own suspension, or their team benched today, ROT-13). */
  readonly suspended: boolean;
  /** Signed in on today's floor, and their seat's state. */
  readonly onFloor: boolean;
  readonly state: SeatView['state'] | null;
  readonly newToday: number;
  /** Customers they own now (consultants). */
  readonly customers: number;
}

/** Everyone on the project's staff, whether or not on today's board: the manager acts on people who are not there. */
export function roster(engine: Engine, index: CustomerIndex, now: Instant): RosterMember[] {
  const book = index.ownershipBook(engine, now);
  const seats = new Map(floorView(engine, now).seats.map((s) => [s.who, s]));
  const order: Readonly<Record<Role, number>> = { consultant: 0, supervisor: 1, manager: 2, frontdesk: 3, channelAssistant: 4 };
  return [...engine.staff.values()]
    .map((s) => {
      const seat = seats.get(s.id);
      // A manager's suspension, or a violation's (PEN-1), whichever runs longer.
      const until = latest(index.suspendedUntil(s.id), engine.violations.suspendedAt(s.id, now) ? engine.violations.suspendedUntil(s.id) : null);
      return {
        id: s.id,
        name: s.name ?? null,
        role: s.role,
        team: s.team ?? null,
        departedAt: engine.departed.get(s.id) ?? null,
        suspendedUntil: until !== null && until > now ? until : null,
        suspended: engine.isSuspended(s.id, now),
        onFloor: seat !== undefined,
        state: seat?.state ?? null,
        newToday: seat?.newToday ?? 0,
        customers: s.role === 'consultant' ? book.ownedBy(s.id) : 0,
      };
    })
    .sort((a, b) => Number(a.departedAt !== null) - Number(b.departedAt !== null) || order[a.role] - order[b.role] || a.id.localeCompare(b.id));
}

/** The consultants' month from the month's facts in the index (O(facts in the month)), owned counts from the book. */
export function monthOfConsultants(engine: Engine, index: CustomerIndex, month: MonthRange, now: Instant): ConsultantMonth[] {
  const book = index.ownershipBook(engine, now);
  return consultantPerformance({ ...monthOrders(engine, index, month, now), staff: engine.staff.values(), departed: engine.departed, ownedNow: (who) => book.ownedBy(who) });
}

/** The team pool's (团奖) credit in the month: a credit holder like a consultant (DEAL-5, DEAL-2). */
export function poolOfMonth(engine: Engine, index: CustomerIndex, month: MonthRange, now: Instant): number {
  return poolCreditOfMonth(monthOrders(engine, index, month, now));
}

/** The month's facts, which of them opened an order, and each order's credit as it stands now. */
function monthOrders(engine: Engine, index: CustomerIndex, month: MonthRange, now: Instant) {
  return {
    month,
    facts: index.factsInMonth(month.month),
    opensOrder: (f: Recorded) => index.opensOrder(f.seq),
    creditNow: (id: number) => {
      const order = engine.allOrders.get(id);
      return order ? (order.ended ? {} : engine.creditOf(order, now).credit) : undefined;
    },
  };
}

/** The later of two optional instants. */
function latest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
