// An uploaded unit list (.xlsx or .csv bytes) → the grid the pure import plans from. The format is told
// by the bytes, not the file name: an .xlsx is a zip ("PK\3\4"); an old .xls is an OLE file, refused
// with a code saying to save it as .xlsx; anything else is read as delimited text.
import { gridOf, looksLikeUnitHeader, type SheetGrid } from '../app/units/unit-import.ts';
import type { SheetRow } from '../app/units/sheet-grid.ts';
import { decodeText, type TextEncodingName } from './decode-text.ts';
import { parseCsv } from './parse-csv.ts';
import { readXlsx } from './read-xlsx.ts';

export type SheetFormat = 'xlsx' | 'xls' | 'csv';

export type SheetReadProblem = 'xls_not_supported' | 'xlsx_unreadable' | 'xlsx_no_sheet' | 'sheet_empty' | 'too_many_rows';

export type SheetRead =
  | { readonly ok: true; readonly format: SheetFormat; readonly encoding: TextEncodingName | null; readonly grid: SheetGrid }
  | { readonly ok: false; readonly code: SheetReadProblem; readonly format: SheetFormat };

/** Rows above this are not an office's unit list; refusing keeps a stray export from tying up the server. */
export const MAX_ROWS = 50_000;

export function sheetFormatOf(bytes: Uint8Array): SheetFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  return 'csv';
}

export async function readUnitSheet(bytes: Uint8Array, options: { readonly maxRows?: number } = {}): Promise<SheetRead> {
  return readSheet(bytes, looksLikeUnitHeader, options.maxRows ?? MAX_ROWS);
}

/** Any office sheet (a unit list, a register): the grid cut at the first row `looksLikeHeader` accepts. */
export async function readSheet(bytes: Uint8Array, looksLikeHeader: (cells: readonly string[]) => boolean, maxRows: number): Promise<SheetRead> {
  const format = sheetFormatOf(bytes);
  if (format === 'xls') return { ok: false, code: 'xls_not_supported', format };
  let rows: SheetRow[];
  let encoding: TextEncodingName | null = null;
  if (format === 'xlsx') {
    const read = await readXlsx(bytes);
    if (!read.ok) return { ok: false, code: read.code, format };
    rows = read.rows;
  } else {
    const decoded = decodeText(bytes);
    encoding = decoded.encoding;
    rows = parseCsv(decoded.text);
  }
  if (rows.length === 0) return { ok: false, code: 'sheet_empty', format };
  if (rows.length > maxRows + 1) return { ok: false, code: 'too_many_rows', format };
  return { ok: true, format, encoding, grid: gridOf(rows, looksLikeHeader) };
}
