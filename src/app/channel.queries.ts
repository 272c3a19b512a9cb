// The broker side's reads (CH-1..10), in domain terms: a broker's reports with their status, a report's
// liveness (for its escort code), and the channel assistant's workspace. Pure functions of the engine and
// `now`; the API's presenters mask customers and word times.
import type { BrokerApplicationRecord, BrokerArrival, BrokerReportEntry, ConfirmationOutcome } from '../core/channel-book.ts';
import { protectionEnd, PROBE_LIMIT, PROBE_WINDOW_MS, type ReportRecord } from '../core/channel.rules.ts';
import type { Engine } from '../core/engine.ts';
import type { BrokerId, StaffId } from '../core/facts.ts';
import { maskPhone, type PhoneKey } from '../core/phone.ts';
import { reason, type Reason } from '../core/reasons.ts';
import type { Instant } from '../core/time.ts';

export type ReportStatus = 'protected' | 'visited' | 'lapsed' | 'refused';
export type ProtectionStage = 'reportToDeal' | 'reportToVisit' | 'visitToDeal';

export interface BrokerReportRow {
  readonly entry: BrokerReportEntry;
  readonly status: ReportStatus;
  readonly stage: ProtectionStage | null;
  readonly protectedUntil: Instant | null;
  readonly visitedAt: Instant | null;
  readonly escortAvailable: boolean;
  /** What the broker is told: never the owner or a rival broker (issue 14 item 5). */
  readonly reasons: Reason[];
}

/** Whether a report protects its customer at `now`, and until when (CH-4, CH-9). */
export function reportLiveness(engine: Engine, seq: number, now: Instant): { record: ReportRecord; until: Instant } | null {
  const record = engine.channelBook.records.get(seq);
  if (!record || !record.accepted || record.at > now) return null;
  const until = protectionEnd(engine.policy, record);
  return until !== null && now < until ? { record, until } : null;
}

function stageOf(engine: Engine, record: ReportRecord): ProtectionStage {
  if (engine.policy.channel.protectionMode === 'reportToDeal') return 'reportToDeal';
  return record.visitAt !== null ? 'visitToDeal' : 'reportToVisit';
}

/** A refusal as an outside party may hear it: "already protected", never whose (issue 14 item 5). */
export function outsiderReasons(refusedFor: string | null): Reason[] {
  switch (refusedFor) {
    case 'brokerNotApproved':
      return [reason('CH-2', 'brokerNotApproved', 'you are not an approved broker yet: the report is refused')];
    case 'naturalVisitor':
      return [reason('CH-10', 'naturalVisitor', 'the customer came in on their own (自然到访): no broker’s')];
    case 'reportsExhausted':
      return [reason('CH-4', 'reportsExhausted', 'this customer was already reported twice: no further report')];
    default:
      return [reason('CH-3', 'alreadyProtected', 'the customer is already protected')];
  }
}

/** Rewrites a report answer's reasons for a broker: the refusals say only "already protected". */
export function reasonsForBroker(reasons: readonly Reason[], accepted: boolean): Reason[] {
  if (accepted) return reasons.filter((r) => r.rule !== 'OWN-1' && r.code !== 'customerOwned' && r.code !== 'brokerProtected');
  return outsiderReasons(reasons[0]?.code ?? null);
}

export function brokerReportRow(engine: Engine, entry: BrokerReportEntry, now: Instant): BrokerReportRow {
  const base = { entry, visitedAt: null, stage: null, protectedUntil: null, escortAvailable: false };
  if (!entry.accepted) return { ...base, status: 'refused', reasons: outsiderReasons(entry.refusedFor) };
  const record = engine.channelBook.records.get(entry.seq);
  const visitedAt = record?.visitAt ?? null;
  const live = reportLiveness(engine, entry.seq, now);
  const used = engine.channelBook.escortUsed.has(entry.seq);
  if (!live || !record) {
    return { ...base, visitedAt, status: visitedAt !== null ? 'visited' : 'lapsed', reasons: [reason('CH-4', 'reportLapsed', 'the protection of this report has ended')] };
  }
  const stage = stageOf(engine, record);
  const words = stage === 'visitToDeal' ? 'visited: protected until the deal window ends' : stage === 'reportToVisit' ? 'reported: protected until the visit window ends' : 'protected until the report’s period ends';
  return {
    entry,
    status: visitedAt !== null ? 'visited' : 'protected',
    stage,
    protectedUntil: live.until,
    visitedAt,
    escortAvailable: !used && visitedAt === null,
    reasons: [reason(stage === 'reportToDeal' ? 'CH-4' : 'CH-9', stage === 'reportToDeal' ? 'reportProtected' : stage, words, { until: live.until })],
  };
}

/** The brokers whose reports a broker may read: their own; a company lead, the company's (CH-1). */
export function readableBrokers(engine: Engine, broker: BrokerId, scope: 'own' | 'company'): BrokerId[] {
  if (scope === 'own') return [broker];
  const app = engine.channelBook.applications.get(broker);
  const company = app?.profile.company;
  if (!company || !app.profile.companyLead) return [broker];
  return engine.channelBook.companyBrokers(company);
}

/** GET /channel/my-reports: newest first. */
export function myReports(engine: Engine, brokers: readonly BrokerId[], now: Instant): BrokerReportRow[] {
  const rows: BrokerReportRow[] = [];
  for (const b of brokers) for (const e of engine.channelBook.reportsByBroker.get(b) ?? []) rows.push(brokerReportRow(engine, e, now));
  return rows.sort((a, b) => b.entry.seq - a.entry.seq);
}

// ---- the channel assistant's workspace ----

export interface WorkspaceCustomer {
  /** A full phone, or a mask as reported (CH-8). */
  readonly key: string;
  readonly masked: boolean;
  readonly name: string | null;
}

export interface ChannelWorkspaceData {
  readonly expectedToday: { report: number; broker: BrokerId; customer: WorkspaceCustomer; expectedAt: Instant; arrived: boolean }[];
  readonly pendingApprovals: BrokerApplicationRecord[];
  readonly manualChecks: { ref: number; kind: 'arrival' | 'report'; at: Instant; broker: BrokerId; mask: string; candidates: PhoneKey[] }[];
  readonly confirmationsOutstanding: { arrival: number; at: Instant; broker: BrokerId; customer: WorkspaceCustomer; receiver: StaffId | null; leftAt: Instant | null }[];
  readonly naturalVisits: { report: number; at: Instant; broker: BrokerId; customer: WorkspaceCustomer }[];
  readonly probes: { broker: BrokerId; refusedLastHour: number; limited: boolean }[];
  readonly ranking: { broker: BrokerId; company: string | null; reports: number; accepted: number; visits: number; deals: number; violations: number }[];
}

const customerOf = (e: BrokerReportEntry): WorkspaceCustomer => ({ key: e.key, masked: e.masked, name: e.name });

export function channelWorkspace(engine: Engine, now: Instant): ChannelWorkspaceData {
  const book = engine.channelBook;
  const today = engine.dayOf(now);
  const style = engine.policy.channel.reportNumber;
  const expectedToday: ChannelWorkspaceData['expectedToday'] = [];
  const naturalVisits: ChannelWorkspaceData['naturalVisits'] = [];
  const manualChecks: ChannelWorkspaceData['manualChecks'] = [];
  for (const e of book.reports.values()) {
    if (e.accepted && e.expectedAt !== null && engine.dayOf(e.expectedAt) === today) {
      const record = book.records.get(e.seq);
      expectedToday.push({ report: e.seq, broker: e.broker, customer: customerOf(e), expectedAt: e.expectedAt, arrived: (record?.visitAt ?? null) !== null || book.escortUsed.has(e.seq) });
    }
    if (e.refusedFor === 'naturalVisitor' && engine.dayOf(e.at) === today) naturalVisits.push({ report: e.seq, at: e.at, broker: e.broker, customer: customerOf(e) });
    if (e.manualCheck && !book.manualDecisions.has(e.seq) && style !== 'full')
      manualChecks.push({ ref: e.seq, kind: 'report', at: e.at, broker: e.broker, mask: e.key, candidates: engine.customersFittingMask(e.key, style, null) });
  }
  const confirmationsOutstanding: ChannelWorkspaceData['confirmationsOutstanding'] = [];
  for (const a of book.arrivals.values()) {
    if (a.manualCheck && !book.manualDecisions.has(a.seq) && a.phone !== null && style !== 'full') {
      const mask = maskPhone(a.phone, style) ?? a.phone;
      manualChecks.push({ ref: a.seq, kind: 'arrival', at: a.at, broker: a.broker, mask, candidates: engine.customersFittingMask(mask, style, null) });
    }
    if (confirmationOwed(engine, a)) confirmationsOutstanding.push(outstandingRow(engine, a));
  }
  const pendingApprovals = [...book.applications.values()].filter((x) => x.status === 'pending');
  const since = now - PROBE_WINDOW_MS;
  const probes: ChannelWorkspaceData['probes'] = [];
  const ranking: ChannelWorkspaceData['ranking'] = [];
  for (const [broker, list] of book.reportsByBroker) {
    const refused = book.refusedSince(broker, since);
    if (refused > 0) probes.push({ broker, refusedLastHour: refused, limited: refused >= PROBE_LIMIT });
    const accepted = list.filter((e) => e.accepted).length;
    // A visit is a recognised arrival (CH-5, or CH-8 by hand); a deal, an order the visited customer placed after it.
    const visited = new Map<PhoneKey, Instant>();
    for (const a of book.arrivals.values()) {
      const recognised = a.channel === broker || (a.broker === broker && book.manualDecisions.get(a.seq)?.recognised === true);
      if (recognised && a.phone !== null && !visited.has(a.phone)) visited.set(a.phone, a.at);
    }
    let deals = 0;
    for (const [phone, at] of visited) if (dealAfter(engine, phone, at)) deals++;
    const visits = visited.size;
    ranking.push({ broker, company: book.applications.get(broker)?.profile.company ?? null, reports: list.length, accepted, visits, deals, violations: book.brokerViolations.get(broker) ?? 0 });
  }
  probes.sort((a, b) => b.refusedLastHour - a.refusedLastHour);
  ranking.sort((a, b) => b.deals - a.deals || b.visits - a.visits || b.accepted - a.accepted || a.broker.localeCompare(b.broker));
  expectedToday.sort((a, b) => a.expectedAt - b.expectedAt);
  return { expectedToday, pendingApprovals, manualChecks, confirmationsOutstanding, naturalVisits, probes, ranking };
}

/** Whether the customer (a full number) ordered a unit after the visit: a deal the broker brought. */
function dealAfter(engine: Engine, key: string, visitAt: Instant): boolean {
  for (const order of engine.allOrders.values()) if (order.phone === key && order.firstAt >= visitAt) return true;
  return false;
}

// ---- channel-finish (issue 10): the settled state of broker-brought parties, for the desk and the consultant ----

type OutstandingRow = ChannelWorkspaceData['confirmationsOutstanding'][number];

/** Whether the broker's visit was recognised at the arrival (CH-5) or by the channel assistant's hand (CH-8). */
function recognisedVisit(engine: Engine, a: BrokerArrival): boolean {
  return a.channel !== null || engine.channelBook.manualDecisions.get(a.seq)?.recognised === true;
}

/** CH-7: a recognised visit owes a viewing confirmation until it is confirmed, refused or marked fake. */
function confirmationOwed(engine: Engine, a: BrokerArrival): boolean {
  return a.confirmation === null && a.phone !== null && recognisedVisit(engine, a);
}

function arrivalCustomer(engine: Engine, a: BrokerArrival): WorkspaceCustomer {
  return { key: a.phone ?? '', masked: false, name: a.name ?? (a.phone !== null ? (engine.customers.get(a.phone)?.name ?? null) : null) };
}

function outstandingRow(engine: Engine, a: BrokerArrival): OutstandingRow {
  return { arrival: a.seq, at: a.at, broker: a.broker, customer: arrivalCustomer(engine, a), receiver: a.receiver, leftAt: a.leftAt };
}

/** GET /channel/my-confirmations: the viewing confirmations `staff` received a party for and still owes (CH-7), earliest first. */
export function confirmationsOwedBy(engine: Engine, staff: StaffId): OutstandingRow[] {
  const rows: OutstandingRow[] = [];
  for (const a of engine.channelBook.arrivals.values()) if (a.receiver === staff && confirmationOwed(engine, a)) rows.push(outstandingRow(engine, a));
  return rows.sort((x, y) => x.arrival - y.arrival);
}

export interface EscortedPartyRow extends OutstandingRow {
  readonly recognised: boolean;
  readonly confirmation: ConfirmationOutcome | null;
}

/** GET /channel/escorted-today: the broker-brought parties that arrived today (CH-6), with their exit and confirmation, earliest first. */
export function escortedToday(engine: Engine, now: Instant): EscortedPartyRow[] {
  const today = engine.dayOf(now);
  const rows: EscortedPartyRow[] = [];
  for (const a of engine.channelBook.arrivals.values())
    if (a.at <= now && engine.dayOf(a.at) === today) rows.push({ ...outstandingRow(engine, a), recognised: recognisedVisit(engine, a), confirmation: a.confirmation?.outcome ?? null });
  return rows.sort((x, y) => x.arrival - y.arrival);
}
