// One spreadsheet row → one unit, or every problem the row has (all of them, so the office fixes the
// row once). Checks that need other rows (duplicates) are the planner's.
import { columnLetter } from './sheet-grid.ts';
import type { SheetRow } from './sheet-grid.ts';
import { composeUnitId, type ImportedUnit, type UnitField } from './imported-unit.ts';
import { rowProblem, type RowProblem } from './import-problems.ts';
import { cleanCell, floorFromRoom, isPlaceholder, MAX_TEXT, plausiblePrice, readArea, readFloor, readPrice, readRoom } from './unit-cells.ts';
import type { ColumnMapping } from './unit-headers.ts';

/** Fields a row may leave empty; in these a 待定 or a dash is empty too. */
const OPTIONAL: ReadonlySet<UnitField> = new Set(['unitNo', 'layout', 'area', 'price']);

export type RowRead =
  | { readonly ok: true; readonly unit: ImportedUnit; readonly idFromSheet: boolean }
  | { readonly ok: false; readonly problems: readonly RowProblem[] };

export function readUnitRow(row: SheetRow, mapping: ColumnMapping): RowRead {
  const problems: RowProblem[] = [];
  const cell = (field: UnitField): string => {
    const column = mapping.columns[field];
    const text = column === undefined ? '' : cleanCell(row.cells[column] ?? '');
    return OPTIONAL.has(field) && isPlaceholder(text) ? '' : text;
  };
  // Where a problem is, as the office sees it: the column letter and what the cell says.
  const at = (field: UnitField, value: string) => {
    const column = mapping.columns[field];
    return { column: column === undefined ? null : columnLetter(column), value };
  };
  const text = (field: UnitField, value: string): string | null => {
    if (value.length <= MAX_TEXT) return value === '' ? null : value;
    problems.push(rowProblem('text_too_long', field, { ...at(field, value.slice(0, MAX_TEXT)), field, length: value.length, max: MAX_TEXT }));
    return null;
  };

  const building = text('building', cell('building'));
  if (cell('building') === '') problems.push(rowProblem('building_missing', 'building', at('building', '')));
  const unitNo = text('unitNo', cell('unitNo'));
  const room = text('room', readRoom(cell('room')));
  if (cell('room') === '') problems.push(rowProblem('room_missing', 'room', at('room', '')));

  // The floor column wins; an empty or absent one is read from the room number.
  let floor: number | null = null;
  const floorText = cell('floor');
  if (floorText !== '') {
    const read = readFloor(floorText);
    if (read.ok) floor = read.value;
    else problems.push(rowProblem(read.code, 'floor', at('floor', floorText)));
  } else if (room !== null) {
    floor = floorFromRoom(room);
    if (floor === null) problems.push(rowProblem('floor_missing', 'floor', { ...at('floor', ''), room }));
  }

  let area: number | null = null;
  const areaText = cell('area');
  if (areaText !== '') {
    const read = readArea(areaText);
    if (read.ok) area = read.value;
    else problems.push(rowProblem(read.code, 'area', at('area', areaText)));
  }

  let price: number | null = null;
  const priceText = cell('price');
  if (priceText !== '') {
    const read = readPrice(priceText, mapping.priceUnit);
    if (read.ok) price = read.value;
    else problems.push(rowProblem(read.code, 'price', at('price', priceText)));
  }
  if (price !== null && area !== null && !plausiblePrice(price, area)) {
    problems.push(rowProblem('price_implausible', 'price', { ...at('price', priceText), price, area, perM2: Math.round(price / area) }));
  }

  const layout = text('layout', cell('layout'));
  const sheetId = text('id', cell('id'));
  if (problems.length > 0 || building === null || room === null || floor === null) return { ok: false, problems };
  // A sheet's own 编号 is the id when it has one; a blank 编号 falls back to building-unit-room.
  const id = sheetId ?? composeUnitId(building, unitNo, room);
  return { ok: true, idFromSheet: sheetId !== null, unit: { id, building, unitNo, floor, room, layout, area, price } };
}
