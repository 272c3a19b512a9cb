// The JSON the API answers, as the web app reads it. Mirrors src/api/customer-view.ts, floor.queries.ts and
// src/app/commands.ts (the server's presenters); written out here because the web build cannot import
// server modules. When a shared contracts module exists, these become imports from it.

export type Instant = number;
export type StaffId = string;
export type ProjectRole = 'consultant' | 'manager' | 'supervisor' | 'frontdesk' | 'channelAssistant' | 'broker';
export type AccountRole = ProjectRole | 'admin';
export type ReceiveAs = 'turn' | 'makeUp' | 'owner' | 'designated' | 'cover' | 'nonCustomer' | 'offHours';
export type SeatState = 'available' | 'busy' | 'private' | 'business' | 'suspended';
export type ContactVia = 'call' | 'sms' | 'visit' | 'wechat';
export type Relation = 'spouse' | 'parent' | 'child' | 'sibling' | 'grandparent';
export type AwayReason = 'private' | 'business';

export interface Reason {
  readonly rule: string;
  readonly code: string;
  readonly text: string;
  readonly params?: Readonly<Record<string, string | number | null>>;
  readonly record?: { readonly seq: number; readonly type: string; readonly at: Instant; readonly by?: string };
}

export interface Explained {
  readonly reasons: readonly Reason[];
  readonly rules: readonly string[];
}

// ---- session ----

export interface Membership {
  readonly project: string;
  readonly projectName?: string | null;
  /** The project's IANA time zone: every instant on its screens is shown in it. */
  readonly zone?: string | null;
  /** Display names of the project's brokers by broker id (empty for a broker). */
  readonly brokerNames?: Readonly<Record<string, string>>;
  readonly role: ProjectRole;
  readonly staffId: string | null;
  readonly brokerId: string | null;
}

export interface SessionInfo {
  readonly user: { readonly id: string; readonly login: string; readonly displayName: string; readonly admin: boolean };
  readonly memberships: readonly Membership[];
  readonly csrfToken: string;
  readonly expiresAt?: Instant;
}

// ---- floor ----

export interface Seat {
  readonly who: StaffId;
  readonly unit: string;
  readonly state: SeatState;
  readonly busySince: Instant | null;
  readonly newToday: number;
}

export interface Board {
  readonly day: string;
  readonly up: { readonly unit: string; readonly who: StaffId; readonly via: 'turn' | 'makeUp'; readonly reasons: readonly Reason[] } | null;
  readonly queue: readonly string[];
  readonly makeUps: Readonly<Record<string, number>>;
  readonly seats: readonly Seat[];
  readonly names: Readonly<Record<string, string | null>>;
}

export interface TodayReception {
  readonly seq: number;
  readonly at: Instant;
  readonly atLocal: string | null;
  readonly kind: 'arrival' | 'declined';
  readonly declinedBy?: StaffId;
  readonly receiver: StaffId | null;
  readonly as: ReceiveAs | null;
  readonly phone: string | null;
  readonly broker: string | null;
  readonly channel: string | null;
}

// ---- customers ----

export interface StaffRef {
  readonly id: StaffId;
  readonly name: string | null;
}

export interface ShownCustomer {
  readonly phone: string;
  readonly name: string | null;
  readonly masked: boolean;
}

export interface ChannelView extends Explained {
  readonly broker: string;
  readonly until: Instant;
  readonly untilLocal: string | null;
}

export interface OwnershipView {
  readonly owner: StaffRef | null;
  readonly protectedUntil: Instant | null;
  readonly protectedUntilLocal: string | null;
  readonly lastContact: Instant | null;
}

export interface Judgement extends OwnershipView, Explained {
  readonly status: 'owned' | 'new';
  readonly identifiedBy: 'phone' | 'plate' | null;
  readonly known: boolean;
  readonly customer: ShownCustomer | null;
  readonly channel: ChannelView | null;
  readonly family: readonly (ShownCustomer & { readonly relation: string })[];
  readonly suggested: Explained & { readonly receiver: StaffRef | null; readonly as: ReceiveAs | null };
}

export interface RecordedFact {
  readonly seq: number;
  readonly type: string;
  readonly at: Instant;
  readonly atLocal: string | null;
  readonly [field: string]: unknown;
}

export interface Timeline extends OwnershipView, Explained {
  /** Display names of the staff the timeline mentions. */
  readonly names?: Readonly<Record<string, string | null>>;
  readonly customer: ShownCustomer;
  readonly household: readonly ShownCustomer[];
  readonly spans: readonly { readonly owner: StaffId; readonly from: Instant; readonly until: Instant | null }[] | null;
  readonly channel: ChannelView | null;
  readonly records: readonly RecordedFact[] | null;
}

export interface OwnedCustomer extends ShownCustomer {
  readonly protectedUntil: Instant | null;
  readonly protectedUntilLocal: string | null;
  readonly lastContact: Instant | null;
  readonly channel: string | null;
}

export type RegisterStatus = 'owned' | 'pool' | 'lapsing';

/** One customer of the whole register (GET /customers, SEC-1). */
export interface RegisterCustomer extends ShownCustomer {
  readonly owner: StaffRef | null;
  readonly protectedUntil: Instant | null;
  readonly protectedUntilLocal: string | null;
  readonly lastContact: Instant | null;
  /** Owned: since the owner's span began; in the pool: since protection ended (or the first record, never owned). */
  readonly since: Instant | null;
  readonly sinceLocal: string | null;
  /** In the pool: whose protection ended. */
  readonly formerOwner: StaffRef | null;
  readonly why: Reason | null;
  readonly lastActivity: Instant | null;
  readonly channel: string | null;
}

export interface RegisterPage {
  readonly total: number;
  readonly page: number;
  readonly size: number;
  readonly counts: Readonly<Record<RegisterStatus | 'all', number>>;
  readonly customers: readonly RegisterCustomer[];
}

/** A member of staff (GET /staff), on today's board or not. */
export interface RosterMember {
  readonly id: StaffId;
  readonly name: string | null;
  readonly role: Exclude<ProjectRole, 'broker'>;
  readonly team: string | null;
  readonly departedAt: Instant | null;
  readonly departedAtLocal: string | null;
  readonly suspendedUntil: Instant | null;
  readonly suspendedUntilLocal: string | null;
  readonly suspended: boolean;
  readonly onFloor: boolean;
  readonly state: SeatState | null;
  readonly newToday: number;
  readonly customers: number;
}

// The month's figures are the server's own type (src/app is pure, so the web app can share it).
export type { ConsultantMonth, ReceivedAs } from '../../app/performance.ts';
import type { ConsultantMonth } from '../../app/performance.ts';

export interface MonthReport {
  readonly month: string;
  readonly start: Instant;
  readonly end: Instant;
  readonly consultants: readonly ConsultantMonth[];
}

/** RISK-2: the owner's customer walked in (an `ownerAlert` event on the stream, to the owner alone). */
export interface OwnerAlert {
  readonly seq: number;
  readonly at: Instant;
  readonly atLocal: string | null;
  readonly customer: { readonly phone: string; readonly name: string | null };
  readonly receiver: StaffRef | null;
  readonly as: ReceiveAs | null;
  readonly covering: boolean;
  readonly broker: string | null;
}

export interface RecordRead {
  readonly id: number;
  readonly at: Instant;
  readonly login: string;
  /** The reader's display name (null when the account is gone). */
  readonly name?: string | null;
  readonly customer: string;
  readonly endpoint: string;
}

// ---- commands ----

/** What a command answers (src/app/commands.ts Answer). */
export interface Answer {
  readonly receiver?: StaffId | null;
  readonly as?: ReceiveAs | null;
  readonly channel?: string | null;
  readonly valid?: boolean;
  readonly accepted?: boolean;
  readonly reasons: readonly Reason[];
}

// ---- the policy editor (src/api/policy.routes.ts, policy-catalogue.ts) ----

/** A policy document: section → knob → value (src/core/policy.ts). */
export type PolicyDoc = Readonly<Record<string, Readonly<Record<string, unknown>>>>;
export type KnobKind = 'enum' | 'enumSet' | 'fixed' | 'boolean' | 'number' | 'numberList' | 'numberOrWord' | 'windows' | 'split';
export type LocalText = Readonly<Record<'zh-CN' | 'en', string>>;

export interface PolicyKnob {
  readonly path: string;
  readonly section: string;
  readonly kind: KnobKind;
  readonly nullable: boolean;
  readonly values?: readonly string[];
  readonly parts?: readonly string[];
  readonly bounds: { readonly min?: number; readonly exclusiveMin?: boolean; readonly max?: number; readonly integer?: boolean; readonly minItems?: number };
  readonly sumsToOne?: boolean;
  readonly standard: unknown;
  readonly rules: readonly string[];
  readonly enforced: boolean;
  readonly description: LocalText;
  readonly labels: Readonly<Record<string, LocalText>>;
}

export interface PolicyCatalogue {
  readonly policy: PolicyDoc;
  readonly standard: PolicyDoc;
  readonly sections: readonly string[];
  readonly knobs: readonly PolicyKnob[];
  readonly whatIfDays: number;
}

export interface WhatIfOwned {
  readonly owner: StaffId | null;
  readonly protectedUntil: Instant | null;
  readonly protectedUntilLocal: string | null;
}

export interface WhatIfOrder {
  readonly customer: ShownCustomer | null;
  readonly closer: StaffId;
  readonly credit: Readonly<Record<string, number>>;
}

/** POST /policy/what-if: what would differ had the edited policy been in force for the last `days`. */
export interface WhatIfAnswer {
  readonly days: number;
  readonly fromLocal: string | null;
  readonly nowLocal: string | null;
  readonly redecided: number;
  readonly ignoredPolicyChanges: readonly number[];
  readonly notRedecided: number;
  readonly drift: number;
  readonly totals: { readonly customers: number; readonly ownerChanges: number; readonly credits: number; readonly decisions: number; readonly refused: number };
  readonly customers: readonly (Explained & { readonly customer: ShownCustomer | null; readonly ownerChanged: boolean; readonly before: WhatIfOwned; readonly after: WhatIfOwned })[];
  readonly credits: readonly { readonly unit: string; readonly before: WhatIfOrder | null; readonly after: WhatIfOrder | null }[];
  readonly decisions: readonly { readonly seq: number; readonly type: string; readonly atLocal: string | null; readonly customer: ShownCustomer | null; readonly before: Readonly<Record<string, unknown>>; readonly after: Readonly<Record<string, unknown>> }[];
  readonly refused: readonly { readonly seq: number; readonly type: string; readonly atLocal: string | null; readonly customer: ShownCustomer | null; readonly code: string }[];
  readonly queue: { readonly before: readonly string[]; readonly after: readonly string[] } | null;
  readonly names: Readonly<Record<string, string | null>>;
}
