// A consultant's month (REP-1, REP-3 light): parties received by ground, registrations, follow-ups,
// customers owned now, orders opened and performance credit. A pure fold over the facts of the month:
// give it every fact from the start (it skips those outside the month) or only the month's facts with
// `opensOrder` from an index, and it touches nothing else — O(facts given).
import type { Credit } from '../core/deal.rules.ts';
import type { ReceiveAs, Recorded, StaffId, StaffMember, UnitId } from '../core/facts.ts';
import type { PhoneKey } from '../core/phone.ts';
import { localDay, parseLocalTime, type Instant } from '../core/time.ts';

/** A project-local calendar month: `YYYY-MM`, from the first instant of its first day to that of the next month. */
export interface MonthRange {
  readonly month: string;
  readonly start: Instant;
  readonly end: Instant;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month `YYYY-MM` in a zone; null when the text is not such a month. */
export function monthRange(month: string, zone: string): MonthRange | null {
  const m = MONTH.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const next = mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, '0')}`;
  const firstDay = (ym: string) => {
    const noon = parseLocalTime(`${ym}-01 12:00`, zone);
    return noon === null ? null : localDay(noon, zone).start;
  };
  const start = firstDay(month);
  const end = firstDay(next);
  return start === null || end === null ? null : { month, start, end };
}

/** The month (`YYYY-MM`, project-local) an instant falls in. */
export function monthOf(at: Instant, zone: string): string {
  return localDay(at, zone).key.slice(0, 7);
}

/** Grounds a party is received on that count as a customer received (not a non-customer handled). */
export const RECEIVED_AS = ['turn', 'makeUp', 'owner', 'designated', 'cover', 'offHours'] as const satisfies readonly ReceiveAs[];
export type ReceivedAs = (typeof RECEIVED_AS)[number];

export interface ConsultantMonth {
  readonly who: StaffId;
  readonly name: string | null;
  /** When they left, if they did (their row stays for the month they worked). */
  readonly departedAt: Instant | null;
  /** Parties received, by ground (ROT-2, ROT-7, ROT-10, ROT-11, ROT-12); a party declined (ROT-4) is taken off its decliner. */
  readonly received: Readonly<Record<ReceivedAs, number>>;
  readonly receivedTotal: number;
  /** Parties declined (ROT-4). */
  readonly declined: number;
  /** Registrations entered for them, and how many were valid (REG-2). */
  readonly registrations: number;
  readonly validRegistrations: number;
  /** Follow-ups logged, and those that reached the customer (OWN-3). */
  readonly followUps: number;
  readonly reached: number;
  /** Customers they own now (OWN-2), as the caller counts them. */
  readonly owned: number;
  /** Orders opened in the month that they closed (DEAL-1). */
  readonly orders: number;
  /** Their performance shares summed over the orders opened in the month (DEAL-3). */
  readonly credit: number;
}

export interface PerformanceInput {
  readonly month: MonthRange;
  /** Facts in seq order; those outside the month are skipped. */
  readonly facts: Iterable<Recorded>;
  readonly staff: Iterable<StaffMember>;
  readonly departed: ReadonlyMap<StaffId, Instant>;
  /** Customers each consultant owns now. */
  readonly ownedNow: (who: StaffId) => number;
  /**
   * Whether an `ordered` fact opened its unit's order (rather than moved it to a later stage). Without it the
   * function learns it from the facts it is given: exact when they start at the beginning of the log.
   */
  readonly opensOrder?: (fact: Recorded & { readonly type: 'ordered' }) => boolean;
  /**
   * The credit of the order an `ordered` fact opened (its id is the fact's seq) as it stands now: a look-back
   * (OWN-6) or a dispute's decision (DEAL-5) may have changed it, a refund voided it, a departure pooled a share
   * (DEAL-2); default: as recorded.
   */
  readonly creditNow?: (orderId: number, unit: UnitId) => Credit | undefined;
}

/**
 * DEAL-5, DEAL-2: the team pool's (团奖) credit from the orders opened in the month — what a dispute with neither
 * side's records complete gave it, and the shares of consultants who left before full payment.
 */
export function poolCreditOfMonth(input: Pick<PerformanceInput, 'month' | 'facts' | 'creditNow'> & Required<Pick<PerformanceInput, 'opensOrder'>>): number {
  let pool = 0;
  for (const f of input.facts) {
    if (f.type !== 'ordered' || f.at < input.month.start || f.at >= input.month.end) continue;
    if (!input.opensOrder(f)) continue;
    pool += (input.creditNow?.(f.seq, f.unit) ?? f.credit).pool ?? 0;
  }
  return Math.round(pool * 1000) / 1000;
}

type Tally = { -readonly [K in Exclude<keyof ConsultantMonth, 'who' | 'name' | 'departedAt' | 'received' | 'owned'>]: number } & { received: Record<ReceivedAs, number> };

const emptyTally = (): Tally => ({
  received: { turn: 0, makeUp: 0, owner: 0, designated: 0, cover: 0, offHours: 0 },
  receivedTotal: 0,
  declined: 0,
  registrations: 0,
  validRegistrations: 0,
  followUps: 0,
  reached: 0,
  orders: 0,
  credit: 0,
});

const isReceived = (as: ReceiveAs | null): as is ReceivedAs => as !== null && (RECEIVED_AS as readonly string[]).includes(as);

/**
 * Every consultant's month, the best first (credit, then parties received): everyone on the roster who had
 * not left before the month began, and anyone else the month's facts name.
 */
export function consultantPerformance(input: PerformanceInput): ConsultantMonth[] {
  const { month } = input;
  const members = new Map<StaffId, StaffMember>();
  for (const s of input.staff) members.set(s.id, s);
  const isConsultant = (who: StaffId | null | undefined): who is StaffId => typeof who === 'string' && members.get(who)?.role === 'consultant';
  const tallies = new Map<StaffId, Tally>();
  const tally = (who: StaffId): Tally => {
    let t = tallies.get(who);
    if (!t) {
      t = emptyTally();
      tallies.set(who, t);
    }
    return t;
  };
  for (const s of members.values()) {
    const left = input.departed.get(s.id);
    if (s.role === 'consultant' && (left === undefined || left >= month.start)) tally(s.id);
  }

  // The ground of each consultant's latest reception, so a decline (ROT-4) takes it back off them.
  const lastReceived = new Map<StaffId, ReceivedAs>();
  const receive = (who: StaffId | null, as: ReceiveAs | null) => {
    if (!isConsultant(who) || !isReceived(as)) return;
    const t = tally(who);
    t.received[as]++;
    t.receivedTotal++;
    lastReceived.set(who, as);
  };
  const orderOf = new Map<UnitId, PhoneKey>();
  const opens = input.opensOrder ?? ((f) => orderOf.get(f.unit) !== f.phone);

  for (const f of input.facts) {
    const inMonth = f.at >= month.start && f.at < month.end;
    if (!inMonth) {
      if (f.type === 'ordered' && !input.opensOrder) orderOf.set(f.unit, f.phone);
      if (f.at >= month.end) break;
      continue;
    }
    switch (f.type) {
      case 'partyArrived':
        receive(f.reception.receiver, f.reception.as);
        break;
      case 'turnDeclined': {
        const as = lastReceived.get(f.who);
        if (isConsultant(f.who)) {
          const t = tally(f.who);
          t.declined++;
          if (as) {
            t.received[as]--;
            t.receivedTotal--;
            lastReceived.delete(f.who);
          }
        }
        receive(f.reception.receiver, f.reception.as);
        break;
      }
      case 'registered': {
        const who = f.for ?? f.by;
        // A correction (REG-6) supersedes an entry already counted: it is not another registration.
        if (!isConsultant(who) || f.corrects !== undefined) break;
        const t = tally(who);
        t.registrations++;
        if (f.valid) t.validRegistrations++;
        break;
      }
      case 'followedUp':
        if (!isConsultant(f.by)) break;
        tally(f.by).followUps++;
        if (f.reached) tally(f.by).reached++;
        break;
      case 'ordered': {
        const opened = opens(f);
        orderOf.set(f.unit, f.phone);
        if (!opened) break;
        if (isConsultant(f.by)) tally(f.by).orders++;
        const credit = input.creditNow?.(f.seq, f.unit) ?? f.credit;
        for (const [who, share] of Object.entries(credit)) if (isConsultant(who)) tally(who).credit += share;
        break;
      }
      default:
        break;
    }
  }

  const rows: ConsultantMonth[] = [...tallies].map(([who, t]) => ({
    who,
    name: members.get(who)?.name ?? null,
    departedAt: input.departed.get(who) ?? null,
    ...t,
    credit: Math.round(t.credit * 1000) / 1000,
    owned: input.ownedNow(who),
  }));
  return rows.sort((a, b) => b.credit - a.credit || b.receivedTotal - a.receivedTotal || a.who.localeCompare(b.who));
}
