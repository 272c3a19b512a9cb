// The unit an office's list spreadsheet describes (DEAL-1). The engine's `Unit` is aligned to this shape.

export interface ImportedUnit {
  readonly id: string;
  /** 楼栋, as the office writes it: "1栋", "A座". */
  readonly building: string;
  /** 单元 (entrance), when the building has several. */
  readonly unitNo: string | null;
  readonly floor: number;
  /** 房号, without a trailing 室: "1201". */
  readonly room: string;
  /** 户型: "三室两厅", "3房". */
  readonly layout: string | null;
  /** 建筑面积 in m². */
  readonly area: number | null;
  /** List price (总价/表价) in yuan. */
  readonly price: number | null;
}

/** The columns a unit list can have; `id` only when the sheet keeps its own 编号. */
export type UnitField = 'id' | 'building' | 'unitNo' | 'floor' | 'room' | 'layout' | 'area' | 'price';

/** The fields compared on re-import: everything but the id, which is the key. */
export const UNIT_VALUE_FIELDS = ['building', 'unitNo', 'floor', 'room', 'layout', 'area', 'price'] as const satisfies readonly UnitField[];
export type UnitValueField = (typeof UNIT_VALUE_FIELDS)[number];

/** A unit's id when the sheet has no id column: building, entrance when there is one, room. */
export function composeUnitId(building: string, unitNo: string | null, room: string): string {
  return `${building}-${unitNo ? `${unitNo}-` : ''}${room}`;
}

/** The fields in which two units with the same id differ, in a fixed order (empty: unchanged). */
export function changedFields(before: ImportedUnit, after: ImportedUnit): UnitValueField[] {
  return UNIT_VALUE_FIELDS.filter((f) => before[f] !== after[f]);
}
