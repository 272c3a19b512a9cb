// A realistic office unit list for tests and timings: several buildings of 30+ floors, two entrances
// each, 4–8 rooms a floor, layouts, areas and list prices — the way a 价目表 looks — with a chosen
// fraction of rows made bad in known ways, so a test can check the import names exactly those rows.
// Deterministic: a seeded generator, no Math.random.
import { mulberry32 } from '../../bench/history.ts';
import ExcelJS from 'exceljs';
import type { ImportedUnit, RowProblemCode } from '../../src/app/units/unit-import.ts';
import { composeUnitId } from '../../src/app/units/imported-unit.ts';

export interface UnitSheetOptions {
  readonly units: number;
  /** Share of data rows made bad, spread evenly through the sheet (0 by default). */
  readonly badFraction?: number;
  readonly seed?: number;
  /** Prices in 万元 with two decimals ("总价(万元)") or in whole yuan ("标准总价(元)"). */
  readonly priceUnit?: 'wan' | 'yuan';
  /** A merged title line above the header, as most offices' sheets have (default true). */
  readonly titleRow?: boolean;
}

export type Cell = string | number | null;

export interface UnitSheet {
  readonly title: string | null;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** The spreadsheet row number of `rows[0]`. */
  readonly firstRowNo: number;
  /** The units the good rows describe, in sheet order. */
  readonly units: readonly ImportedUnit[];
  /** Each bad row and the problem it was made to have. */
  readonly bad: readonly { readonly rowNo: number; readonly code: RowProblemCode }[];
}

const LAYOUTS = [
  { layout: '四室两厅两卫', area: 143.6 },
  { layout: '三室两厅两卫', area: 125.32 },
  { layout: '三室两厅一卫', area: 108.75 },
  { layout: '两室两厅一卫', area: 89.46 },
] as const;

/** The ways a row is made bad, in turn; each is one a real sheet has. */
const BAD_KINDS = [
  'building_missing',
  'floor_not_integer',
  'area_not_positive',
  'price_not_a_number',
  'duplicate_id',
  'room_missing',
  'area_not_a_number',
  'price_not_positive',
] as const satisfies readonly RowProblemCode[];

const HEADERS = ['楼栋', '单元', '楼层', '房号', '户型', '建筑面积(㎡)'] as const;

export function unitSheet(options: UnitSheetOptions): UnitSheet {
  const rnd = mulberry32(options.seed ?? 1);
  const wan = (options.priceUnit ?? 'wan') === 'wan';
  const titleRow = options.titleRow ?? true;
  const firstRowNo = titleRow ? 3 : 2;

  // Good rows first, building by building, entrance by entrance, floor by floor.
  const good: { cells: Cell[]; unit: ImportedUnit }[] = [];
  for (let b = 1; good.length < options.units; b += 1) {
    const floors = 30 + Math.floor(rnd() * 5);
    const perEntrance = [2 + Math.floor(rnd() * 3), 2 + Math.floor(rnd() * 3)];
    const basePerM2 = 24_000 + Math.floor(rnd() * 6_000);
    for (let e = 1; e <= 2 && good.length < options.units; e += 1) {
      for (let floor = 1; floor <= floors && good.length < options.units; floor += 1) {
        for (let r = 1; r <= (perEntrance[e - 1] as number) && good.length < options.units; r += 1) {
          const kind = LAYOUTS[(r - 1) % LAYOUTS.length] as (typeof LAYOUTS)[number];
          const building = `${b}栋`;
          const unitNo = `${e}单元`;
          const room = `${floor}${String(r).padStart(2, '0')}`;
          // Higher floors cost more; a few yuan of noise so no two prices are alike.
          const yuan = Math.round((kind.area * (basePerM2 + floor * 120) + rnd() * 5_000) / 100) * 100;
          const written = wan ? Math.round(yuan / 100) / 100 : yuan;
          const price = wan ? Math.round(written * 10_000 * 100) / 100 : written;
          good.push({
            cells: [building, unitNo, floor, room, kind.layout, kind.area, written],
            unit: { id: composeUnitId(building, unitNo, room), building, unitNo, floor, room, layout: kind.layout, area: kind.area, price },
          });
        }
      }
    }
  }

  // Spread the bad rows evenly; a bad row replaces the good one in its place.
  const badCount = Math.round(options.units * (options.badFraction ?? 0));
  const badAt = new Map<number, RowProblemCode>();
  for (let k = 0; k < badCount; k += 1) {
    const index = Math.floor(((k + 0.5) * options.units) / badCount);
    const kind = BAD_KINDS[k % BAD_KINDS.length] as RowProblemCode;
    badAt.set(index, kind === 'duplicate_id' && (index === 0 || badAt.has(index - 1)) ? 'building_missing' : kind);
  }
  const rows: Cell[][] = [];
  const units: ImportedUnit[] = [];
  const bad: { rowNo: number; code: RowProblemCode }[] = [];
  good.forEach(({ cells, unit }, i) => {
    const code = badAt.get(i);
    if (code === undefined) {
      rows.push(cells);
      units.push(unit);
      return;
    }
    bad.push({ rowNo: firstRowNo + i, code });
    rows.push(spoil(code, cells, rows[i - 1] ?? cells));
  });
  return { title: titleRow ? '锦绣花园一期 房源价目表' : null, headers: [...HEADERS, wan ? '总价(万元)' : '标准总价(元)'], rows, firstRowNo, units, bad };
}

/** The row made bad in the given way. */
function spoil(code: RowProblemCode, cells: readonly Cell[], previous: readonly Cell[]): Cell[] {
  const row = [...cells];
  switch (code) {
    case 'building_missing':
      row[0] = null;
      break;
    case 'floor_not_integer':
      row[2] = '12.5';
      break;
    case 'area_not_positive':
      row[5] = 0;
      break;
    case 'area_not_a_number':
      row[5] = '约90';
      break;
    case 'price_not_a_number':
      row[6] = '二百三十万';
      break;
    case 'price_not_positive':
      row[6] = -1;
      break;
    case 'room_missing':
      row[3] = '';
      break;
    case 'duplicate_id':
      // The row above pasted twice: a copy-paste slip.
      return [...previous];
    default:
      throw new Error(`no way to make a row ${code}`);
  }
  return row;
}

/** The sheet as an .xlsx: the title merged across, the header frozen, numbers as numbers. */
export async function writeUnitXlsx(sheet: UnitSheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('房源', { views: [{ state: 'frozen', ySplit: sheet.firstRowNo - 1 }] });
  if (sheet.title) {
    ws.addRow([sheet.title]);
    ws.mergeCells(1, 1, 1, sheet.headers.length);
  }
  ws.addRow([...sheet.headers]).font = { bold: true };
  for (const row of sheet.rows) ws.addRow([...row]);
  ws.columns.forEach((c, i) => (c.width = i === 4 ? 16 : 12));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csvCell = (c: Cell) => {
  const text = c === null ? '' : String(c);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The sheet as CSV text, CRLF line ends as Excel writes them. */
export function unitCsvText(sheet: UnitSheet): string {
  const lines = [...(sheet.title ? [sheet.title] : []), sheet.headers.map(csvCell).join(','), ...sheet.rows.map((r) => r.map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

let gbTable: Map<string, number[]> | null = null;

/**
 * Text → GB18030 bytes, for the two-byte (GBK) range Chinese sheets use. Node decodes GB18030 but has no
 * encoder, so the table is built by decoding every two-byte code once.
 */
export function encodeGb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let hi = 0x81; hi <= 0xfe; hi += 1) {
      for (let lo = 0x40; lo <= 0xfe; lo += 1) {
        if (lo === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([hi, lo]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [hi, lo]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no two-byte GB18030 code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
