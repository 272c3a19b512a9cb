// Importing an office's unit list (DEAL-1): a dry run that says, before anything is recorded, which
// units the sheet adds, which it edits and which it leaves as they are — or refuses the sheet whole,
// naming every bad row, so an office never ends up with half a price list.
import { changedFields, UNIT_VALUE_FIELDS, composeUnitId, type ImportedUnit, type UnitField, type UnitValueField } from './imported-unit.ts';
import { mappingProblem, rowProblem, type BadRow, type MappingProblem } from './import-problems.ts';
import { readUnitRow } from './read-unit-row.ts';
import { cleanCell } from './unit-cells.ts';
import { REQUIRED_FIELDS, type ColumnMapping } from './unit-headers.ts';
import { columnLetter, type SheetGrid, type SheetRow } from './sheet-grid.ts';

export type { ImportedUnit, UnitField } from './imported-unit.ts';
export type { BadRow, MappingProblem, RowProblem, RowProblemCode, MappingProblemCode } from './import-problems.ts';
export type { ColumnMapping, MappingSuggestion, PriceUnit } from './unit-headers.ts';
export type { SheetGrid, SheetRow } from './sheet-grid.ts';
export { suggestMapping, looksLikeUnitHeader } from './unit-headers.ts';
export { gridOf } from './sheet-grid.ts';

export interface PlannedUnit {
  readonly rowNo: number;
  readonly unit: ImportedUnit;
}

export interface PlannedEdit {
  readonly rowNo: number;
  readonly before: ImportedUnit;
  readonly after: ImportedUnit;
  readonly fields: readonly UnitValueField[];
}

/** Rows passed over without being units: blank rows and the 合计/小计 lines offices put under a list. */
export interface SkippedRow {
  readonly rowNo: number;
  readonly why: 'blank' | 'total';
}

export type ImportPlan =
  | {
      readonly ok: true;
      readonly add: readonly PlannedUnit[];
      readonly edit: readonly PlannedEdit[];
      readonly unchanged: readonly PlannedUnit[];
      /** Ids the office has that the sheet does not list; shown, never withdrawn by an import. */
      readonly absent: readonly string[];
      readonly skipped: readonly SkippedRow[];
    }
  | {
      readonly ok: false;
      readonly mappingProblems: readonly MappingProblem[];
      readonly badRows: readonly BadRow[];
      /** Rows read as units (good and bad), so a UI can say "12 of 5,000 rows". */
      readonly rowCount: number;
      readonly skipped: readonly SkippedRow[];
    };

/** A mapping the sheet can be read with: the required fields present, columns in the sheet, none twice. */
export function checkMapping(mapping: ColumnMapping, columnCount: number): MappingProblem[] {
  const problems: MappingProblem[] = REQUIRED_FIELDS.filter((f) => mapping.columns[f] === undefined).map((field) =>
    mappingProblem('column_required', field, { field }),
  );
  const byColumn = new Map<number, UnitField>();
  for (const [field, column] of Object.entries(mapping.columns) as [UnitField, number][]) {
    if (!Number.isInteger(column) || column < 0 || column >= columnCount) {
      problems.push(mappingProblem('column_not_in_sheet', field, { field, column: Number.isInteger(column) && column >= 0 ? columnLetter(column) : String(column) }));
      continue;
    }
    const other = byColumn.get(column);
    if (other) problems.push(mappingProblem('column_used_twice', field, { field, other, column: columnLetter(column) }));
    else byColumn.set(column, field);
  }
  return problems;
}

const TOTAL = /^(合计|总计|小计|共计|total|subtotal)/i;

function skipOf(row: SheetRow): SkippedRow['why'] | null {
  const first = row.cells.map(cleanCell).find((c) => c !== '');
  if (first === undefined) return 'blank';
  return TOTAL.test(first) ? 'total' : null;
}

/**
 * A field whose column the mapping leaves out is not in the sheet, so re-importing keeps what the office
 * has (a sheet without prices does not erase prices); a mapped but empty cell does clear it.
 */
function withUnmappedKept(unit: ImportedUnit, before: ImportedUnit, mapping: ColumnMapping): ImportedUnit {
  const kept: Partial<Record<UnitValueField, unknown>> = {};
  for (const f of UNIT_VALUE_FIELDS) if (mapping.columns[f] === undefined && f !== 'floor') kept[f] = before[f];
  return { ...unit, ...kept } as ImportedUnit;
}

/**
 * The dry run. Every row is read; a row with any problem is listed with all of them, and a unit id (or,
 * when the sheet keeps its own ids, a building-unit-room) seen on an earlier row makes the later row
 * bad, pointing at the first. One bad row refuses the whole sheet. Otherwise each unit is new, an edit
 * of the office's unit with that id (naming the fields that change), or unchanged — so importing the
 * same sheet twice changes nothing.
 */
export function planImport(grid: SheetGrid, mapping: ColumnMapping, existingUnits: Iterable<ImportedUnit>): ImportPlan {
  const skipped: SkippedRow[] = [];
  const mappingProblems = checkMapping(mapping, grid.headers.length);
  if (mappingProblems.length > 0) return { ok: false, mappingProblems, badRows: [], rowCount: 0, skipped };

  const badRows: BadRow[] = [];
  const read: PlannedUnit[] = [];
  const firstRowOfId = new Map<string, number>();
  const firstRowOfPlace = new Map<string, number>();
  let rowCount = 0;
  for (const row of grid.rows) {
    const skip = skipOf(row);
    if (skip) {
      skipped.push({ rowNo: row.rowNo, why: skip });
      continue;
    }
    rowCount += 1;
    const result = readUnitRow(row, mapping);
    if (!result.ok) {
      badRows.push({ rowNo: row.rowNo, problems: result.problems });
      continue;
    }
    const { unit } = result;
    const firstRow = firstRowOfId.get(unit.id);
    const place = composeUnitId(unit.building, unit.unitNo, unit.room);
    const firstPlaceRow = result.idFromSheet ? firstRowOfPlace.get(place) : undefined;
    if (firstRow !== undefined) {
      badRows.push({ rowNo: row.rowNo, problems: [rowProblem('duplicate_id', 'id', { id: unit.id, firstRow })] });
    } else if (firstPlaceRow !== undefined) {
      badRows.push({ rowNo: row.rowNo, problems: [rowProblem('duplicate_unit', 'room', { building: unit.building, room: unit.room, firstRow: firstPlaceRow })] });
    } else {
      read.push({ rowNo: row.rowNo, unit });
    }
    if (firstRow === undefined) firstRowOfId.set(unit.id, row.rowNo);
    if (!firstRowOfPlace.has(place)) firstRowOfPlace.set(place, row.rowNo);
  }
  if (badRows.length > 0) return { ok: false, mappingProblems: [], badRows, rowCount, skipped };

  const existing = new Map<string, ImportedUnit>();
  for (const u of existingUnits) existing.set(u.id, u);
  const add: PlannedUnit[] = [];
  const edit: PlannedEdit[] = [];
  const unchanged: PlannedUnit[] = [];
  for (const { rowNo, unit } of read) {
    const before = existing.get(unit.id);
    if (!before) {
      add.push({ rowNo, unit });
      continue;
    }
    const after = withUnmappedKept(unit, before, mapping);
    const fields = changedFields(before, after);
    if (fields.length === 0) unchanged.push({ rowNo, unit: before });
    else edit.push({ rowNo, before, after, fields });
  }
  const absent = [...existing.keys()].filter((id) => !firstRowOfId.has(id));
  return { ok: true, add, edit, unchanged, absent, skipped };
}
