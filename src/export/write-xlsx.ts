// REP-4: writes a sheet (src/app/reports/report-sheets.ts) as .xlsx through exceljs's streaming writer: each
// row is committed as it is written, so memory does not grow with the rows. A title row naming the filter,
// the header row below it, both frozen; column widths; dates, numbers and money as typed cells.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellKind, SheetSpec } from '../app/reports/report-sheets.ts';

const FORMATS: Readonly<Record<CellKind, string | undefined>> = {
  text: undefined,
  number: '0.##',
  money: '#,##0.00',
  date: 'yyyy-mm-dd hh:mm',
  percent: '0.0%',
};

/** Streams the sheet to `out` as an .xlsx file; resolves once the file is complete. */
export async function writeXlsx(spec: SheetSpec, out: Writable): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = 'Anchang';
  const sheet = book.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }] });
  sheet.columns = spec.columns.map((c, i) => ({ key: `c${i}`, width: c.width, ...(FORMATS[c.kind] ? { style: { numFmt: FORMATS[c.kind] as string } } : {}) }));
  const title = sheet.addRow([spec.title]);
  title.font = { bold: true, size: 13 };
  if (spec.columns.length > 1) sheet.mergeCells(1, 1, 1, spec.columns.length);
  title.commit();
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for (const cells of spec.rows) sheet.addRow(cells.map((v) => (v === null ? null : v))).commit();
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: spec.columns.length } };
  sheet.commit();
  await book.commit();
}
