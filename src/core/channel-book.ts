// The broker side's records, indexed for its questions (CH-1, CH-2, CH-5..8, CH-10): each broker's
// application and its decision, each broker's reports, the broker-brought arrivals with their exit,
// confirmation and manual check, and which report's escort code was used. Folded by the engine from the
// facts, never stored as truth: the answers (status, protection) are derived at reading time.
import type { Broker, BrokerId, BrokerProfile, Fact, Recorded, StaffId } from './facts.ts';
import type { PhoneKey } from './phone.ts';
import type { Instant } from './time.ts';
import type { ReportRecord } from './channel.rules.ts';

export type BrokerStanding = 'pending' | 'approved' | 'rejected';

export interface BrokerApplicationRecord {
  profile: BrokerProfile;
  appliedSeq: number | null;
  appliedAt: Instant | null;
  enteredBy: StaffId | null;
  status: BrokerStanding;
  decidedAt: Instant | null;
  decidedBy: StaffId | null;
  reason: string | null;
}

export interface BrokerReportEntry {
  readonly seq: number;
  readonly at: Instant;
  readonly broker: BrokerId;
  /** The normalised phone, or the mask (CH-8). */
  readonly key: string;
  readonly masked: boolean;
  readonly name: string | null;
  readonly accepted: boolean;
  readonly refusedFor: string | null;
  readonly expectedAt: Instant | null;
  readonly manualCheck: boolean;
}

export type ConfirmationOutcome = 'confirmed' | 'refused' | 'fake';

export interface BrokerArrival {
  readonly seq: number;
  readonly at: Instant;
  readonly broker: BrokerId;
  readonly phone: PhoneKey | null;
  readonly name: string | null;
  readonly channel: BrokerId | null;
  readonly receiver: StaffId | null;
  readonly escortOf: number | null;
  readonly manualCheck: boolean;
  leftAt: Instant | null;
  confirmation: { readonly outcome: ConfirmationOutcome; readonly by: StaffId; readonly at: Instant; readonly reason: string | null } | null;
}

export interface ManualDecision {
  readonly seq: number;
  readonly at: Instant;
  readonly by: StaffId;
  readonly recognised: boolean;
  readonly phone: PhoneKey | null;
  readonly reason: string;
}

export class ChannelBook {
  readonly applications = new Map<BrokerId, BrokerApplicationRecord>();
  readonly reportsByBroker = new Map<BrokerId, BrokerReportEntry[]>();
  readonly reports = new Map<number, BrokerReportEntry>();
  /** The engine's own report records (with the CH-9 visit), by seq: registered by the engine as it folds them. */
  readonly records = new Map<number, ReportRecord>();
  readonly arrivals = new Map<number, BrokerArrival>();
  /** CH-10: the report whose escort code admitted an arrival → that arrival (single use). */
  readonly escortUsed = new Map<number, number>();
  /** CH-8: the channel assistant's decisions, by the seq of the arrival or report decided. */
  readonly manualDecisions = new Map<number, ManualDecision>();
  /** CH-7: violations by the broker (fake customers) and by the consultant (refused confirmations). */
  readonly brokerViolations = new Map<BrokerId, number>();
  readonly staffViolations = new Map<StaffId, number>();

  /** Folds one fact; `brokers` is the engine's broker list, kept in step with the applications (CH-2). */
  apply(fact: Recorded, brokers: Map<BrokerId, Broker>): void {
    switch (fact.type) {
      case 'brokerListed': {
        const b = fact.broker;
        this.applications.set(b.id, {
          profile: { id: b.id, kind: b.kind, name: b.name ?? b.id, ...pickDefined(b) },
          appliedSeq: null,
          appliedAt: null,
          enteredBy: null,
          status: b.approved ? 'approved' : 'pending',
          decidedAt: b.approved ? fact.at : null,
          decidedBy: null,
          reason: null,
        });
        return;
      }
      case 'brokerApplied': {
        const p = fact.broker;
        this.applications.set(p.id, { profile: p, appliedSeq: fact.seq, appliedAt: fact.at, enteredBy: fact.by ?? null, status: 'pending', decidedAt: null, decidedBy: null, reason: null });
        brokers.set(p.id, { id: p.id, kind: p.kind, approved: false, name: p.name, ...pickDefined(p) });
        return;
      }
      case 'brokerApproved':
      case 'brokerRejected': {
        const app = this.applications.get(fact.broker);
        const approved = fact.type === 'brokerApproved';
        if (app) Object.assign(app, { status: approved ? 'approved' : 'rejected', decidedAt: fact.at, decidedBy: fact.by, reason: fact.type === 'brokerRejected' ? fact.reason : null });
        const b = brokers.get(fact.broker);
        if (b) brokers.set(fact.broker, { ...b, approved });
        return;
      }
      case 'reported': {
        const entry: BrokerReportEntry = {
          seq: fact.seq,
          at: fact.at,
          broker: fact.broker,
          key: fact.phone,
          masked: fact.masked,
          name: fact.name ?? null,
          accepted: fact.accepted,
          refusedFor: fact.refusedFor ?? null,
          expectedAt: fact.expectedAt ?? null,
          manualCheck: fact.manualCheck === true,
        };
        this.reports.set(fact.seq, entry);
        const list = this.reportsByBroker.get(fact.broker) ?? [];
        list.push(entry);
        this.reportsByBroker.set(fact.broker, list);
        return;
      }
      case 'partyArrived': {
        if (fact.broker === undefined) return;
        this.arrivals.set(fact.seq, {
          seq: fact.seq,
          at: fact.at,
          broker: fact.broker,
          phone: fact.phone ?? null,
          name: fact.name ?? null,
          channel: fact.channel,
          receiver: fact.reception.receiver,
          escortOf: fact.escortOf ?? null,
          manualCheck: fact.manualCheck === true,
          leftAt: null,
          confirmation: null,
        });
        if (fact.escortOf !== undefined) this.escortUsed.set(fact.escortOf, fact.seq);
        return;
      }
      case 'partyLeft': {
        const a = this.arrivals.get(fact.arrival);
        if (a) a.leftAt = fact.at;
        return;
      }
      case 'viewingConfirmed':
      case 'confirmationRefused':
      case 'fakeCustomerMarked': {
        const a = this.arrivals.get(fact.arrival);
        const outcome: ConfirmationOutcome = fact.type === 'viewingConfirmed' ? 'confirmed' : fact.type === 'confirmationRefused' ? 'refused' : 'fake';
        if (a) a.confirmation = { outcome, by: fact.by, at: fact.at, reason: fact.type === 'viewingConfirmed' ? null : fact.reason };
        if (fact.type === 'fakeCustomerMarked') this.brokerViolations.set(fact.broker, (this.brokerViolations.get(fact.broker) ?? 0) + 1);
        if (fact.type === 'confirmationRefused') this.staffViolations.set(fact.by, (this.staffViolations.get(fact.by) ?? 0) + 1);
        return;
      }
      case 'manualCheckDecided':
        this.manualDecisions.set(fact.ref, { seq: fact.seq, at: fact.at, by: fact.by, recognised: fact.recognised, phone: fact.phone ?? null, reason: fact.reason });
        return;
      default:
        return;
    }
  }

  /** The brokers of a company (CH-1), for a company lead's reads. */
  companyBrokers(company: string): BrokerId[] {
    const out: BrokerId[] = [];
    for (const [id, app] of this.applications) if (app.profile.company === company) out.push(id);
    return out;
  }

  /** A broker's refused reports in the window ending at `now` (issue 14 item 5: probing). */
  refusedSince(broker: BrokerId, since: Instant): number {
    const list = this.reportsByBroker.get(broker) ?? [];
    let n = 0;
    for (let i = list.length - 1; i >= 0; i--) {
      const r = list[i] as BrokerReportEntry;
      if (r.at < since) break;
      if (!r.accepted) n++;
    }
    return n;
  }
}

function pickDefined(b: { readonly company?: string; readonly store?: string; readonly companyLead?: boolean }): { company?: string; store?: string; companyLead?: boolean } {
  return { ...(b.company !== undefined ? { company: b.company } : {}), ...(b.store !== undefined ? { store: b.store } : {}), ...(b.companyLead !== undefined ? { companyLead: b.companyLead } : {}) };
}

/** Fact types only the broker side folds (the engine hands them to the book and does nothing else). */
export type ChannelOnlyFact = Extract<Fact, { type: 'brokerApplied' | 'brokerApproved' | 'brokerRejected' | 'partyLeft' | 'viewingConfirmed' | 'confirmationRefused' | 'fakeCustomerMarked' }>;
