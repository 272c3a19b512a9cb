// The commands an office issues: one per scenario action, one per API write. Inputs are as people type
// them (phones unnormalised); the handlers validate them.
import type { AwayReason, Broker, BrokerId, BrokerProfile, BuyerChange, ContactVia, DealStage, FollowUpNote, OrderEnd, ReceiveAs, RegisterVia, Relation, StaffId, StaffMember, Unit, UnitId } from '../core/facts.ts';
import type { OutreachSite, RegisterDetails } from '../core/facts.ts';
import type { Policy } from '../core/policy.ts';
import type { Credit } from '../core/deal.rules.ts';
import type { Reason } from '../core/reasons.ts';
import type { ViolationRule } from '../core/violation.rules.ts';

export type Command =
  | { readonly do: 'signIn'; readonly who: StaffId }
  | { readonly do: 'signOut'; readonly who: StaffId }
  | { readonly do: 'away'; readonly who: StaffId; readonly reason: AwayReason }
  | { readonly do: 'back'; readonly who: StaffId }
  | {
      readonly do: 'arrive';
      readonly phone?: string;
      readonly name?: string;
      readonly plate?: string;
      readonly asksFor?: StaffId;
      readonly nonCustomer?: boolean;
      readonly broker?: BrokerId;
      readonly referrer?: string;
      readonly referredBy?: StaffId;
      /** CH-10: the live report whose escort code the desk checked (set by the escort admission, never by a client). */
      readonly escortOf?: number;
    }
  | { readonly do: 'done'; readonly who: StaffId }
  | { readonly do: 'reclassify'; readonly who: StaffId }
  | { readonly do: 'decline'; readonly who: StaffId }
  | ({
      readonly do: 'register';
      readonly by: StaffId;
      readonly via: RegisterVia;
      readonly phone?: string;
      readonly name?: string;
      readonly gender?: 'M' | 'F';
      readonly needs?: string;
      readonly plate?: string;
      readonly for?: StaffId;
      readonly brochureOnly?: boolean;
    } & RegisterDetails & RegisterHygieneInput)
  | ({ readonly do: 'followUp'; readonly by: StaffId; readonly phone: string; readonly reached: boolean; readonly via?: ContactVia } & FollowUpNote)
  | { readonly do: 'link'; readonly phone: string; readonly to: string; readonly relation: Relation; /** Who links (the API fills the caller, OWN-7 guard). */ readonly by?: StaffId }
  | { readonly do: 'merge'; readonly phone: string; readonly into: string }
  | { readonly do: 'depart'; readonly who: StaffId; readonly transferTo?: string }
  | { readonly do: 'reassign'; readonly phone: string; readonly to: StaffId; readonly by: StaffId; readonly reason?: string }
  | { readonly do: 'suspend'; readonly who: StaffId; readonly days: number }
  | { readonly do: 'report'; readonly broker: BrokerId; readonly phone: string; readonly name?: string; readonly expectedAt?: number }
  | { readonly do: 'deal'; readonly phone: string; readonly unit: UnitId; readonly by: StaffId; readonly stage: DealStage; readonly amount?: number }
  | { readonly do: 'refund'; readonly unit: UnitId; readonly by: StaffId; readonly reason: string; readonly end?: OrderEnd }
  | { readonly do: 'swap'; readonly unit: UnitId; readonly to: UnitId; readonly by: StaffId; readonly reason?: string }
  | { readonly do: 'changeBuyer'; readonly unit: UnitId; readonly by: StaffId; readonly change: BuyerChange; readonly name: string; readonly reason: string }
  | { readonly do: 'dispute'; readonly unit: UnitId; readonly by: StaffId; readonly phone?: string }
  /** DEAL-5: decide the open dispute from the records; `override` replaces the outcome, with a written reason. */
  | { readonly do: 'resolve'; readonly unit: UnitId; readonly by: StaffId; readonly override?: { readonly credit: Credit; readonly reason: string } }
  | { readonly do: 'hold'; readonly unit: UnitId; readonly by: StaffId; readonly reason: string }
  | { readonly do: 'release'; readonly unit: UnitId; readonly by: StaffId; readonly reason?: string }
  | { readonly do: 'reorder'; readonly by: StaffId; readonly order: readonly string[]; readonly reason: string }
  | { readonly do: 'outOfTurn'; readonly who: StaffId; readonly by: StaffId }
  // Setting up an office: the roster, brokers, units and the policy are recorded facts too.
  | { readonly do: 'addStaff'; readonly staff: StaffMember }
  | { readonly do: 'addBroker'; readonly broker: Broker }
  | { readonly do: 'addUnit'; readonly unit: Unit; readonly by?: StaffId }
  | { readonly do: 'importUnits'; readonly units: readonly Unit[]; readonly by?: StaffId; readonly file: string }
  | { readonly do: 'editUnit'; readonly unit: Unit; readonly by: StaffId; readonly reason?: string }
  | { readonly do: 'withdrawUnit'; readonly unit: UnitId; readonly by: StaffId; readonly reason: string }
  | { readonly do: 'setPolicy'; readonly policy: Policy; readonly by?: StaffId }
  // ---- the broker side (CH-1..10) ----
  | { readonly do: 'applyBroker'; readonly broker: BrokerProfile; readonly by?: StaffId }
  | { readonly do: 'approveBroker'; readonly broker: BrokerId; readonly by: StaffId }
  | { readonly do: 'rejectBroker'; readonly broker: BrokerId; readonly by: StaffId; readonly reason: string }
  | { readonly do: 'leave'; readonly arrival: number; readonly by: StaffId }
  | { readonly do: 'confirmViewing'; readonly arrival: number; readonly by: StaffId; readonly customerConfirmed: true }
  | { readonly do: 'refuseConfirmation'; readonly arrival: number; readonly by: StaffId; readonly reason: string }
  | { readonly do: 'markFake'; readonly arrival: number; readonly by: StaffId; readonly reason: string }
  | { readonly do: 'decideManualCheck'; readonly ref: number; readonly by: StaffId; readonly recognised: boolean; readonly phone?: string; readonly reason: string }
  // ---- office: the violation register (PEN-1, ROT-14) ----
  | { readonly do: 'recordViolation'; readonly who: StaffId; readonly rule: ViolationRule; readonly on?: number; readonly evidence: readonly number[]; readonly sanction: SanctionInput; readonly by: StaffId; readonly note?: string }
  | { readonly do: 'appeal'; readonly violation: number; readonly by: StaffId; readonly grounds: string }
  | { readonly do: 'decideAppeal'; readonly violation: number; readonly by: StaffId; readonly upheld: boolean; readonly reason: string }
  // ---- register hygiene (issue 12.2) ----
  /** REG-5: the manager approves or refuses a late entry (`entry`: its seq), once. */
  | { readonly do: 'decideLateEntry'; readonly entry: number; readonly by: StaffId; readonly approved: boolean; readonly reason?: string }
  /** REG-7: an entry made without a phone is linked to the customer's phone. */
  | { readonly do: 'identify'; readonly entry: number; readonly by: StaffId; readonly phone: string }
  // ---- ownership-rules (issue 12 item 3, RISK-2) ----
  /** OWN-9: give a customer the company, its staff or a leader introduced to the consultant whose turn it is. */
  | { readonly do: 'assignIntroduced'; readonly phone: string; readonly name?: string; readonly source: string; readonly by: StaffId }
  /** OWN-13: freeze the valid customer register now (before an opening). */
  | { readonly do: 'freezeRegister'; readonly by: StaffId; readonly note?: string }
  /** RISK-2: the owner read the alert of their customer's arrival `arrival` (its seq). */
  | { readonly do: 'markAlertRead'; readonly who: StaffId; readonly arrival: number }
  // ---- register import (issue 11.4): one paper-era entry, approved by the manager `by` (REG-5) ----
  | { readonly do: 'importEntry'; readonly by: StaffId; readonly batch: string; readonly row: number; readonly entry: ImportedEntry };

/**
 * One entry of a paper-era register as the import read it: what happened (`kind`), when (`at`, the register's own
 * time), the customer and the consultant; the register's fields for a visit or a call, the contact for a follow-up.
 */
export interface ImportedEntry extends RegisterDetails {
  readonly kind: 'visit' | 'call' | 'followUp';
  readonly at: number;
  readonly phone: string;
  readonly consultant: StaffId;
  readonly name?: string;
  readonly gender?: 'M' | 'F';
  readonly needs?: string;
  readonly plate?: string;
  /** A follow-up: how, whether it reached the customer, and what was said. */
  readonly via?: ContactVia;
  readonly reached?: boolean;
  readonly said?: string;
}

/** A sanction as the manager gives it: a suspension in days (its end is decided when recorded). */
export type SanctionInput = { readonly kind: 'warning' } | { readonly kind: 'fine'; readonly amount: number } | { readonly kind: 'suspension'; readonly days: number };


/** What a register entry may say about itself (issue 12.2); the handlers judge it. */
export interface RegisterHygieneInput {
  /** REG-6: the seq of the entry this one corrects. */
  readonly corrects?: number;
  /** REG-5: when the visit happened, if on an earlier day: the entry is late and waits for the manager. */
  readonly visitedAt?: number;
  /** REG-9: the seq of the group's arrival. */
  readonly group?: number;
  /** REG-10: registered off-site, with the time the proof SMS was sent. */
  readonly outreach?: { readonly site: OutreachSite; readonly smsAt?: number };
  /** REG-7: how a visitor who gave no phone looked. */
  readonly appearance?: string;
  /** REG-11: the phone of the old customer who introduced this one. */
  readonly referrer?: string;
}

export type Action = Command['do'];
/** Setting up an office; not scenario actions (a scenario's roster, brokers and units are its opening state). */
export type SetupAction = 'addStaff' | 'addBroker' | 'addUnit' | 'importUnits' | 'editUnit' | 'withdrawUnit' | 'setPolicy';
export type FloorAction = Exclude<Action, SetupAction>;

/** What the office is told back. Every decision carries its reasons (OWN-15). */
export interface Answer {
  readonly receiver?: StaffId | null;
  readonly as?: ReceiveAs | null;
  readonly channel?: BrokerId | null;
  readonly valid?: boolean;
  readonly accepted?: boolean;
  readonly credit?: Credit;
  /** A follow-up: whether it extends the owner's protection (OWN-3). */
  readonly extends?: boolean;
  readonly reasons: readonly Reason[];
}

/** A refused command: nothing was recorded. `code` is stable snake_case for adapters. */
export interface Refusal {
  readonly code: RefusalCode;
  readonly message: string;
  readonly reasons?: readonly Reason[];
}

export type RefusalCode =
  | 'unknown_staff'
  | 'unknown_broker'
  | 'unknown_unit'
  | 'departed'
  | 'wrong_role'
  | 'invalid_phone'
  | 'invalid_input'
  | 'not_signed_in'
  | 'not_away'
  | 'not_receiving'
  | 'unit_sold'
  | 'unit_held'
  | 'unit_withdrawn'
  | 'unit_not_held'
  | 'no_live_order'
  | 'no_open_dispute'
  | 'stage_backwards'
  | 'time_backwards'
  | 'already_exists'
  // the broker side (CH-1..10)
  | 'unknown_record'
  | 'already_decided'
  | 'escort_used'
  | 'probe_limited'
  // reliability (issue 14): an Idempotency-Key sent again with another request
  | 'idempotency_key_reused'
  // security (issue 14): a family link that would change an owner needs the manager (OWN-7)
  | 'link_needs_confirmation'
  // Reports (REG-3): a register field's value is not one of the office's options.
  | 'unknown_option'
  // office: the violation register
  | 'unknown_violation'
  | 'appeal_exists'
  | 'appeal_not_open'
  // register hygiene (issue 12.2)
  | 'unknown_entry'
  | 'entry_superseded'
  | 'unknown_referrer'
  // ownership-rules: OWN-9 (a protected customer is not the company's to give; nobody can take one), RISK-2
  | 'customer_owned'
  | 'no_consultant_free'
  | 'not_an_alert';

export type Outcome = { readonly ok: true; readonly answer: Answer } | { readonly ok: false; readonly refusal: Refusal };

export type { RegisterDetails };
