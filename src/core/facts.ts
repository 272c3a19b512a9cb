// The recorded facts: what happened on the floor, appended once and never changed (REG-1, SEC-3).
// A fact carries the answer the office was given when it happened (who received the party, whether a
// registration was valid or a report accepted, the credit of an order): what was said is history.
// Ownership and protection are not stored: the rules derive them from the facts at any instant.
import type { Policy } from './policy.ts';
import type { Instant } from './time.ts';
import type { PhoneKey } from './phone.ts';

export type StaffId = string;
export type BrokerId = string;
export type UnitId = string;

export type Role = 'consultant' | 'manager' | 'supervisor' | 'frontdesk' | 'channelAssistant';
export type BrokerKind = 'agency' | 'distributor' | 'individual';
export type AwayReason = 'private' | 'business';
export type ReceiveAs = 'turn' | 'makeUp' | 'owner' | 'designated' | 'cover' | 'nonCustomer' | 'offHours';
export type RegisterVia = 'visit' | 'call';
export type ContactVia = 'call' | 'sms' | 'visit' | 'wechat';
export type Relation = 'spouse' | 'parent' | 'child' | 'sibling' | 'grandparent';
export type DealStage = 'smallDeposit' | 'deposit' | 'subscription' | 'contract';
export const DEAL_STAGES: readonly DealStage[] = ['smallDeposit', 'deposit', 'subscription', 'contract'];

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
}
export interface Unit {
  readonly id: UnitId;
  readonly price?: number;
}

/** What a party that walked in was told: who received it and on what ground. */
export interface Reception {
  readonly receiver: StaffId | null;
  readonly as: ReceiveAs | null;
  /** The rotation unit whose turn it was (a team under ROT-13), when the queue moved. */
  readonly turnOf?: string;
}

interface FactShape<T extends string> {
  readonly type: T;
  readonly at: Instant;
}

export type Fact =
  | (FactShape<'staffJoined'> & { readonly staff: StaffMember })
  | (FactShape<'brokerListed'> & { readonly broker: Broker })
  | (FactShape<'unitListed'> & { readonly unit: Unit })
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
      readonly reception: Reception;
      /** The broker whose visit was recognised (CH-5), as judged at arrival. */
      readonly channel: BrokerId | null;
      /** The consultant the customer will belong to once registered (ROT-12, OWN-8), if not the receiver. */
      readonly designee?: StaffId;
    })
  | (FactShape<'receptionEnded'> & { readonly who: StaffId })
  | (FactShape<'partyReclassified'> & { readonly who: StaffId })
  | (FactShape<'turnDeclined'> & { readonly who: StaffId; readonly reception: Reception })
  | (FactShape<'registered'> & {
      readonly by: StaffId;
      readonly for?: StaffId;
      readonly via: RegisterVia;
      readonly phone?: PhoneKey;
      readonly name?: string;
      readonly gender?: 'M' | 'F';
      readonly needs?: string;
      readonly plate?: string;
      /** REG-2, as judged when the entry was made. */
      readonly valid: boolean;
    })
  | (FactShape<'followedUp'> & { readonly by: StaffId; readonly phone: PhoneKey; readonly reached: boolean; readonly via: ContactVia })
  | (FactShape<'familyLinked'> & { readonly phone: PhoneKey; readonly to: PhoneKey; readonly relation: Relation })
  | (FactShape<'recordsMerged'> & { readonly phone: PhoneKey; readonly into: PhoneKey })
  | (FactShape<'departed'> & { readonly who: StaffId })
  | (FactShape<'reassigned'> & { readonly phone: PhoneKey; readonly to: StaffId; readonly by: StaffId; readonly reason?: string })
  | (FactShape<'suspended'> & { readonly who: StaffId; readonly until: Instant; readonly days: number })
  | (FactShape<'reported'> & { readonly broker: BrokerId; readonly phone: string; readonly masked: boolean; readonly name?: string; readonly accepted: boolean })
  | (FactShape<'ordered'> & { readonly unit: UnitId; readonly phone: PhoneKey; readonly by: StaffId; readonly stage: DealStage; readonly credit: Readonly<Record<string, number>> })
  | (FactShape<'disputed'> & { readonly unit: UnitId; readonly by: StaffId; readonly accepted: boolean })
  | (FactShape<'queueReordered'> & { readonly by: StaffId; readonly order: readonly string[]; readonly reason: string })
  | (FactShape<'outOfTurn'> & { readonly who: StaffId; readonly by: StaffId })
  /** SEC-5: an approved destruction of a customer's personal data; the history stays, keyed by an opaque token. */
  | (FactShape<'personalDataErased'> & { readonly phone: PhoneKey; readonly by: StaffId | 'system'; readonly approvedBy: string; readonly reason: string });

export type FactType = Fact['type'];
export type FactOf<T extends FactType> = Extract<Fact, { type: T }>;

/** A fact as stored: numbered in the order it was appended. */
export type Recorded<F extends Fact = Fact> = F & { readonly seq: number };
