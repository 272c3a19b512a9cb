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

export interface RecordRead {
  readonly id: number;
  readonly at: Instant;
  readonly login: string;
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
