// Broker reports (渠道报备), CH-1..5, CH-8, CH-9: whether a report is accepted and whose protection
// covers a customer.
import type { Broker, BrokerId } from './facts.ts';
import type { Policy } from './policy.ts';
import { reason, type Reason, type RecordRef } from './reasons.ts';
import { DAY_MS, MINUTE_MS, type Instant } from './time.ts';

/** Issue 14 item 5: refused reports a broker may file within an hour before reporting is held back (probing). */
export const PROBE_LIMIT = 30;
export const PROBE_WINDOW_MS = 60 * MINUTE_MS;

/** A report as the channel rules see it. */
export interface ReportRecord {
  readonly seq: number;
  readonly at: Instant;
  readonly broker: BrokerId;
  readonly accepted: boolean;
  /** 0 for the first accepted report of this customer, 1 for the second (CH-4). */
  readonly nth: number;
  /** First recognised visit under this report (CH-9 two-stage protection). */
  visitAt: Instant | null;
}

export interface Protection {
  readonly broker: BrokerId;
  readonly until: Instant;
  readonly report: ReportRecord;
  readonly reasons: Reason[];
}

const refOf = (r: ReportRecord): RecordRef => ({ seq: r.seq, type: 'report', at: r.at, by: r.broker });

/** When an accepted report's protection ends (CH-4, CH-9). */
export function protectionEnd(policy: Policy, r: ReportRecord): Instant | null {
  const days = policy.channel.protectionDays[r.nth];
  if (days === undefined) return null;
  if (policy.channel.protectionMode === 'reportToDeal') return r.at + days * DAY_MS;
  const visitBy = r.at + policy.channel.reportToVisitDays * DAY_MS;
  if (r.visitAt !== null && r.visitAt < visitBy) return r.visitAt + policy.channel.visitToDealDays * DAY_MS;
  return visitBy;
}

/** The broker protection covering a customer at `now`, if any. */
export function liveProtection(policy: Policy, reports: readonly ReportRecord[], now: Instant): Protection | null {
  for (let i = reports.length - 1; i >= 0; i--) {
    const r = reports[i] as ReportRecord;
    if (!r.accepted || r.at > now) continue;
    const until = protectionEnd(policy, r);
    if (until === null || now >= until) return null;
    const stage =
      policy.channel.protectionMode === 'reportToVisitToDeal'
        ? reason('CH-9', r.visitAt !== null ? 'visitToDeal' : 'reportToVisit', r.visitAt !== null ? `visited: protected until the deal window ends` : `reported: protected until the visit window ends`, undefined, refOf(r))
        : reason('CH-4', r.nth === 0 ? 'firstReport' : 'secondReport', `${r.nth === 0 ? 'first' : 'second'} report protects ${policy.channel.protectionDays[r.nth]} days`, { broker: r.broker }, refOf(r));
    return { broker: r.broker, until, report: r, reasons: [stage] };
  }
  return null;
}

export interface ReportJudgement {
  readonly accepted: boolean;
  readonly nth: number;
  readonly reasons: Reason[];
}

/**
 * CH-2..4, CH-10: a report is accepted when the broker is approved, the customer has no protected internal
 * owner, no live broker protection (any broker's), and fewer accepted reports than `channel.protectionDays`
 * has entries (standard two: 60 then 30 days).
 */
export function judgeReport(policy: Policy, broker: Broker, reports: readonly ReportRecord[], internalOwner: string | null, now: Instant, lastArrival: Instant | null = null): ReportJudgement {
  const accepted = reports.filter((r) => r.accepted);
  const nth = accepted.length;
  if (!broker.approved) return { accepted: false, nth, reasons: [reason('CH-2', 'brokerNotApproved', `${broker.id} is not an approved broker`, { broker: broker.id })] };
  if (internalOwner !== null) return { accepted: false, nth, reasons: [reason('CH-3', 'customerOwned', `the customer is already registered and protected (owner ${internalOwner})`, { owner: internalOwner })] };
  // CH-10: a customer who came in on their own within the protection period is a natural visitor, no broker's.
  if (lastArrival !== null && lastArrival <= now && now - lastArrival < policy.ownership.protectionDays * DAY_MS)
    return { accepted: false, nth, reasons: [reason('CH-10', 'naturalVisitor', `the customer came in on their own less than ${policy.ownership.protectionDays} days ago (自然到访): no broker's`, { at: lastArrival, days: policy.ownership.protectionDays })] };
  const live = liveProtection(policy, reports, now);
  if (live) return { accepted: false, nth, reasons: [reason('CH-3', 'brokerProtected', `the customer is under ${live.broker}'s protection`, { broker: live.broker }, refOf(live.report))] };
  if (nth >= policy.channel.protectionDays.length)
    return { accepted: false, nth, reasons: [reason('CH-4', 'reportsExhausted', `already reported ${nth} times; no further report`, { count: nth })] };
  const days = policy.channel.protectionMode === 'reportToDeal' ? policy.channel.protectionDays[nth] : policy.channel.reportToVisitDays;
  return { accepted: true, nth, reasons: [reason(nth === 0 ? 'CH-4' : 'CH-4', 'reportAccepted', `report accepted: protected ${days} days`, { broker: broker.id, days: days ?? null })] };
}

export interface ArrivalChannel {
  readonly channel: BrokerId | null;
  readonly report: ReportRecord | null;
  readonly reasons: Reason[];
}

/** CH-5: a broker's visit is recognised when their protection is live and, for a distributor, reported at least `minLeadMinutes` before. */
export function judgeArrivalChannel(policy: Policy, broker: Broker, reports: readonly ReportRecord[], now: Instant): ArrivalChannel {
  const live = liveProtection(policy, reports, now);
  if (!live) return { channel: null, report: null, reasons: [reason('CH-3', 'noLiveReport', `${broker.id} has no live report for this customer`, { broker: broker.id })] };
  if (live.broker !== broker.id) return { channel: null, report: null, reasons: [reason('CH-3', 'otherBrokerProtects', `the customer is under ${live.broker}'s protection, not ${broker.id}'s`, { broker: live.broker })] };
  const lead = policy.channel.minLeadMinutes * MINUTE_MS;
  if (broker.kind === 'distributor' && now - live.report.at < lead)
    return { channel: null, report: null, reasons: [reason('CH-5', 'reportTooLate', `a distributor must report at least ${policy.channel.minLeadMinutes} minutes before the visit`, { minutes: policy.channel.minLeadMinutes })] };
  return { channel: broker.id, report: live.report, reasons: [reason('CH-5', 'visitRecognised', `${broker.id}'s visit is recognised`, { broker: broker.id }), ...live.reasons] };
}
