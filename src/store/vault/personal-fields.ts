// Which parts of a fact are a customer's personal data (SEC-5, PIPL), and how a fact splits into the body
// that is hashed into the log and the personal values that go to the vault.
import type { Fact, FactType, Recorded } from '../../core/facts.ts';
import { isToken } from './vault-crypto.ts';

/** Fields holding a phone number (or a broker's mask of one, `reported.phone`): the body keeps their token. */
const PHONE_FIELDS: { readonly [T in FactType]?: readonly string[] } = {
  partyArrived: ['phone', 'referrer'],
  registered: ['phone', 'referrer'],
  followedUp: ['phone'],
  familyLinked: ['phone', 'to'],
  recordsMerged: ['phone', 'into'],
  reassigned: ['phone'],
  reported: ['phone'],
  ordered: ['phone'],
  disputed: ['phone'],
  buyerChanged: ['phone'],
  personalDataErased: ['phone'],
  manualCheckDecided: ['phone'],
  // register hygiene (issue 12.2): a late entry's decision and an identification name the customer
  lateEntryDecided: ['phone'],
  entryIdentified: ['phone'],
};

/** Fields that identify a person without being a phone (names, car plates): the body leaves them out. */
const HIDDEN_FIELDS: { readonly [T in FactType]?: readonly string[] } = {
  partyArrived: ['name', 'plate'],
  registered: ['name', 'plate', 'phone2', 'address', 'appearance'],
  reported: ['name'],
  // What was said and the next step may name the customer's circumstances (issue 16.2).
  followedUp: ['said', 'next'],
  buyerChanged: ['name'],
};

export interface SplitFact {
  /** The fact without `type` and `at`, phones replaced by tokens, names and plates left out: what the log hashes. */
  readonly body: Record<string, unknown>;
  /**
   * The personal values by subject: the token of the phone they belong to. A phone belongs to its own token;
   * a name or plate to the fact's `phone`, or, when the fact has none (a walk-in who gave no number), to
   * `entrySubject`, a subject of that entry alone.
   */
  readonly personal: ReadonlyMap<string, Record<string, string>>;
}

export function splitPersonal(fact: Fact, token: (value: string) => string, entrySubject: () => string): SplitFact {
  const { type, at: _at, ...rest } = fact;
  const body: Record<string, unknown> = { ...rest };
  const personal = new Map<string, Record<string, string>>();
  const put = (subject: string, field: string, value: string) => {
    const values = personal.get(subject) ?? {};
    values[field] = value;
    personal.set(subject, values);
  };
  for (const field of PHONE_FIELDS[type] ?? []) {
    const value = body[field];
    // A value that is already a token (an erased customer) has nothing personal left to keep.
    if (typeof value !== 'string' || isToken(value)) continue;
    body[field] = token(value);
    put(body[field] as string, field, value);
  }
  for (const field of HIDDEN_FIELDS[type] ?? []) {
    const value = body[field];
    if (typeof value !== 'string') continue;
    delete body[field];
    put(typeof body.phone === 'string' ? body.phone : entrySubject(), field, value);
  }
  return { body, personal };
}

/**
 * The fact as recorded, with the personal values the vault still holds put back. A phone whose values were
 * erased stays its token: the engine then keys that customer by the token (SEC-5).
 */
export function joinPersonal(type: string, at: number, seq: number, body: Record<string, unknown>, values: readonly Record<string, string>[]): Recorded {
  const fact: Record<string, unknown> = { type, at, ...body };
  for (const v of values) Object.assign(fact, v);
  fact.seq = seq;
  return fact as unknown as Recorded;
}
