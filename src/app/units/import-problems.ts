// Why a row or a mapping is refused, as stable codes with params (a UI says them in zh-CN or English)
// and one English sentence for logs, the CLI and tests.
import type { UnitField } from './imported-unit.ts';
import type { AreaProblem, FloorProblem, PriceProblem } from './unit-cells.ts';

export type RowProblemCode =
  | 'building_missing'
  | 'room_missing'
  | 'floor_missing'
  | FloorProblem
  | AreaProblem
  | PriceProblem
  | 'price_implausible'
  | 'text_too_long'
  | 'duplicate_id'
  | 'duplicate_unit';

export type MappingProblemCode = 'column_required' | 'column_not_in_sheet' | 'column_used_twice';

export type ProblemParams = Readonly<Record<string, string | number | null>>;

export interface RowProblem {
  readonly code: RowProblemCode;
  /** The field the problem is in (`null` when it is the row as a whole). */
  readonly field: UnitField | null;
  readonly params: ProblemParams;
  readonly text: string;
}

/** A refused row: its 1-based spreadsheet row number, as Excel shows it, and every problem in it. */
export interface BadRow {
  readonly rowNo: number;
  readonly problems: readonly RowProblem[];
}

export interface MappingProblem {
  readonly code: MappingProblemCode;
  readonly field: UnitField | null;
  readonly params: ProblemParams;
  readonly text: string;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

const ROW_TEXT: Readonly<Record<RowProblemCode, (p: ProblemParams) => string>> = {
  building_missing: () => 'the building (楼栋) is empty',
  room_missing: () => 'the room number (房号) is empty',
  floor_missing: (p) => `the floor (楼层) is empty and room "${str(p.room)}" does not give it`,
  floor_not_integer: (p) => `floor "${str(p.value)}" is not a whole number`,
  floor_out_of_range: (p) => `floor ${str(p.value)} is outside -9…200 and not 0`,
  area_not_a_number: (p) => `area "${str(p.value)}" is not a number`,
  area_not_positive: (p) => `area "${str(p.value)}" is not a positive number`,
  price_not_a_number: (p) => `price "${str(p.value)}" is not a number`,
  price_not_positive: (p) => `price "${str(p.value)}" is not a positive amount`,
  price_implausible: (p) =>
    `price ${str(p.price)} yuan for ${str(p.area)} m² is ${str(p.perM2)} yuan/m²; is the price column in 万元 or 元?`,
  text_too_long: (p) => `${str(p.field)} is ${str(p.length)} characters, more than ${str(p.max)}`,
  duplicate_id: (p) => `unit ${str(p.id)} is already on row ${str(p.firstRow)}`,
  duplicate_unit: (p) => `building ${str(p.building)} room ${str(p.room)} is already on row ${str(p.firstRow)}`,
};

const MAPPING_TEXT: Readonly<Record<MappingProblemCode, (p: ProblemParams) => string>> = {
  column_required: (p) => `no column is mapped to ${str(p.field)}`,
  column_not_in_sheet: (p) => `${str(p.field)} is mapped to column ${str(p.column)}, which the sheet does not have`,
  column_used_twice: (p) => `column ${str(p.column)} is mapped to both ${str(p.field)} and ${str(p.other)}`,
};

export function rowProblem(code: RowProblemCode, field: UnitField | null, params: ProblemParams = {}): RowProblem {
  return { code, field, params, text: ROW_TEXT[code](params) };
}

export function mappingProblem(code: MappingProblemCode, field: UnitField | null, params: ProblemParams = {}): MappingProblem {
  return { code, field, params, text: MAPPING_TEXT[code](params) };
}
