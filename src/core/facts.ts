// The recorded facts: what happened on the floor, appended once and never changed (REG-1, SEC-3).
// A fact carries the answer the office was given when it happened (who received the party, whether a
// registration was valid or a report accepted, the credit of an order): what was said is history.
// Ownership and protection are not stored: the rules derive them from the facts at any instant.
import type { Policy } from './policy.ts';
import type { Instant } from './time.ts';
import type { PhoneKey } from './phone.ts';
import type { Reason } from './reasons.ts';
import type { Sanction, ViolationRule } from './violation.rules.ts';

export type StaffId = string;
export type BrokerId = string;
export type UnitId = string;

export type Role = 'consultant' | 'manager' | 'supervisor' | 'frontdesk' | 'channelAssistant';
export type BrokerKind = 'agency' | 'distributor' | 'individual';
export type AwayReason = 'private' | 'business';
export type ReceiveAs = 'turn' | 'makeUp' | 'owner' | 'designated' | 'cover' | 'nonCustomer' | 'offHours';
export type RegisterVia = 'visit' | 'call';
export type ContactVia = 'call' | 'sms' | 'visit' | 'wechat';
/** 诚意度 / B级卡 grade of a customer's intent: A ready to buy soon … D no buying intent. */
export type Intent = 'A' | 'B' | 'C' | 'D';
export const INTENTS: readonly Intent[] = ['A', 'B', 'C', 'D'];
/**
 * What a follow-up recorded (客户跟进表 / B级卡, DEAL-5's evidence): what was said, the customer's intent, the
 * next step and the local day it is due (YYYY-MM-DD). `said` and `next` are personal data (the vault keeps them).
 */
export interface FollowUpNote {
  readonly said?: string;
  readonly intent?: Intent;
  readonly next?: string;
  readonly nextOn?: string;
}

/** The note a follow-up fact carries, if it carries one (for the ownership walk's record of it). */
export function followUpNote(f: FollowUpNote): FollowUpNote | null {
  const note: { -readonly [K in keyof FollowUpNote]: FollowUpNote[K] } = {};
  if (f.said !== undefined) note.said = f.said;
  if (f.intent !== undefined) note.intent = f.intent;
  if (f.next !== undefined) note.next = f.next;
  if (f.nextOn !== undefined) note.nextOn = f.nextOn;
  return Object.keys(note).length > 0 ? note : null;
}
export type Relation = 'spouse' | 'parent' | 'child' | 'sibling' | 'grandparent';
export type DealStage = 'smallDeposit' | 'deposit' | 'subscription' | 'contract' | 'fullPayment';
/** DEAL-2: the order of an order's stages; a stage may be skipped, never repeated or undone. */
export const DEAL_STAGES = ['smallDeposit', 'deposit', 'subscription', 'contract', 'fullPayment'] as const satisfies readonly DealStage[];
/** How an order ends without a sale (DEAL-2): 退房 (the buyer withdraws) or 违约 (the buyer defaults). */
export type OrderEnd = 'refund' | 'default';
/** 换名 (the buyer is replaced) or 加名 (a co-buyer is added), DEAL-2. */
export type BuyerChange = 'rename' | 'addName';

export interface StaffMember {
  readonly id: StaffId;
  readonly role: Role;
  readonly team?: string;
  readonly name?: string;
}
export interface Broker {
  readonly id: BrokerId;
  readonly kind: BrokerKind;
  readonly approved: boolean;
  /** CH-1: the channel company (中介/分销公司) and store; a lead sees the company's reports. */
  readonly company?: string;
  readonly store?: string;
  readonly companyLead?: boolean;
  readonly name?: string;
}
/** CH-1: who applies to report: an individual (全民经纪人) or a channel company's broker in a store. */
export interface BrokerProfile {
  readonly id: BrokerId;
  readonly kind: BrokerKind;
  readonly company?: string;
  readonly store?: string;
  readonly companyLead?: boolean;
  readonly name: string;
}
/** A unit for sale (DEAL-1): its place in the building, what it is, and its list price in yuan. */
export interface Unit {
  readonly id: UnitId;
  /** 楼栋 */ readonly building?: string;
  /** 单元 (entrance), when the building has several. */ readonly unitNo?: string;
  readonly floor?: number;
  /** 房号 */ readonly room?: string;
  /** 户型 */ readonly layout?: string;
  /** 建筑面积, m². */ readonly area?: number;
  /** 总价 (list price), yuan. */ readonly price?: number;
}

/** What a party that walked in was told: who received it and on what ground. */
export interface Reception {
  readonly receiver: StaffId | null;
  readonly as: ReceiveAs | null;
  /** The rotation unit whose turn it was (a team under ROT-13), when the queue moved. */
  readonly turnOf?: string;
}

/** REG-3: the names of the register's further fields (the scenario reader and the what-if list them from here). */
export const REGISTER_DETAIL_FIELDS = ['phone2', 'address', 'district', 'source', 'propertyType', 'units', 'budget', 'grade', 'carBrand'] as const;

/** REG-3 (reports): the register's further fields, all optional so older entries keep working. */
export interface RegisterDetails {
  /** Other phone numbers the customer gave (personal data, kept in the vault). */
  readonly phone2?: string;
  /** 工作单位或住址 (personal data, kept in the vault). */
  readonly address?: string;
  /** 区域 (from `registerOptions.districts`). */
  readonly district?: string;
  /** 认知途径: how they heard of the project (from `registerOptions.sources`). */
  readonly source?: string;
  /** 物业类型 (from `registerOptions.propertyTypes`). */
  readonly propertyType?: string;
  /** 意向房源: the units they are interested in, as written. */
  readonly units?: string;
  /** 预算, in 万元. */
  readonly budget?: number;
  /** 诚意度 (from `registerOptions.grades`). */
  readonly grade?: string;
  /** 车辆品牌. */
  readonly carBrand?: string;
}

/** Outreach registration sites (REG-10): 展点 (a stand off-site) and 外拓 (canvassing). */
export type OutreachSite = 'stand' | 'canvass';

/** Register hygiene (issue 12.2): what an entry says about itself besides the customer. All optional. */
export interface RegisterHygiene {
  /** REG-6: the entry (its seq) this one corrects and supersedes; both stay visible. */
  readonly corrects?: number;
  /** REG-5: the visit happened earlier (`visitedAt`): the entry waits for the manager and is marked late. */
  readonly late?: { readonly visitedAt: Instant };
  /** REG-9: the arrival (its seq) of the group this household came in with. */
  readonly group?: number;
  /** REG-10: registered off-site, with the time the proof SMS was sent and whether it matched, as judged. */
  readonly outreach?: { readonly site: OutreachSite; readonly smsAt: Instant | null; readonly proofMatches: boolean };
  /** REG-7: how a visitor who gave no phone looked (personal data, kept in the vault). */
  readonly appearance?: string;
  /** REG-11, OWN-8: the old customer who introduced this one. */
  readonly referrer?: PhoneKey;
}

/**
 * An entry of a paper-era register brought in by the 登记导入 (issue 11.4; REG-5: a late entry with the
 * approving manager). The fact's own `at` is when it was written into the log (the log is in time order);
 * `at` here is when the visit, call or follow-up happened, and the ownership walk places it there.
 */
export interface ImportMark {
  /** The import batch (one file committed by one manager). */
  readonly batch: string;
  /** The manager who approved the import. */
  readonly approvedBy: StaffId;
  /** The row of the file the entry came from, as Excel numbers it. */
  readonly row: number;
  /** When it happened, as the register wrote it. */
  readonly at: Instant;
}

interface FactShape<T extends string> {
  readonly type: T;
  readonly at: Instant;
}

export type Fact =
  | (FactShape<'staffJoined'> & { readonly staff: StaffMember })
  | (FactShape<'brokerListed'> & { readonly broker: Broker })
  | (FactShape<'unitListed'> & { readonly unit: Unit; readonly by?: StaffId })
  /** A unit's description replaced by a new one (a correction or a price change); never an update in place. */
  | (FactShape<'unitEdited'> & { readonly unit: Unit; readonly by: StaffId; readonly reason?: string })
  /** DEAL-1: a whole unit list imported at once (nothing half-imported): new units and new descriptions of known ones. */
  | (FactShape<'unitsImported'> & { readonly added: readonly Unit[]; readonly edited: readonly Unit[]; readonly by?: StaffId; readonly file: string })
  /** The unit is taken off sale (e.g. kept by the developer); it cannot be ordered. */
  | (FactShape<'unitWithdrawn'> & { readonly unit: UnitId; readonly by: StaffId; readonly reason: string })
  /** 预留/锁定: a manager holds a free unit back from sale, with a reason. */
  | (FactShape<'unitHeld'> & { readonly unit: UnitId; readonly by: StaffId; readonly reason: string })
  | (FactShape<'unitReleased'> & { readonly unit: UnitId; readonly by: StaffId; readonly reason?: string })
  | (FactShape<'policySet'> & { readonly policy: Policy; readonly by?: StaffId })
  | (FactShape<'signedIn'> & { readonly who: StaffId })
  | (FactShape<'signedOut'> & { readonly who: StaffId })
  | (FactShape<'wentAway'> & { readonly who: StaffId; readonly reason: AwayReason })
  | (FactShape<'cameBack'> & { readonly who: StaffId })
  | (FactShape<'partyArrived'> & {
      readonly phone?: PhoneKey;
      readonly name?: string;
      readonly plate?: string;
      readonly asksFor?: StaffId;
      readonly nonCustomer?: boolean;
      readonly broker?: BrokerId;
      readonly referrer?: PhoneKey;
      /** A colleague of another team (new-home ↔ resale) who sent the customer (DEAL-3 team referral). */
      readonly referredBy?: StaffId;
      readonly reception: Reception;
      /** The broker whose visit was recognised (CH-5), as judged at arrival. */
      readonly channel: BrokerId | null;
      /** The consultant the customer will belong to once registered (ROT-12, OWN-8), if not the receiver. */
      readonly designee?: StaffId;
      /** CH-10: the live report whose escort code the desk checked (single use). */
      readonly escortOf?: number;
      /** CH-8: the masked report fits several customers: the channel assistant decides. */
      readonly manualCheck?: true;
    })
  | (FactShape<'receptionEnded'> & { readonly who: StaffId })
  | (FactShape<'partyReclassified'> & { readonly who: StaffId })
  | (FactShape<'turnDeclined'> & { readonly who: StaffId; readonly reception: Reception })
  | (FactShape<'registered'> & RegisterDetails & {
      readonly by: StaffId;
      readonly for?: StaffId;
      readonly via: RegisterVia;
      readonly phone?: PhoneKey;
      readonly name?: string;
      readonly gender?: 'M' | 'F';
      readonly needs?: string;
      readonly plate?: string;
      /** The visitor only took a brochure (只取资料): the first row of DEAL-3's brochure split. */
      readonly brochureOnly?: boolean;
      /** REG-2, as judged when the entry was made. */
      readonly valid: boolean;
      /** A paper-era entry brought in by the register import (issue 11.4). */
      readonly imported?: ImportMark;
    } & RegisterHygiene)
  | (FactShape<'familyLinked'> & { readonly phone: PhoneKey; readonly to: PhoneKey; readonly relation: Relation; /** OWN-7 guard: the manager who made the link that changed an owner. */ readonly confirmedBy?: StaffId })
  | (FactShape<'followedUp'> & FollowUpNote & { readonly by: StaffId; readonly phone: PhoneKey; readonly reached: boolean; readonly via: ContactVia; /** A paper-era follow-up (issue 11.4). */ readonly imported?: ImportMark })
  | (FactShape<'recordsMerged'> & { readonly phone: PhoneKey; readonly into: PhoneKey })
  /** OWN-10, SEC-4; `transferTo` when the consultant moved to another office of the company (DEAL-3 transfer row). */
  | (FactShape<'departed'> & { readonly who: StaffId; readonly transferTo?: string })
  | (FactShape<'reassigned'> & { readonly phone: PhoneKey; readonly to: StaffId; readonly by: StaffId; readonly reason?: string })
  | (FactShape<'suspended'> & { readonly who: StaffId; readonly until: Instant; readonly days: number })
  | (FactShape<'reported'> & {
      readonly broker: BrokerId;
      readonly phone: string;
      readonly masked: boolean;
      readonly name?: string;
      readonly accepted: boolean;
      /** CH-5: when the broker expects to bring the customer. */
      readonly expectedAt?: Instant;
      /** The reason code of a refusal (CH-2, CH-3, CH-4, CH-10), as judged. */
      readonly refusedFor?: string;
      /** CH-8: the masked report fits several known customers: the channel assistant decides. */
      readonly manualCheck?: true;
    })
  | (FactShape<'ordered'> & {
      readonly unit: UnitId;
      readonly phone: PhoneKey;
      readonly by: StaffId;
      readonly stage: DealStage;
      /** The credit as decided when the order was first placed (DEAL-3); later stages repeat it. */
      readonly credit: Readonly<Record<string, number>>;
      /** Why the credit is what it is (DEAL-3), on the order's first fact. */
      readonly creditReasons?: readonly Reason[];
      /** Yuan paid at this stage, when recorded. */
      readonly amount?: number;
    })
  /** 退房 / 违约: the unit's live order ends and the unit is free again; the order's credit is void (DEAL-2). */
  | (FactShape<'orderEnded'> & { readonly unit: UnitId; readonly by: StaffId; readonly end: OrderEnd; readonly reason: string })
  /** 换房: the live order moves to the free unit `to`, keeping its stage, credit and dispute window (DEAL-2). */
  | (FactShape<'orderSwapped'> & { readonly unit: UnitId; readonly to: UnitId; readonly by: StaffId; readonly reason?: string })
  /** 换名 / 加名 on the order, with who asked and why (DEAL-2); the buyer's name is personal data. */
  | (FactShape<'buyerChanged'> & { readonly unit: UnitId; readonly phone: PhoneKey; readonly by: StaffId; readonly change: BuyerChange; readonly name: string; readonly reason: string })
  | (FactShape<'disputed'> & {
      readonly unit: UnitId;
      readonly by: StaffId;
      /** The claimant's own record of the customer (another number, or a family member), DEAL-5. */
      readonly phone?: PhoneKey;
      readonly accepted: boolean;
    })
  /**
   * DEAL-5: the manager's decision on the order's open dispute. `computed` is what the records give; `credit` is
   * the decision (the same, or the manager's override with a written reason).
   */
  | (FactShape<'disputeResolved'> & {
      readonly unit: UnitId;
      readonly by: StaffId;
      readonly computed: Readonly<Record<string, number>>;
      readonly credit: Readonly<Record<string, number>>;
      readonly overridden: boolean;
      readonly reason?: string;
      /** The two sides' records and the outcome they give (DEAL-5), as judged when decided. */
      readonly creditReasons?: readonly Reason[];
    })
  | (FactShape<'queueReordered'> & { readonly by: StaffId; readonly order: readonly string[]; readonly reason: string })
  | (FactShape<'outOfTurn'> & { readonly who: StaffId; readonly by: StaffId })
  /** SEC-5: an approved destruction of a customer's personal data; the history stays, keyed by an opaque token. */
  // ---- the broker side (CH-1, CH-2, CH-6..8) ----
  | (FactShape<'brokerApplied'> & { readonly broker: BrokerProfile; readonly by?: StaffId })
  | (FactShape<'brokerApproved'> & { readonly broker: BrokerId; readonly by: StaffId })
  | (FactShape<'brokerRejected'> & { readonly broker: BrokerId; readonly by: StaffId; readonly reason: string })
  /** CH-6: the desk logs when a broker-brought party left. */
  | (FactShape<'partyLeft'> & { readonly arrival: number; readonly by: StaffId })
  /** CH-7: the viewing confirmation (看房确认单), completed with the customer's confirmation. */
  | (FactShape<'viewingConfirmed'> & { readonly arrival: number; readonly by: StaffId; readonly broker: BrokerId })
  /** CH-7: the consultant refused the confirmation: a violation by the consultant. */
  | (FactShape<'confirmationRefused'> & { readonly arrival: number; readonly by: StaffId; readonly broker: BrokerId; readonly reason: string })
  /** CH-7: the manager confirmed a fake customer: a violation by the broker. */
  | (FactShape<'fakeCustomerMarked'> & { readonly arrival: number; readonly by: StaffId; readonly broker: BrokerId; readonly reason: string })
  /** CH-8: the channel assistant's decision on a manual check (an arrival or a masked report). */
  | (FactShape<'manualCheckDecided'> & { readonly ref: number; readonly by: StaffId; readonly broker: BrokerId; readonly recognised: boolean; readonly phone?: PhoneKey; readonly reason: string })
  | (FactShape<'personalDataErased'> & { readonly phone: PhoneKey; readonly by: StaffId | 'system'; readonly approvedBy: string; readonly reason: string })
  // ---- office: the violation register (PEN-1, ROT-14) ----
  /** A violation against `who`: the office rule broken, when, the records that show it, and the sanction. */
  | (FactShape<'violationRecorded'> & { readonly who: StaffId; readonly rule: ViolationRule; readonly on: Instant; readonly evidence: readonly number[]; readonly sanction: Sanction; readonly by: StaffId; readonly note?: string })
  /** The person's appeal of violation `violation` (the seq that recorded it). */
  | (FactShape<'appealFiled'> & { readonly violation: number; readonly by: StaffId; readonly grounds: string })
  /** The manager's decision: `upheld` keeps the sanction; otherwise it is overturned (a suspension ends now). */
  | (FactShape<'appealDecided'> & { readonly violation: number; readonly by: StaffId; readonly upheld: boolean; readonly reason: string })
  // ---- register hygiene (issue 12.2): REG-5, REG-7 ----
  /** REG-5: the manager's decision on a late entry (`entry`: its seq); approved, it counts from when the visit happened. */
  | (FactShape<'lateEntryDecided'> & { readonly entry: number; readonly by: StaffId; readonly approved: boolean; readonly phone?: PhoneKey; readonly reason?: string })
  /** REG-7: an entry made without a phone is linked to the customer's phone; `valid` as judged with the phone. */
  | (FactShape<'entryIdentified'> & { readonly entry: number; readonly by: StaffId; readonly phone: PhoneKey; readonly valid: boolean })
  // ---- ownership-rules (issue 12 item 3, RISK-2) ----
  /** OWN-9: a customer introduced by the company, its staff or a leader (`source`), given in turn to `to` at commission `rate`. */
  | (FactShape<'introducedAssigned'> & { readonly phone: PhoneKey; readonly name?: string; readonly to: StaffId; readonly by: StaffId; readonly source: string; readonly rate: number })
  /** OWN-13: the valid customer register as frozen: every customer with a protected owner then, and that owner. */
  | (FactShape<'registerFrozen'> & { readonly by: StaffId; readonly entries: readonly { readonly phone: PhoneKey; readonly owner: StaffId }[]; readonly note?: string })
  /** RISK-2: `who` read the owner alert of arrival `arrival` (the arrival's seq); a read mark, appended once. */
  | (FactShape<'alertRead'> & { readonly who: StaffId; readonly arrival: number });

export type FactType = Fact['type'];
export type FactOf<T extends FactType> = Extract<Fact, { type: T }>;

/** A fact as stored: numbered in the order it was appended. */
export type Recorded<F extends Fact = Fact> = F & { readonly seq: number };
