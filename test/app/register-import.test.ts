// Issue 11.4: the register import's dry run, row by row — the headers an office uses are recognised, dates in
// the ways offices write them are read, and each kind of bad row is rejected with its reason; the rejects
// file names each row and reason in Chinese.
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { suggestRegisterMapping } from '../../src/app/register-import/register-columns.ts';
import { registerTime } from '../../src/app/register-import/register-cells.ts';
import { importContextOf, planRegisterImport } from '../../src/app/register-import/register-import-plan.ts';
import { rejectsSheet } from '../../src/app/register-import/rejects-sheet.ts';
import { gridOf } from '../../src/app/units/sheet-grid.ts';
import { looksLikeRegisterHeader } from '../../src/app/register-import/register-columns.ts';
import { writeXlsx } from '../../src/export/write-xlsx.ts';
import { CustomerIndex } from '../../src/app/customer-index.ts';
import { officeReport } from '../../src/app/reports/office-report.ts';
import { reportPeriod, type ReportPeriod } from '../../src/app/reports/report-period.ts';
import { readRegisterSheet } from '../../src/import/read-register-sheet.ts';
import { STANDARD_POLICY } from '../../src/core/policy.ts';
import { at, testOffice, ZONE } from '../support/office.ts';

const HEADERS = ['来访日期', '来访时间', '类型', '客户姓名', '联系电话', '接待顾问', '认知途径', '需求'];

function office() {
  const o = testOffice([
    { id: 'A', role: 'consultant', name: '王磊' },
    { id: 'B', role: 'consultant', name: '李娜' },
    { id: 'M', role: 'manager', name: '赵经理' },
  ], STANDARD_POLICY, '2026-02-01 08:00');
  return o;
}

function grid(rows: string[][]) {
  return gridOf([HEADERS, ...rows].map((cells, i) => ({ rowNo: i + 1, cells })), looksLikeRegisterHeader);
}

describe('register import: reading the file', () => {
  it('recognises the Chinese headers of a visit register and of a follow-up register', () => {
    const visits = suggestRegisterMapping(HEADERS);
    expect(visits.columns).toEqual({ date: 0, time: 1, kind: 2, name: 3, phone: 4, consultant: 5, source: 6, needs: 7 });
    expect(visits.missing).toEqual([]);
    const calls = suggestRegisterMapping(['来电时间', '姓名', '手机号码', '置业顾问']);
    expect(calls.columns).toMatchObject({ date: 0, name: 1, phone: 2, consultant: 3 });
    expect(calls.kind).toBe('call');
    const followUps = suggestRegisterMapping(['跟进日期', '手机', '跟进人', '跟进方式', '是否接通', '跟进内容']);
    expect(followUps).toMatchObject({ kind: 'followUp', columns: { date: 0, phone: 1, consultant: 2, contactVia: 3, reached: 4, said: 5 }, missing: [] });
    expect(suggestRegisterMapping(['楼栋', '房号']).missing).toEqual(['date', 'phone', 'consultant']);
  });

  it('reads dates as offices write them, in the office zone', () => {
    const expected = at('2025-03-04 14:30');
    for (const [d, t] of [['2025-03-04 14:30', ''], ['2025/3/4', '14:30'], ['2025年3月4日', '下午2:30'], ['2025.3.4', '14时30分'], ['2025-03-04', '14:30:00']]) expect(registerTime(d as string, t as string, ZONE), `${d} ${t}`).toBe(expected);
    expect(registerTime('2025-03-04', '', ZONE)).toBe(at('2025-03-04 00:00'));
    for (const bad of ['2025-13-01', '2025-02-30', '去年', '3/4/2025']) expect(registerTime(bad, '', ZONE), bad).toBeNull();
    expect(registerTime('2025-03-04', '25:00', ZONE)).toBeNull();
  });

  it('an .xlsx register with date-time cells keeps the time', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('来访登记');
    sheet.addRow(['XX花园来访登记表']);
    sheet.addRow(['来访时间', '客户姓名', '联系电话', '置业顾问', '需求']);
    sheet.addRow([new Date(Date.UTC(2025, 2, 4, 14, 30)), '张先生', '13800000001', '王磊', '三房']);
    const read = await readRegisterSheet(new Uint8Array(await book.xlsx.writeBuffer()));
    if (!read.ok) throw new Error(read.code);
    expect(read.grid.headerRowNo).toBe(2);
    const o = office();
    const plan = planRegisterImport(read.grid, suggestRegisterMapping(read.grid.headers), importContextOf(o.engine, at('2026-03-02 09:00')));
    if (!plan.ok) throw new Error('refused');
    expect(plan.entries).toEqual([{ rowNo: 3, entry: { kind: 'visit', at: at('2025-03-04 14:30'), phone: '13800000001', consultant: 'A', name: '张先生', needs: '三房' } }]);
  });
});

describe('register import: the dry run', () => {
  const now = at('2026-03-02 09:00');

  it('rejects each kind of bad row with its reason and plans the rest', () => {
    const o = office();
    o.run('2026-03-01 10:00', { do: 'register', by: 'A', via: 'visit', phone: '13800000009', name: '钱先生', needs: '两房' });
    const rows = [
      ['2025-05-01', '10:00', '来访', '张先生', '13800000001', '王磊', '朋友介绍', '三房'], // 2 good
      ['2025-05-01', '11:00', '来电', '李女士', '13800000002', 'B', '', '咨询'], // 3 good (consultant by id)
      ['2025-05-02', '09:00', '跟进', '', '13800000001', '王磊', '', ''], // 4 good follow-up
      ['2025-05-01', '15:00', '来访', '张先生', '13800000001', '李娜', '', '三房'], // 5 duplicate of row 2 (same day, kind, customer)
      ['2025-05-03', '10:00', '来访', '', '13800000003', '王磊', '', ''], // 6 missing name
      ['2025-05-03', '10:00', '来访', '周先生', '1380000', '王磊', '', ''], // 7 bad phone
      ['2026-03-05', '10:00', '来访', '吴先生', '13800000004', '王磊', '', ''], // 8 future
      ['上周', '', '来访', '郑先生', '13800000005', '王磊', '', ''], // 9 bad date
      ['2025-05-04', '10:00', '来访', '冯先生', '13800000006', '刘备', '', ''], // 10 unknown consultant
      ['2025-05-04', '10:00', '来访', '陈先生', '13800000007', '王磊', '电视', ''], // 11 not an office option
      ['2025-05-04', '10:00', '面谈', '褚先生', '13800000008', '王磊', '', ''], // 12 unknown kind
      ['2026-03-01', '08:00', '来访', '钱先生', '13800000009', '李娜', '', ''], // 13 the live register has it
      ['', '', '', '', '', '', '', ''], // blank: passed over
      ['2025-05-05', '10:00', '来访', '', '', '', '', ''], // 15 missing everything
    ];
    const plan = planRegisterImport(grid(rows), suggestRegisterMapping(HEADERS), importContextOf(o.engine, now));
    if (!plan.ok) throw new Error('refused');
    expect(plan.entries.map((e) => e.rowNo)).toEqual([2, 3, 4]);
    expect(plan.byKind).toEqual({ visit: 1, call: 1, followUp: 1 });
    expect(plan.entries[2]?.entry).toEqual({ kind: 'followUp', at: at('2025-05-02 09:00'), phone: '13800000001', consultant: 'A', via: 'call', reached: true });
    expect(Object.fromEntries(plan.rejects.map((r) => [r.rowNo, r.reasons.map((x) => x.code)]))).toEqual({
      5: ['duplicate_in_file'],
      6: ['missing_name'],
      7: ['bad_phone'],
      8: ['future_date'],
      9: ['bad_date'],
      10: ['unknown_consultant'],
      11: ['unknown_option'],
      12: ['unknown_kind'],
      13: ['already_registered'],
      15: ['missing_phone', 'missing_name', 'missing_consultant'],
    });
    expect(plan.rejects.find((r) => r.rowNo === 5)?.reasons[0]?.params).toEqual({ firstRow: 2 });
  });

  it('a mapping without the required columns is refused whole', () => {
    const plan = planRegisterImport(grid([]), { columns: { date: 0, name: 3 }, kind: 'visit' }, importContextOf(office().engine, now));
    expect(plan).toMatchObject({ ok: false, mappingProblems: [{ code: 'column_required', field: 'phone' }, { code: 'column_required', field: 'consultant' }] });
    const twice = planRegisterImport(grid([]), { columns: { date: 0, phone: 4, consultant: 4 }, kind: 'visit' }, importContextOf(office().engine, now));
    expect(twice).toMatchObject({ ok: false, mappingProblems: [{ code: 'column_used_twice', field: 'consultant' }] });
  });

  it('the rejects file reads back with the row numbers, the reasons in Chinese and the original cells', async () => {
    const o = office();
    const plan = planRegisterImport(grid([['2025-05-03', '10:00', '来访', '周先生', '1380000', '王磊', '', '']]), suggestRegisterMapping(HEADERS), importContextOf(o.engine, now));
    if (!plan.ok) throw new Error('refused');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeXlsx(rejectsSheet(HEADERS, plan.rejects, '来访登记.xlsx'), out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getRow(1).getCell(1).value).toBe('来访登记.xlsx 未导入的行（共 1 行）');
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['行号', '原因', ...HEADERS]);
    expect(sheet.getRow(3).getCell(1).value).toBe(2);
    expect(sheet.getRow(3).getCell(2).value).toBe('电话号码无效：1380000');
    expect(sheet.getRow(3).getCell(7).value).toBe('1380000');
  });
});

describe('register import: the reports', () => {
  it('an imported visit, call and follow-up count on the day they happened, not the day they were brought in', async () => {
    const o = office();
    o.ok('2026-02-20 10:00', { do: 'register', by: 'A', via: 'visit', phone: '13800000001', name: '张先生', needs: '三房' });
    const now = at('2026-03-02 09:00');
    const rows = [
      ['2026-02-10', '10:00', '来访', '张先生', '13800000001', '王磊', '网络', '三房'],
      ['2026-02-10', '11:00', '来电', '李女士', '13800000002', '李娜', '', '咨询'],
    ];
    const plan = planRegisterImport(grid(rows), suggestRegisterMapping(HEADERS), importContextOf(o.engine, now));
    if (!plan.ok) throw new Error('refused');
    for (const p of plan.entries) o.ok('2026-03-02 09:00', { do: 'importEntry', by: 'M', batch: 'b', row: p.rowNo, entry: p.entry });
    o.ok('2026-03-02 09:00', { do: 'importEntry', by: 'M', batch: 'b', row: 9, entry: { kind: 'followUp', at: at('2026-02-11 15:00'), phone: '13800000001', consultant: 'A', reached: true, via: 'call' } });
    const index = new CustomerIndex({ project: { id: 'p', zone: ZONE }, facts: async (after) => o.office.log.slice(after) });
    await index.catchUp();
    const source = { factsInMonth: (m: string) => index.factsInMonth(m), factsAbout: (k: readonly string[]) => index.factsAbout(k), book: () => index.ownershipBook(o.engine, now).all() };
    const report = (day: string) => officeReport(o.engine, source, reportPeriod('day', day, ZONE) as ReportPeriod, ZONE, now);
    const paperDay = report('2026-02-10');
    expect(paperDay.entries.map((e) => [e.via, e.phone, e.isNew, e.consultant, e.at])).toEqual([
      ['visit', '13800000001', true, 'A', at('2026-02-10 10:00')],
      ['call', '13800000002', true, 'B', at('2026-02-10 11:00')],
    ]);
    expect(report('2026-03-02').entries).toEqual([]);
    // The live visit of 20 February is now a returning visitor's: the paper register had him on the 10th.
    // (The live visit was a registration without an arrival, which the report does not count as a visit.)
    const month = officeReport(o.engine, source, reportPeriod('month', '2026-02-01', ZONE) as ReportPeriod, ZONE, now);
    expect(month.entries.filter((e) => e.phone === '13800000001').map((e) => e.isNew)).toEqual([true]);
    const followUps = month.compliance.byConsultant.find((r) => r.who === 'A');
    expect(followUps?.missed.map((m) => [m.phone, m.followUps])).toEqual([['13800000001', 1]]);
  });
});
