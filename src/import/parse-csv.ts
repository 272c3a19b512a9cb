// RFC 4180 text → rows of cells. Written here rather than taken from exceljs's csv reader, which turns
// cells into numbers and dates ("0301" would become 301, "1-1" a date) — a unit list needs the text.
import type { SheetRow } from '../app/units/sheet-grid.ts';

/** The delimiter the first line uses most, outside quotes: comma, tab (Excel's "Unicode text") or semicolon. */
export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', '\t', ';'].map((d) => [d, unquoted.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

/**
 * Rows with their 1-based line-of-record numbers (a quoted cell spanning lines is one row, as Excel
 * shows it). Rows with no text at all are dropped, as Excel's used range drops them.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let rowNo = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ rowNo, cells });
    cells = [];
    cell = '';
    rowNo += 1;
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}
