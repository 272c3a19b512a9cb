// Issue 11.4 and 11.5 over HTTP: the manager's 登记导入 (dry run with the rejects and their reasons, the rejects
// as .xlsx, the commit, a second commit that records nothing, the mapping remembered for the office's next file),
// only the manager may import; and the daily summary, which shows yesterday's day before the policy's hour and
// today's from it, and downloads as .xlsx.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, p, startHarness, type Harness } from './api-harness.ts';

const CSV = [
  '登记日期,时间,客户姓名,联系电话,置业顾问,需求',
  '2026-02-10,10:00,张先生,13800001001,王磊,三房',
  '2026-02-11,11:30,李女士,13800001002,李娜,两房',
  '2026-02-12,09:00,,13800001003,王磊,三房',
  '2026-02-12,09:30,周先生,1380000,王磊,三房',
  '2026-04-01,09:30,吴先生,13800001005,王磊,三房',
].join('\n');
const body = (csv: string, mapping?: unknown) => ({ fileName: '来访登记.csv', contentBase64: Buffer.from(csv, 'utf8').toString('base64'), ...(mapping ? { mapping } : {}) });

describe('register import and daily summary over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite', { store: 'sql' });
    h.clock.now = at('2026-03-02 10:00');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the dry run names every rejected row and why; the rejects download as .xlsx; records nothing', async () => {
    const m = await h.agent('manager');
    const res = await m.call('POST', p('/register-import'), { body: body(CSV) });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan).toMatchObject({ ok: true, mappingFrom: 'suggested', rowCount: 5, entries: 2, byKind: { visit: 2, call: 0, followUp: 0 }, alreadyImported: 0, rejectCount: 3, commit: null });
    expect(plan.rejects.map((r: { rowNo: number; reasons: { code: string }[] }) => [r.rowNo, r.reasons.map((x) => x.code)])).toEqual([
      [4, ['missing_name']],
      [5, ['bad_phone']],
      [6, ['future_date']],
    ]);
    const file = await m.call('POST', p('/register-import/rejects'), { body: body(CSV) });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect([3, 4, 5].map((r) => sheet.getRow(r).getCell(1).value)).toEqual([4, 5, 6]);
    expect(sheet.getRow(4).getCell(2).value).toBe('电话号码无效：1380000');
    const judged = await m.call('GET', p('/judge?phone=13800001001'));
    expect(judged.json().owner ?? null).toBeNull();
  });

  it('only the manager imports: a consultant or a supervisor is refused', async () => {
    for (const role of ['consultant', 'supervisor'] as const) {
      const res = await (await h.agent(role)).call('POST', p('/register-import/commit'), { body: body(CSV) });
      expect(res.statusCode, role).toBe(403);
    }
  });

  it('commits the good rows at their own time (ownership follows), a second commit records nothing, and the mapping is remembered', async () => {
    const m = await h.agent('manager');
    // The manager maps the columns by hand (the 时间 column left out: the day is enough): the office remembers it.
    const first = (await m.call('POST', p('/register-import'), { body: body(CSV) })).json();
    const mapping = { ...first.mapping, columns: { ...first.mapping.columns } };
    delete mapping.columns.time;
    const res = await m.call('POST', p('/register-import/commit'), { body: body(CSV, mapping) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().commit).toMatchObject({ committed: 2, alreadyImported: 0, refused: 0 });
    // Each entry counts at its own day (OWN-1, OWN-2: 30 days of protection from it), not at the import.
    const own = (await m.call('GET', p('/customers/13800001001/ownership'))).json();
    expect(own).toMatchObject({ owner: { id: 'A' }, protectedUntilLocal: '2026-03-12 00:00' });
    expect((await m.call('GET', p('/customers/13800001002/ownership'))).json()).toMatchObject({ owner: { id: 'B' }, protectedUntilLocal: '2026-03-13 00:00' });
    const timeline = (await m.call('GET', p('/customers/13800001001/timeline'))).json();
    // The timeline shows the entry as recorded today, marked imported with its original time and the approving manager.
    expect(timeline.records.find((r: { type: string }) => r.type === 'registered')).toMatchObject({ atLocal: '2026-03-02 10:00', imported: { at: at('2026-02-10 00:00'), approvedBy: 'M', row: 2 } });

    const again = await m.call('POST', p('/register-import/commit'), { body: body(CSV) });
    expect(again.json()).toMatchObject({ mappingFrom: 'remembered', entries: 0, alreadyImported: 2, commit: { committed: 0 } });
    expect(again.json().mapping.columns.time).toBeUndefined();
  });
});

describe('the daily summary over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite', { store: 'sql' });
    h.clock.now = at('2026-03-03 09:00');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the daily summary: yesterday before the summary hour, today from it; downloads as .xlsx for the manager', async () => {
    await h.run({ do: 'register', by: 'A', via: 'call', phone: '13900002001', name: '钱', needs: '咨询' });
    h.clock.now = at('2026-03-03 20:59');
    const s = await h.agent('supervisor');
    const before = (await s.call('GET', p('/daily-summary'))).json();
    expect(before).toMatchObject({ day: '2026-03-02', readyAtLocal: '2026-03-02 21:00', nextAtLocal: '2026-03-03 21:00' });
    expect(before.calls.count).toBe(0);
    h.clock.now = at('2026-03-03 21:00');
    const after = (await s.call('GET', p('/daily-summary'))).json();
    expect(after).toMatchObject({ day: '2026-03-03', calls: { count: 1, phones: ['13900002001'] }, nextAtLocal: '2026-03-04 21:00' });
    expect((await s.call('GET', p('/daily-summary/export'))).statusCode).toBe(403);
    const file = await (await h.agent('manager')).call('GET', p('/daily-summary/export'));
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getRow(1).getCell(1).value).toBe('一号项目 日报摘要（2026-03-03）');
    expect([sheet.getRow(5).getCell(1).value, sheet.getRow(5).getCell(2).value, sheet.getRow(5).getCell(3).value]).toEqual(['来电', 1, '13900002001']);
  });
});
