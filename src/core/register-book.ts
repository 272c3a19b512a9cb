// The register's own entries by seq (issue 12.2): which entry corrects which (REG-6), late entries and the
// manager's decision (REG-5), entries made without a phone and their identification (REG-7), and the
// households of a group (REG-9). The ownership walk reads the customer files; this answers questions about
// an entry itself (may it be corrected, decided, identified) without a scan.
import type { Fact, Recorded, RegisterVia, StaffId } from './facts.ts';
import type { PhoneKey } from './phone.ts';
import type { Instant } from './time.ts';

export interface RegisterEntry {
  readonly seq: number;
  readonly at: Instant;
  readonly by: StaffId;
  /** The consultant the entry is for: `for`, else its author if a consultant. */
  readonly consultant: StaffId | null;
  readonly via: RegisterVia;
  readonly phone: PhoneKey | null;
  readonly name: string | null;
  readonly needs: string | null;
  readonly gender: string | null;
  /** REG-7: the units viewed and how the visitor looked, for identifying them later. */
  readonly units: string | null;
  readonly appearance: string | null;
  readonly valid: boolean;
  /** When the entry counts from: its own time, the visit of a late entry, or the time of the entry it corrects (REG-5, REG-6). */
  readonly countsFrom: Instant;
  readonly corrects: number | null;
  supersededBy: number | null;
  /** REG-5: a late entry and, once made, the manager's decision. */
  readonly late: { readonly visitedAt: Instant; decision: { readonly seq: number; readonly at: Instant; readonly by: StaffId; readonly approved: boolean } | null } | null;
  /** REG-7: the phone an entry without one was later linked to. */
  identified: { readonly seq: number; readonly at: Instant; readonly by: StaffId; readonly phone: PhoneKey } | null;
  readonly group: number | null;
}

export class RegisterBook {
  readonly entries = new Map<number, RegisterEntry>();
  /** REG-5: late entries the manager has not decided yet. */
  readonly pendingLate = new Set<number>();
  /** REG-7: entries without a phone, not yet identified or superseded. */
  readonly unidentified = new Set<number>();
  /** REG-9: the phones registered in each group, by the arrival's seq. */
  readonly groups = new Map<number, PhoneKey[]>();

  /** Folds a register fact; answers the entry it made or changed, if any. */
  apply(fact: Recorded, consultantOf: (by: StaffId, forId: StaffId | undefined) => StaffId | null): RegisterEntry | null {
    switch (fact.type) {
      case 'registered':
        return this.register(fact, consultantOf(fact.by, fact.for));
      case 'lateEntryDecided': {
        const entry = this.entries.get(fact.entry);
        if (!entry?.late) return null;
        entry.late.decision = { seq: fact.seq, at: fact.at, by: fact.by, approved: fact.approved };
        this.pendingLate.delete(entry.seq);
        return entry;
      }
      case 'entryIdentified': {
        const entry = this.entries.get(fact.entry);
        if (!entry) return null;
        entry.identified = { seq: fact.seq, at: fact.at, by: fact.by, phone: fact.phone };
        this.unidentified.delete(entry.seq);
        return entry;
      }
      default:
        return null;
    }
  }

  private register(fact: Recorded<Extract<Fact, { type: 'registered' }>>, consultant: StaffId | null): RegisterEntry {
    const corrected = fact.corrects !== undefined ? this.entries.get(fact.corrects) : undefined;
    const entry: RegisterEntry = {
      seq: fact.seq,
      at: fact.at,
      by: fact.by,
      consultant,
      via: fact.via,
      phone: fact.phone ?? null,
      name: fact.name ?? null,
      needs: fact.needs ?? null,
      gender: fact.gender ?? null,
      units: fact.units ?? null,
      appearance: fact.appearance ?? null,
      valid: fact.valid,
      // An imported paper-era entry (issue 11.4) counts at the time it happened, like any entry at its own time.
      countsFrom: corrected ? corrected.countsFrom : (fact.late?.visitedAt ?? fact.imported?.at ?? fact.at),
      corrects: corrected ? corrected.seq : null,
      supersededBy: null,
      late: fact.late ? { visitedAt: fact.late.visitedAt, decision: null } : null,
      identified: null,
      group: fact.group ?? null,
    };
    this.entries.set(fact.seq, entry);
    if (corrected) {
      corrected.supersededBy = fact.seq;
      this.unidentified.delete(corrected.seq);
    }
    if (entry.late) this.pendingLate.add(fact.seq);
    if (!entry.phone) this.unidentified.add(fact.seq);
    if (entry.group !== null && entry.phone) this.groups.set(entry.group, [...(this.groups.get(entry.group) ?? []), entry.phone]);
    return entry;
  }

  /** Whether the entry counts for ownership now: not waiting for (or refused by) the manager (REG-5). */
  counts(entry: RegisterEntry): boolean {
    return entry.late === null || entry.late.decision?.approved === true;
  }

}
