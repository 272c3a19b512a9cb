// The import's column mapping as data: which fields a sheet maps, Excel's column letters, and moving a
// field to another column (or to none).
import type { ColumnMappingInput } from '../../contracts/index.ts';

export const MAPPED_FIELDS = ['building', 'unitNo', 'floor', 'room', 'layout', 'area', 'price', 'id'] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];
export const REQUIRED: ReadonlySet<MappedField> = new Set(['building', 'room']);
export const NONE = -1;

/** Excel's column letter of a 0-based index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The mapping with `field` moved to `column` (NONE: not imported). */
export function remapped(mapping: ColumnMappingInput, field: MappedField, column: number): ColumnMappingInput {
  const columns = { ...mapping.columns };
  if (column === NONE) delete columns[field];
  else columns[field] = column;
  return { ...mapping, columns };
}
