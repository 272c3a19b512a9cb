// Which customers and units a fact touches: the one rule that keeps the projections true. Ownership
// lapses by the clock, so a projection stores each customer's owner and protection as of the last fact
// touching the customer's household; a fact touches the households of the phones it involves.
import type { Engine } from '../../core/engine.ts';
import type { Recorded, StaffId, UnitId } from '../../core/facts.ts';
import type { PhoneKey } from '../../core/phone.ts';

export interface Touches {
  /** Customers (engine keys) whose households are re-projected. */
  readonly phones: readonly PhoneKey[];
  /** OWN-10, SEC-4: a departure touches every customer the consultant owned. */
  readonly ownedBy?: StaffId;
  /** A policy change touches everyone: protection length and family scope (OWN-2, OWN-7) are policy. */
  readonly everyone?: boolean;
  readonly units: readonly UnitId[];
  /** A merge can split the credit of the household's live orders (OWN-6); an erasure re-keys them (SEC-5). */
  readonly householdUnits?: boolean;
}

/** Arrivals of the current local day by seq, so a reclassification can name the party's customer. */
export interface PartyPhones {
  day: string;
  readonly bySeq: Map<number, PhoneKey>;
}

export function emptyPartyPhones(): PartyPhones {
  return { day: '', bySeq: new Map() };
}

/** Remembers the phone of today's arrivals; call after the engine folded `fact`. */
export function noteParty(parties: PartyPhones, engine: Engine, fact: Recorded): void {
  if (parties.day !== engine.floor.day.key) {
    parties.day = engine.floor.day.key;
    parties.bySeq.clear();
  }
  if (fact.type === 'partyArrived' && fact.phone) parties.bySeq.set(fact.seq, fact.phone);
}

const NONE: Touches = { phones: [], units: [] };

/** What `fact` touches. Call before folding it: a reclassification is known by the party its consultant is receiving. */
export function touchesOf(engine: Engine, fact: Recorded, parties: PartyPhones): Touches {
  switch (fact.type) {
    case 'partyArrived':
      return { phones: [fact.phone, fact.referrer].filter((p): p is PhoneKey => p !== undefined), units: [] };
    case 'registered': {
      // REG-6: a correction to another number voids the entry on the old customer's file too.
      const corrected = fact.corrects !== undefined ? engine.registerBook.entries.get(fact.corrects) : undefined;
      const phones = [fact.phone, corrected?.phone ?? corrected?.identified?.phone ?? undefined].filter((p): p is PhoneKey => p !== undefined && p !== null);
      return phones.length > 0 ? { phones: [...new Set(phones)], units: [] } : NONE;
    }
    case 'lateEntryDecided':
      return fact.phone ? { phones: [fact.phone], units: [] } : NONE;
    case 'entryIdentified':
      return { phones: [fact.phone], units: [] };
    case 'followedUp':
    case 'reassigned':
      return { phones: [fact.phone], units: [] };
    case 'familyLinked':
      return { phones: [fact.phone, fact.to], units: [] };
    case 'recordsMerged':
      return { phones: [fact.phone, fact.into], units: [], householdUnits: true };
    case 'reported':
      // A masked report names no customer until a visit binds it (CH-8); that visit touches the customer.
      return fact.masked ? NONE : { phones: [fact.phone], units: [] };
    case 'ordered':
      return { phones: [fact.phone], units: [fact.unit] };
    case 'partyReclassified': {
      const party = engine.floorAt(fact.at).seats.get(fact.who)?.receiving?.party;
      const phone = party !== undefined ? parties.bySeq.get(party) : undefined;
      return phone ? { phones: [phone], units: [] } : NONE;
    }
    case 'personalDataErased':
      return { phones: [fact.phone], units: [], householdUnits: true };
    case 'departed':
      return { phones: [], ownedBy: fact.who, units: [] };
    case 'policySet':
      return { phones: [], everyone: true, units: [] };
    case 'unitListed':
    case 'unitEdited':
      return { phones: [], units: [fact.unit.id] };
    case 'unitsImported':
      return { phones: [], units: [...fact.added, ...fact.edited].map((u) => u.id) };
    case 'unitWithdrawn':
    case 'unitHeld':
    case 'unitReleased':
    case 'orderEnded':
    case 'disputeResolved':
      return { phones: [], units: [fact.unit] };
    case 'orderSwapped':
      return { phones: [], units: [fact.unit, fact.to] };
    default:
      return NONE;
  }
}
