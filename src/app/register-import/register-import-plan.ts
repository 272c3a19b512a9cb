// The dry run of a register import (issue 11.4): every row of the file either becomes an entry to import, or
// is recognised as imported already (a second commit of the same file), or is rejected with its reasons —
// bad phone, missing name, a date in the future, a duplicate inside the file, an entry the live register
// already has. Nothing is recorded; the commit (commit-register-import.ts) imports exactly `entries`.
import type { Engine } from '../../core/engine.ts';
import type { StaffId } from '../../core/facts.ts';
import { normalisePhone, type PhoneKey } from '../../core/phone.ts';
import type { Policy } from '../../core/policy.ts';
import { LocalCalendar, type Instant } from '../../core/time.ts';
import type { ImportedEntry } from '../commands.ts';
import { cleanCell } from '../units/unit-cells.ts';
import type { SheetGrid } from '../units/sheet-grid.ts';
import { checkRegisterMapping, type EntryKind, type MappingProblem, type RegisterColumn, type RegisterMapping } from './register-columns.ts';
import { budgetOf, contactViaOf, genderOf, kindOf, reachedOf, registerTime } from './register-cells.ts';
import { existingEntry, type Existing } from './register-lookup.ts';

export type RejectCode =
  | 'missing_date'
  | 'bad_date'
  | 'future_date'
  | 'missing_phone'
  | 'bad_phone'
  | 'missing_name'
  | 'missing_consultant'
  | 'unknown_consultant'
  | 'unknown_kind'
  | 'unknown_option'
  | 'bad_budget'
  | 'unknown_contact'
  | 'duplicate_in_file'
  | 'already_registered';

export interface RejectReason {
  readonly code: RejectCode;
  readonly field: RegisterColumn | null;
  /** What the reason names: the cell's value, the row it duplicates. */
  readonly params: Readonly<Record<string, string | number>>;
}

export interface RejectedRow {
  readonly rowNo: number;
  readonly cells: readonly string[];
  readonly reasons: readonly RejectReason[];
}

export interface PlannedEntry {
  readonly rowNo: number;
  readonly entry: ImportedEntry;
}

export type RegisterImportPlan =
  | { readonly ok: false; readonly mappingProblems: readonly MappingProblem[]; readonly rowCount: number }
  | {
      readonly ok: true;
      readonly rowCount: number;
      readonly entries: readonly PlannedEntry[];
      /** Rows whose entry the register has from an earlier import of them: a second commit skips them. */
      readonly alreadyImported: readonly number[];
      readonly rejects: readonly RejectedRow[];
      readonly byKind: Readonly<Record<EntryKind, number>>;
    };

/** What the dry run checks rows against: the office's clock, zone, policy, consultants and register. */
export interface RegisterImportContext {
  readonly zone: string;
  readonly now: Instant;
  readonly policy: Policy;
  /** A consultant named by staff id or by name; null when the office has no such consultant. */
  readonly consultantOf: (text: string) => StaffId | null;
  readonly existing: (kind: EntryKind, phone: PhoneKey, at: Instant, consultant: StaffId) => Existing;
}

/** The context of an office as its engine stands at `now`. */
export function importContextOf(engine: Engine, now: Instant): RegisterImportContext {
  const byName = new Map<string, StaffId | null>();
  for (const s of engine.staff.values()) {
    if (s.role !== 'consultant') continue;
    byName.set(s.id, s.id);
    const name = s.name?.trim();
    // Two consultants of one name cannot be told apart by it: such a row names nobody.
    if (name) byName.set(name, byName.has(name) && byName.get(name) !== s.id ? null : s.id);
  }
  return {
    zone: engine.zone,
    now,
    policy: engine.policy,
    consultantOf: (text) => byName.get(text) ?? null,
    existing: (kind, phone, at, consultant) => existingEntry(engine, kind, phone, at, consultant),
  };
}

const OPTION_LISTS = { source: 'sources', grade: 'grades', district: 'districts', propertyType: 'propertyTypes' } as const;
const TEXT_FIELDS = ['needs', 'units', 'address', 'carBrand', 'plate'] as const;

/** Reads every row against the mapping and the office; pure. */
export function planRegisterImport(grid: SheetGrid, mapping: RegisterMapping, ctx: RegisterImportContext): RegisterImportPlan {
  const columnCount = Math.max(grid.headers.length, ...grid.rows.map((r) => r.cells.length));
  const mappingProblems = checkRegisterMapping(mapping, columnCount);
  if (mappingProblems.length > 0) return { ok: false, mappingProblems, rowCount: grid.rows.length };
  const calendar = new LocalCalendar(ctx.zone);
  const entries: PlannedEntry[] = [];
  const alreadyImported: number[] = [];
  const rejects: RejectedRow[] = [];
  const byKind: Record<EntryKind, number> = { visit: 0, call: 0, followUp: 0 };
  const firstRow = new Map<string, number>();

  for (const row of grid.rows) {
    const cell = (field: RegisterColumn): string => {
      const i = mapping.columns[field];
      return i === undefined ? '' : cleanCell(row.cells[i] ?? '');
    };
    if (row.cells.every((c) => c.trim() === '')) continue;
    const reasons: RejectReason[] = [];
    const bad = (code: RejectCode, field: RegisterColumn | null, params: Record<string, string | number> = {}) => reasons.push({ code, field, params });

    const kindText = cell('kind');
    const kind = kindText === '' ? mapping.kind : kindOf(kindText);
    if (kind === null) bad('unknown_kind', 'kind', { value: kindText });

    const dateText = cell('date');
    const at = dateText === '' ? null : registerTime(dateText, cell('time'), ctx.zone);
    if (dateText === '') bad('missing_date', 'date');
    else if (at === null) bad('bad_date', 'date', { value: [dateText, cell('time')].filter(Boolean).join(' ') });
    else if (at > ctx.now) bad('future_date', 'date', { value: dateText });

    const phoneText = cell('phone');
    const phone = phoneText === '' ? null : normalisePhone(phoneText);
    if (phoneText === '') bad('missing_phone', 'phone');
    else if (phone === null) bad('bad_phone', 'phone', { value: phoneText });

    const name = cell('name');
    if (kind !== 'followUp' && name === '') bad('missing_name', 'name');

    const consultantText = cell('consultant');
    const consultant = consultantText === '' ? null : ctx.consultantOf(consultantText);
    if (consultantText === '') bad('missing_consultant', 'consultant');
    else if (consultant === null) bad('unknown_consultant', 'consultant', { value: consultantText });

    const details: Record<string, string | number> = {};
    for (const [field, list] of Object.entries(OPTION_LISTS) as [keyof typeof OPTION_LISTS, (typeof OPTION_LISTS)[keyof typeof OPTION_LISTS]][]) {
      const value = cell(field);
      if (value === '') continue;
      if (!ctx.policy.registerOptions[list].includes(value)) bad('unknown_option', field, { value });
      else details[field] = value;
    }
    for (const field of TEXT_FIELDS) if (cell(field) !== '') details[field] = cell(field);
    const budgetText = cell('budget');
    if (budgetText !== '') {
      const budget = budgetOf(budgetText);
      if (budget === null) bad('bad_budget', 'budget', { value: budgetText });
      else details.budget = budget;
    }
    const viaText = cell('contactVia');
    const via = viaText === '' ? 'call' : contactViaOf(viaText);
    if (kind === 'followUp' && via === null) bad('unknown_contact', 'contactVia', { value: viaText });

    if (reasons.length === 0 && kind !== null && at !== null && phone !== null && consultant !== null) {
      // One entry of a kind per customer and local day (a follow-up: per consultant too).
      const key = `${kind}|${phone}|${calendar.dayOf(at).key}${kind === 'followUp' ? `|${consultant}` : ''}`;
      const first = firstRow.get(key);
      const existing = ctx.existing(kind, phone, at, consultant);
      if (first !== undefined) bad('duplicate_in_file', null, { firstRow: first });
      else if (existing === 'live') bad('already_registered', null, {});
      firstRow.set(key, first ?? row.rowNo);
      if (reasons.length === 0 && existing === 'imported') {
        alreadyImported.push(row.rowNo);
        continue;
      }
      if (reasons.length === 0) {
        const gender = genderOf(cell('gender'));
        const reached = reachedOf(cell('reached'));
        const said = cell('said');
        const entry: ImportedEntry =
          kind === 'followUp'
            ? { kind, at, phone, consultant, via: via ?? 'call', reached: reached ?? true, ...(said ? { said } : {}) }
            : { kind, at, phone, consultant, ...(name ? { name } : {}), ...(gender ? { gender } : {}), ...(details as Partial<ImportedEntry>) };
        entries.push({ rowNo: row.rowNo, entry });
        byKind[kind] += 1;
        continue;
      }
    }
    rejects.push({ rowNo: row.rowNo, cells: row.cells, reasons });
  }
  return { ok: true, rowCount: grid.rows.length, entries, alreadyImported, rejects, byKind };
}
