// Reading an office's unit list file (src/import): .csv in the encodings Excel writes, .xlsx as offices
// lay it out (a title line, merged 楼栋 cells, formulas, zero-padded room numbers, hidden sheets).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { planImport, suggestMapping } from '../../src/app/units/unit-import.ts';
import { detectEncoding } from '../../src/import/decode-text.ts';
import { parseCsv } from '../../src/import/parse-csv.ts';
import { readUnitSheet } from '../../src/import/read-unit-sheet.ts';
import { encodeGb18030, unitCsvText, unitSheet, writeUnitXlsx } from '../support/unit-sheet.ts';

const CSV = '楼栋,单元,楼层,房号,户型,建筑面积(㎡),总价(万元)\r\n1栋,1单元,12,1201,三室两厅,125.32,325.5\r\n2栋,,,0301,"两室,两厅",89.46,235万\r\n';

async function gridOf(bytes: Uint8Array) {
  const read = await readUnitSheet(bytes);
  if (!read.ok) throw new Error(read.code);
  return read;
}

async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('csv', () => {
  const expected = {
    headerRowNo: 1,
    headers: ['楼栋', '单元', '楼层', '房号', '户型', '建筑面积(㎡)', '总价(万元)'],
    rows: [
      { rowNo: 2, cells: ['1栋', '1单元', '12', '1201', '三室两厅', '125.32', '325.5'] },
      { rowNo: 3, cells: ['2栋', '', '', '0301', '两室,两厅', '89.46', '235万'] },
    ],
  };

  it('reads UTF-8, UTF-8 with a BOM, GB18030 and UTF-16 to the same grid, keeping leading zeros', async () => {
    const utf8 = new TextEncoder().encode(CSV);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    const gb = encodeGb18030(CSV);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(CSV.replace(/,/g, '\t').replace('"两室\t两厅"', '两室,两厅'), 'utf16le')]);
    const reads = await Promise.all([utf8, bom, gb, utf16].map(gridOf));
    expect(reads.map((r) => [r.format, r.encoding])).toEqual([['csv', 'utf-8'], ['csv', 'utf-8'], ['csv', 'gb18030'], ['csv', 'utf-16le']]);
    for (const r of reads) expect(r.grid).toEqual(expected);
  });

  it('tells GBK bytes from UTF-8 ones', () => {
    expect(detectEncoding(encodeGb18030('楼栋,房号'))).toBe('gb18030');
    expect(detectEncoding(new TextEncoder().encode('楼栋,房号'))).toBe('utf-8');
    expect(detectEncoding(new TextEncoder().encode('building,room'))).toBe('utf-8');
  });

  it('keeps quoted commas, quotes and line breaks in one cell, numbering rows as Excel shows them', () => {
    expect(parseCsv('a,b\n"x, ""y""","line1\nline2"\n\n1,2')).toEqual([
      { rowNo: 1, cells: ['a', 'b'] },
      { rowNo: 2, cells: ['x, "y"', 'line1\nline2'] },
      { rowNo: 4, cells: ['1', '2'] },
    ]);
    expect(parseCsv('a;b\r\n1;2').map((r) => r.cells)).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('plans a GB18030 file written by the generator to the units it describes', async () => {
    const sheet = unitSheet({ units: 120, seed: 7 });
    const read = await gridOf(encodeGb18030(unitCsvText(sheet)));
    expect(read.grid.headerRowNo).toBe(2);
    const plan = planImport(read.grid, suggestMapping(read.grid.headers), []);
    expect(plan.ok && plan.add.map((a) => a.unit)).toEqual(sheet.units);
  });
});

describe('xlsx', () => {
  it('round-trips a generated sheet: title line, frozen header, numbers as numbers, 元 prices', async () => {
    const sheet = unitSheet({ units: 300, seed: 3, priceUnit: 'yuan' });
    const read = await gridOf(await writeUnitXlsx(sheet));
    expect([read.format, read.encoding, read.grid.headerRowNo, read.grid.rows[0]?.rowNo]).toEqual(['xlsx', null, 2, 3]);
    const mapping = suggestMapping(read.grid.headers);
    expect(mapping.priceUnit).toBe('yuan');
    const plan = planImport(read.grid, mapping, []);
    expect(plan.ok && plan.add.map((a) => a.unit)).toEqual(sheet.units);
  });

  it('reads merged 楼栋 cells, formulas, rich text and zero-padded room numbers as the office sees them', async () => {
    const bytes = await xlsx((wb) => {
      wb.addWorksheet('lookup', { state: 'hidden' }).addRow(['不是房源']);
      const ws = wb.addWorksheet('房源');
      ws.addRow(['楼栋', '房号', '建筑面积', '总价(万元)']);
      ws.addRow(['1栋', 301, 89.46, 235]);
      ws.addRow([null, 302, { formula: 'C2+1', result: 90.46 }, { richText: [{ text: '23' }, { text: '6' }] }]);
      ws.mergeCells('A2:A3');
      ws.getColumn(2).numFmt = '0000';
      ws.getCell('B2').numFmt = '0000';
      ws.getCell('B3').numFmt = '0000';
    });
    const read = await gridOf(bytes);
    expect(read.grid.rows.map((r) => r.cells)).toEqual([
      ['1栋', '0301', '89.46', '235'],
      ['1栋', '0302', '90.46', '236'],
    ]);
    const plan = planImport(read.grid, suggestMapping(read.grid.headers), []);
    expect(plan.ok && plan.add.map((a) => [a.unit.id, a.unit.floor, a.unit.price])).toEqual([
      ['1栋-0301', 3, 2_350_000],
      ['1栋-0302', 3, 2_360_000],
    ]);
  });

  it('refuses an old .xls, a broken .xlsx and an empty file with a code', async () => {
    expect(await readUnitSheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({ ok: false, code: 'xls_not_supported', format: 'xls' });
    expect(await readUnitSheet(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toEqual({ ok: false, code: 'xlsx_unreadable', format: 'xlsx' });
    expect(await readUnitSheet(new Uint8Array([]))).toEqual({ ok: false, code: 'sheet_empty', format: 'csv' });
    expect(await readUnitSheet(new TextEncoder().encode('楼栋,房号\n1栋,101\n1栋,102\n'), { maxRows: 1 })).toMatchObject({ ok: false, code: 'too_many_rows' });
  });
});
