// Register hygiene over HTTP (issue 12.2): the desk judges by full name and sees the candidates as its role may
// (REG-4, SEC-1); a late entry waits in the manager's list until decided (REG-5); an entry without a phone
// waits to be identified by its consultant (REG-7); a correction shows on the timeline with the entry it
// corrects (REG-6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, p, startHarness, type Harness } from './api-harness.ts';

const DAY = 86_400_000;

describe('register hygiene', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
  });
  afterAll(async () => h?.close());

  it('judges by full name: every namesake as a candidate, masked for the desk, in full for the owner (REG-4)', async () => {
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: '13900004001', name: '张伟', gender: 'M', needs: '三房' });
    await h.run({ do: 'register', by: 'B', via: 'visit', phone: '13900004002', name: '张伟', gender: 'M', needs: '两房' });
    const desk = await h.agent('frontdesk');
    const byName = (await desk.call('GET', p(`/judge/by-name?name=${encodeURIComponent('张伟')}`))).json() as { total: number; candidates: { customer: { phone: string; name: string; masked: boolean }; owner: { id: string } }[]; rules: string[] };
    expect(byName.total).toBe(2);
    expect(byName.rules).toContain('REG-4');
    expect(byName.candidates.map((c) => c.owner.id).sort()).toEqual(['A', 'B']);
    for (const c of byName.candidates) {
      expect(c.customer.masked).toBe(true);
      expect(['13900004001', '13900004002']).not.toContain(c.customer.phone);
      expect(c.customer.phone).toContain('*');
      expect(c.customer.name).toBe('张*');
    }
    const a = await h.agent('consultant');
    const mine = (await a.call('GET', p(`/judge/by-name?name=${encodeURIComponent('张伟')}`))).json() as { candidates: { customer: { phone: string; masked: boolean }; owner: { id: string } }[] };
    expect(mine.candidates.find((c) => c.owner.id === 'A')?.customer).toMatchObject({ phone: '13900004001', masked: false });
    expect(mine.candidates.find((c) => c.owner.id === 'B')?.customer.masked).toBe(true);
    const none = (await desk.call('GET', p(`/judge/by-name?name=${encodeURIComponent('欧阳娜娜')}`))).json() as { total: number; reasons: { code: string }[] };
    expect(none).toMatchObject({ total: 0, reasons: [{ code: 'nameNotFound' }] });
    expect((await desk.call('GET', p('/judge/by-name?name=张'))).statusCode).toBe(400);
  });

  it('a late entry waits in the manager’s list, is decided once and then counts from the visit (REG-5)', async () => {
    const a = await h.agent('consultant');
    const manager = await h.agent('manager');
    const visitedAt = at('2026-03-01 15:00');
    const sent = await a.call('POST', p('/commands/register'), { body: { via: 'visit', phone: '13900004101', name: '补登先生', gender: 'M', needs: '三房', visitedAt } });
    expect(sent.statusCode).toBe(200);
    const entry = (sent.json() as { seq: number }).seq;
    expect((await manager.call('GET', p('/customers/13900004101/ownership'))).json()).toMatchObject({ owner: null });
    const pending = (await manager.call('GET', p('/register/pending'))).json() as { late: { entry: number; visitedAt: number; consultant: string }[] };
    expect(pending.late).toContainEqual(expect.objectContaining({ entry, visitedAt, consultant: 'A' }));
    // B sees none of A's waiting entries; A may not decide her own
    const b = await h.agent('consultantB');
    expect(((await b.call('GET', p('/register/pending'))).json() as { late: unknown[] }).late).toEqual([]);
    expect((await a.call('POST', p('/commands/decideLateEntry'), { body: { entry, approved: true } })).statusCode).toBe(403);
    expect((await manager.call('POST', p('/commands/decideLateEntry'), { body: { entry, approved: true } })).statusCode).toBe(200);
    const again = await manager.call('POST', p('/commands/decideLateEntry'), { body: { entry, approved: false, reason: '重复' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'already_decided' });
    const owned = (await manager.call('GET', p('/customers/13900004101/ownership'))).json() as { owner: { id: string }; protectedUntil: number };
    expect(owned.owner.id).toBe('A');
    expect(owned.protectedUntil).toBe(visitedAt + 30 * DAY);
    expect(((await manager.call('GET', p('/register/pending'))).json() as { late: { entry: number }[] }).late.map((e) => e.entry)).not.toContain(entry);
  });

  it('an entry without a phone waits for its consultant to identify the visitor (REG-7)', async () => {
    const a = await h.agent('consultant');
    const sent = await a.call('POST', p('/commands/register'), { body: { via: 'visit', name: '赵', needs: '看了两房', units: '3-1201', appearance: '红色外套，带小孩' } });
    expect(sent.statusCode).toBe(200);
    const entry = (sent.json() as { seq: number }).seq;
    const mine = (await a.call('GET', p('/register/pending'))).json() as { unidentified: { entry: number; appearance: string | null; units: string | null }[] };
    expect(mine.unidentified).toContainEqual(expect.objectContaining({ entry, appearance: '红色外套，带小孩', units: '3-1201' }));
    const b = await h.agent('consultantB');
    expect((await b.call('POST', p('/commands/identify'), { body: { entry, phone: '13900004201' } })).json()).toMatchObject({ code: 'wrong_role' });
    const identified = await a.call('POST', p('/commands/identify'), { body: { entry, phone: '139 0000 4201' } });
    expect(identified.statusCode).toBe(200);
    const timeline = (await a.call('GET', p('/customers/13900004201/timeline'))).json() as { records: { type: string; seq: number }[]; owner: { id: string } };
    expect(timeline.records.map((r) => r.type)).toEqual(['registered', 'entryIdentified']);
    expect(timeline.owner.id).toBe('A');
  });

  it('a correction and the entry it corrects are both on the timeline; a second correction of the old one is refused (REG-6)', async () => {
    const a = await h.agent('consultant');
    const first = await a.call('POST', p('/commands/register'), { body: { via: 'visit', phone: '13900004301', name: '钱多多', gender: 'F', needs: '两房' } });
    const entry = (first.json() as { seq: number }).seq;
    const fixed = await a.call('POST', p('/commands/register'), { body: { via: 'visit', corrects: entry, phone: '13900004302', name: '钱多多', gender: 'F', needs: '两房' } });
    expect(fixed.statusCode).toBe(200);
    for (const phone of ['13900004301', '13900004302']) {
      const t = (await (await h.agent('manager')).call('GET', p(`/customers/${phone}/timeline`))).json() as { records: { seq: number; corrects?: number }[] };
      expect(t.records.map((r) => r.seq)).toEqual([entry, (fixed.json() as { seq: number }).seq]);
    }
    const twice = await a.call('POST', p('/commands/register'), { body: { via: 'visit', corrects: entry, phone: '13900004302', name: '钱多多', needs: '两房' } });
    expect(twice.json()).toMatchObject({ code: 'entry_superseded' });
  });
});
