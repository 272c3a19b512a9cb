// The reports over HTTP (REG-3, REP-1..4, SEC-2): the register's options for every form; the office report for
// the manager and the supervisor, every customer it shows logged; the .xlsx export the manager's alone, streamed,
// readable, and logged as reads; bad periods are specific errors, never a 5xx.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, p, startHarness, type Harness } from './api-harness.ts';

describe('reports over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite', { store: 'sql' });
    await h.run({ do: 'signIn', who: 'A' });
    h.clock.now = at('2026-03-02 09:30');
    await h.run({ do: 'arrive', phone: '13800138000', name: '张先生' });
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', gender: 'M', needs: '三房', source: '网络', grade: 'A', budget: 120 });
    h.clock.now = at('2026-03-02 11:00');
    await h.run({ do: 'register', by: 'B', via: 'call', phone: '13900139000', name: '李', needs: '咨询' });
    h.clock.now = at('2026-03-02 20:00');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('REG-3: every staff role reads the office’s options; a value outside them is refused unknown_option', async () => {
    const res = await (await h.agent('frontdesk')).call('GET', p('/register-options'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ grades: ['A', 'B', 'C', 'D'] });
    expect(res.json().sources).toContain('网络');
    const bad = await (await h.agent('consultant')).call('POST', p('/commands/register'), { body: { via: 'visit', phone: '13700137000', name: '王', gender: 'M', needs: '两房', grade: 'Z' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'unknown_option' });
  });

  it('REP-1: the day’s report, each number with its records; every customer shown is logged (SEC-2)', async () => {
    const res = await (await h.agent('supervisor')).call('GET', p('/reports?period=day&date=2026-03-02'));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.period).toMatchObject({ kind: 'day', first: '2026-03-02', start: at('2026-03-02 00:00') });
    expect(body.entries.map((e: { via: string; phone: string }) => [e.via, e.phone])).toEqual([
      ['visit', '13800138000'],
      ['call', '13900139000'],
    ]);
    expect(body.visits.total.visits).toEqual([body.entries[0].seq]);
    expect(body.visits.bySource.find((c: { key: string }) => c.key === '网络').visits).toHaveLength(1);
    expect(body.names.A).toBeDefined();
    const reads = (await (await h.agent('manager')).call('GET', p('/record-reads'))).json() as { reads: { endpoint: string; customer: string }[] };
    expect(reads.reads.filter((r) => r.endpoint === 'report').map((r) => r.customer).sort()).toEqual(['13800138000', '13900139000']);
  });

  it('REP-4, SEC-2: the manager downloads the register as .xlsx; a supervisor or consultant may not', async () => {
    for (const who of ['supervisor', 'consultant'] as const) expect((await (await h.agent(who)).call('GET', p('/reports/export?sheet=visits&date=2026-03-02'))).statusCode).toBe(403);
    const res = await (await h.agent('manager')).call('GET', p('/reports/export?sheet=visits&period=day&date=2026-03-02'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('来人来电登记-2026-03-02.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = book.worksheets[0];
    expect(String(ws?.getCell('A1').value)).toContain('日报 2026-03-02');
    expect(ws?.getCell('A2').value).toBe('日期时间');
    expect(ws?.getCell('A3').value).toEqual(new Date(Date.UTC(2026, 2, 2, 9, 30)));
    expect(ws?.getCell('C3').value).toBe('张先生');
    expect(ws?.getCell('L3').value).toBe(120);
    const reads = (await (await h.agent('manager')).call('GET', p('/record-reads'))).json() as { reads: { endpoint: string; login: string }[] };
    expect(reads.reads.filter((r) => r.endpoint === 'reportExport')).toHaveLength(2);
  });

  it('bad periods and sheets are validation errors, never a 5xx', async () => {
    const agent = await h.agent('manager');
    for (const q of ['/reports?date=2026-02-30', '/reports?period=range&date=2026-03-05&to=2026-03-01', '/reports?period=range&date=2026-03-05', '/reports?period=year', '/reports/export?sheet=nope', '/reports?date=x']) {
      const res = await agent.call('GET', p(q));
      expect(res.statusCode, q).toBe(400);
    }
  });
});
