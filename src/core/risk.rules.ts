// RISK-1: anomaly alerts for the patterns that precede customer theft (截客) and deals moved outside (飞单).
// Pure: a function of the recorded facts and the thresholds (no clock; the caller chooses the facts, e.g.
// the last month's). Each alert names the records that raised it, so the manager can open them.
//   repeatedEdits      one consultant writing a customer's details again and again (registrations of one
//                      phone by one consultant), `edits` times within `editWindowDays`;
//   manyFollowers      `followers` different consultants following one customer within `followWindowHours`;
//   brokerHopping      one customer reported by `brokers` different brokers within `brokerWindowDays`;
//   reportAfterArrival a broker report filed within `reportAfterArrivalMinutes` after the customer's own first
//                      arrival with no broker (the broker saw them walk in, then reported them).
// One alert per pattern and customer (and consultant), at the fact that crossed the threshold.
import type { Recorded } from './facts.ts';
import { normalisePhone, type PhoneKey } from './phone.ts';
import type { Instant } from './time.ts';

export interface RiskThresholds {
  readonly edits: number;
  readonly editWindowDays: number;
  readonly followers: number;
  readonly followWindowHours: number;
  readonly brokers: number;
  readonly brokerWindowDays: number;
  readonly reportAfterArrivalMinutes: number;
}

export const STANDARD_RISK: RiskThresholds = Object.freeze({ edits: 3, editWindowDays: 7, followers: 3, followWindowHours: 72, brokers: 2, brokerWindowDays: 30, reportAfterArrivalMinutes: 180 });

export type RiskKind = 'repeatedEdits' | 'manyFollowers' | 'brokerHopping' | 'reportAfterArrival';

export interface RiskAlert {
  readonly kind: RiskKind;
  readonly phone: PhoneKey;
  /** The consultant (repeatedEdits) or broker (reportAfterArrival) the pattern points at. */
  readonly who: string | null;
  readonly at: Instant;
  /** The seqs of the records that raised the alert, oldest first. */
  readonly records: readonly number[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Touch {
  readonly seq: number;
  readonly at: Instant;
  readonly who: string;
}

/** The touches within `window` before (and at) the last one. */
function recent(list: readonly Touch[], window: number): Touch[] {
  const last = list[list.length - 1];
  return last ? list.filter((t) => t.at > last.at - window) : [];
}

export function riskAlerts(facts: readonly Recorded[], thresholds: RiskThresholds = STANDARD_RISK): RiskAlert[] {
  const alerts: RiskAlert[] = [];
  const raised = new Set<string>();
  const raise = (key: string, alert: RiskAlert) => {
    if (raised.has(key)) return;
    raised.add(key);
    alerts.push(alert);
  };
  const edits = new Map<string, Touch[]>();
  const follows = new Map<PhoneKey, Touch[]>();
  const reports = new Map<PhoneKey, Touch[]>();
  const firstArrival = new Map<PhoneKey, { seq: number; at: Instant; broker: boolean }>();

  for (const f of facts) {
    if (f.type === 'registered' && f.phone) {
      const consultant = f.for ?? f.by;
      const key = `${f.phone}|${consultant}`;
      const list = [...(edits.get(key) ?? []), { seq: f.seq, at: f.at, who: consultant }];
      edits.set(key, list);
      const window = recent(list, thresholds.editWindowDays * DAY);
      if (window.length >= thresholds.edits) raise(`edits|${key}`, { kind: 'repeatedEdits', phone: f.phone, who: consultant, at: f.at, records: window.map((t) => t.seq) });
    }
    if ((f.type === 'followedUp' || f.type === 'registered') && f.phone) {
      const who = f.type === 'registered' ? (f.for ?? f.by) : f.by;
      const list = [...(follows.get(f.phone) ?? []), { seq: f.seq, at: f.at, who }];
      follows.set(f.phone, list);
      const window = recent(list, thresholds.followWindowHours * HOUR);
      if (new Set(window.map((t) => t.who)).size >= thresholds.followers) raise(`follows|${f.phone}`, { kind: 'manyFollowers', phone: f.phone, who: null, at: f.at, records: window.map((t) => t.seq) });
    }
    if (f.type === 'partyArrived' && f.phone && !firstArrival.has(f.phone)) firstArrival.set(f.phone, { seq: f.seq, at: f.at, broker: f.broker !== undefined });
    if (f.type === 'reported' && !f.masked) {
      const phone = normalisePhone(f.phone);
      if (phone === null) continue;
      const list = [...(reports.get(phone) ?? []), { seq: f.seq, at: f.at, who: f.broker }];
      reports.set(phone, list);
      const window = recent(list, thresholds.brokerWindowDays * DAY);
      if (new Set(window.map((t) => t.who)).size >= thresholds.brokers) raise(`brokers|${phone}`, { kind: 'brokerHopping', phone, who: null, at: f.at, records: window.map((t) => t.seq) });
      const arrival = firstArrival.get(phone);
      if (arrival && !arrival.broker && f.at >= arrival.at && f.at - arrival.at <= thresholds.reportAfterArrivalMinutes * 60_000) {
        raise(`late|${phone}|${f.broker}`, { kind: 'reportAfterArrival', phone, who: f.broker, at: f.at, records: [arrival.seq, f.seq] });
      }
    }
  }
  return alerts;
}
