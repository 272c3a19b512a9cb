// Whether the office's register already holds an entry (issue 11.4): the dry run marks such rows, and the
// import command refuses them under the store's lock, so two managers committing one file record it once.
import { importedEntryKey, type Engine } from '../../core/engine.ts';
import type { PhoneKey } from '../../core/phone.ts';
import type { Instant } from '../../core/time.ts';
import type { EntryKind } from './register-columns.ts';

/**
 * `imported`: this very entry (kind, customer, time) was imported before — a second commit of the file skips it.
 * `live`: the register has an entry of that kind for the customer on that local day (a follow-up: by the same
 * consultant) — the paper entry duplicates it and is rejected. `null`: a new entry.
 */
export type Existing = 'imported' | 'live' | null;

export function existingEntry(engine: Engine, kind: EntryKind, phone: PhoneKey, at: Instant, consultant: string): Existing {
  if (engine.importedEntries.has(importedEntryKey(kind, phone, at))) return 'imported';
  const records = engine.customers.get(phone)?.records;
  if (!records) return null;
  const day = engine.dayOf(at);
  for (const r of records) {
    if (engine.dayOf(r.at) !== day) continue;
    if (kind === 'followUp' ? r.kind === 'followUp' && r.by === consultant : (r.kind === 'registration' && r.via === kind) || (kind === 'visit' && r.kind === 'arrival')) return 'live';
  }
  return null;
}
