// The first visible worksheet of an .xlsx as rows of text, read with exceljs.
import ExcelJS from 'exceljs';
import type { SheetRow } from '../app/units/sheet-grid.ts';

/**
 * A cell as the office sees it. Merged cells (a 楼栋 merged down its floors) read as the merge's value;
 * formulas as their result; rich text as its text. A number formatted "0000" keeps its zeros ("0301"),
 * a date is a calendar day.
 */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.type === ExcelJS.ValueType.Merge ? cell.master.value : cell.value;
  // A register's date cell often holds the time too (exceljs gives the wall clock as UTC): keep it when there is one.
  if (value instanceof Date) return value.toISOString().slice(11, 16) === '00:00' ? value.toISOString().slice(0, 10) : `${value.toISOString().slice(0, 10)} ${value.toISOString().slice(11, 16)}`;
  if (typeof value === 'number') {
    const zeros = /^0+$/.exec(cell.numFmt ?? '');
    return zeros && Number.isInteger(value) && value >= 0 ? String(value).padStart(zeros[0].length, '0') : String(value);
  }
  return cell.text ?? '';
}

export type XlsxRead = { readonly ok: true; readonly rows: SheetRow[] } | { readonly ok: false; readonly code: 'xlsx_unreadable' | 'xlsx_no_sheet' };

/**
 * Rows of the first worksheet that is not hidden (offices keep lookup tables in hidden sheets), with
 * Excel's row numbers; empty rows are left out, trailing empty cells trimmed.
 */
export async function readXlsx(bytes: Uint8Array): Promise<XlsxRead> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's type asks for a Buffer; a view of the same bytes, not a copy.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, code: 'xlsx_unreadable' };
  }
  const sheet = workbook.worksheets.find((s) => s.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) return { ok: false, code: 'xlsx_no_sheet' };
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNo) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) cells.push(cellText(row.getCell(c)));
    while (cells.length > 0 && (cells[cells.length - 1] as string).trim() === '') cells.pop();
    if (cells.length > 0) rows.push({ rowNo, cells });
  });
  return { ok: true, rows };
}
