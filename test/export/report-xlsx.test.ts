// REP-4 golden tests: the .xlsx the export writes, read back with exceljs — the title naming the filter, the
// Chinese header row, both frozen; column widths; dates as dates in the project's local time, numbers and money
// as numbers (never text); every row of the register.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportSheet, SHEET_NAMES, type SheetName } from '../../src/app/reports/report-sheets.ts';
import { writeXlsx } from '../../src/export/write-xlsx.ts';
import { ZONE } from '../support/office.ts';
import { reportOffice, type ReportOffice } from '../app/reports-office.ts';

async function written(office: ReportOffice, sheet: SheetName, kind: 'day' | 'week', date: string): Promise<ExcelJS.Worksheet> {
  const report = await office.report(kind, date, '2026-03-06 20:00');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeXlsx(reportSheet(sheet, report, { engine: office.engine, zone: ZONE, office: '花果园' }), out);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const ws = book.worksheets[0];
  if (!ws) throw new Error('no worksheet');
  return ws;
}

const row = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

describe('report export (.xlsx)', () => {
  let office: ReportOffice;
  beforeAll(async () => {
    office = await reportOffice();
  });

  it('REP-4: the visit and call register — title with the filter, frozen Chinese headers, typed cells, widths', async () => {
    const ws = await written(office, 'visits', 'day', '2026-03-02');
    expect(ws.name).toBe(SHEET_NAMES.visits);
    expect(ws.getCell('A1').value).toBe('花果园 来人来电登记（日报 2026-03-02）');
    expect(row(ws, 2)).toEqual(['日期时间', '类型', '客户', '电话', '新/老客户', '接待顾问', '认知途径', '诚意度', '区域', '物业类型', '意向房源', '预算(万元)', '渠道']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(1).width).toBe(18);
    expect(ws.getColumn(4).width).toBe(14);
    expect(ws.rowCount).toBe(2 + 4);
    // 09:10 Shanghai is a date cell reading 09:10, not a text
    const when = ws.getCell('A3');
    expect(when.type).toBe(ExcelJS.ValueType.Date);
    expect(when.value).toEqual(new Date(Date.UTC(2026, 2, 2, 9, 10)));
    expect(when.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(row(ws, 3).slice(1, 8)).toEqual(['来访', '张先生', '13800000001', '新客户', '王磊', '朋友介绍', 'A']);
    expect(ws.getCell('L3').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('L3').value).toBe(150);
    expect(ws.getCell('M5').value).toBe('lianjia');
    expect(row(ws, 6).slice(1, 6)).toEqual(['来电', '王', '13800000004', '新客户', '李娜']);
  });

  it('REP-4: the deposit register and the ranking carry amounts, areas and rates as numbers', async () => {
    const deposits = await written(office, 'deposits', 'week', '2026-03-02');
    expect(row(deposits, 2)).toEqual(['日期', '阶段', '楼栋', '房号', '面积(㎡)', '总价(元)', '本次金额(元)', '客户', '电话', '置业顾问', '已退/违约']);
    expect(row(deposits, 3).slice(1)).toEqual(['大定', '1栋', '1201', 98.5, 1_200_000, 50_000, '张先生', '13800000001', '王磊', '否']);
    expect(deposits.getCell('F3').type).toBe(ExcelJS.ValueType.Number);
    expect(deposits.getCell('F3').numFmt).toBe('#,##0.00');
    const ranking = await written(office, 'ranking', 'week', '2026-03-02');
    expect(ranking.getCell('A1').value).toBe('花果园 置业顾问排名（周报 2026-03-02 至 2026-03-08）');
    expect(row(ranking, 3)).toEqual([1, '王磊', 3, 2, 0, 1, 98.5, 1_200_000, 1, 0.5]);
    expect(ranking.getCell('J3').numFmt).toBe('0.0%');
  });

  it('REP-4, REP-3: the follow-up misses list each customer behind a miss', async () => {
    const ws = await written(office, 'compliance', 'week', '2026-03-02');
    expect(row(ws, 2)).toEqual(['置业顾问', '客户', '电话', '首次来访', '回访次数', '应回访次数']);
    const rows = [row(ws, 3), row(ws, 4)].map((r) => [r[0], r[2], r[4], r[5]]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['王磊', '13800000003', 0, 3],
        ['李娜', '13800000002', 1, 3],
      ]),
    );
  });
});
