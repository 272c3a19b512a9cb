// A spreadsheet as the import sees it: rows of text cells, each with the row number the office sees in
// Excel. Readers (src/import) produce it from .xlsx/.csv bytes; everything after that is pure.

/** One row of the sheet. `rowNo` is 1-based, as Excel shows it, so a refusal can point at the row. */
export interface SheetRow {
  readonly rowNo: number;
  readonly cells: readonly string[];
}

/** The sheet cut at its header row: `headers[i]` names column `i` of every row's `cells`. */
export interface SheetGrid {
  readonly headerRowNo: number;
  readonly headers: readonly string[];
  readonly rows: readonly SheetRow[];
}

/** Excel's column letter for a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * Cuts a sheet at its header row. Offices often put a title ("XX花园一期价目表") and a date above the
 * header, so the header is the first of the first few rows that `looksLikeHeader` accepts; when none
 * does, the first row is the header and column mapping is left to the person importing.
 */
export function gridOf(rows: readonly SheetRow[], looksLikeHeader: (cells: readonly string[]) => boolean, searchRows = 10): SheetGrid {
  const at = rows.slice(0, searchRows).findIndex((r) => looksLikeHeader(r.cells));
  const headerAt = at === -1 ? 0 : at;
  const header = rows[headerAt];
  if (!header) return { headerRowNo: 1, headers: [], rows: [] };
  return { headerRowNo: header.rowNo, headers: header.cells, rows: rows.slice(headerAt + 1) };
}

/**
 * Assigns columns to fields from scored (column, field) pairs, best first, so a column serves one field and a
 * field one column; ties go to the leftmost column, as a person would read. `score` 0 means "not this field".
 */
export function bestColumns<F extends string>(headers: readonly string[], fields: readonly F[], score: (field: F, header: string) => number): { columns: Partial<Record<F, number>>; used: Set<number> } {
  const pairs: { field: F; column: number; score: number }[] = [];
  headers.forEach((header, column) => {
    for (const field of fields) {
      const s = score(field, header);
      if (s > 0) pairs.push({ field, column, score: s });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.column - b.column);
  const columns: Partial<Record<F, number>> = {};
  const used = new Set<number>();
  for (const p of pairs) {
    if (columns[p.field] !== undefined || used.has(p.column)) continue;
    columns[p.field] = p.column;
    used.add(p.column);
  }
  return { columns, used };
}
