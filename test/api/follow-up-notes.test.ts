// Issue 16.2: a follow-up carries its 客户跟进表 / B级卡 content — what was said, the intent, the next step and
// its day — kept through the SQL store's personal-data vault, shown in the customer timeline and in the
// dispute dossier (DEAL-5), reminded on the consultant's list when due; the answer says whether the
// follow-up extends protection and why an SMS does not (OWN-3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, p, startHarness, type Harness } from './api-harness.ts';

const PHONE = '13900139001';

describe.each(['memory', 'sql'] as const)('follow-up notes, offices %s', (store) => {
  let h: Harness;
  beforeAll(async () => {
    // The test walks a week: sessions outlive it so one sign-in per role serves.
    h = await startHarness('sqlite', { store, sessionTtlMs: 30 * 24 * 3600_000 });
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: PHONE, name: '韩先生', needs: '三房' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('OWN-3: an SMS is recorded with its note and the answer says it extends nothing; a reached call extends', async () => {
    h.clock.now = at('2026-03-05 10:00');
    const a = await h.agent('consultant');
    const sms = await a.call('POST', p('/commands/followUp'), { body: { phone: PHONE, reached: true, via: 'sms', said: '发了开盘信息' } });
    expect(sms.statusCode).toBe(200);
    expect(sms.json().answer).toMatchObject({ extends: false });
    expect(sms.json().answer.reasons[0]).toMatchObject({ rule: 'OWN-3', code: 'smsNoContact' });

    h.clock.now = at('2026-03-06 10:00');
    const call = await (await h.agent('consultant')).call('POST', p('/commands/followUp'), { body: { phone: PHONE, reached: true, via: 'call', said: '客户关心学区', intent: 'A', next: '带家人复访', nextOn: '2026-03-08' } });
    expect(call.json().answer).toMatchObject({ extends: true });
    expect(call.json().answer.reasons[0]).toMatchObject({ rule: 'OWN-3', code: 'followUpExtends' });
  });

  it('refuses a next-step day that is not a day, or a day without its step, recording nothing', async () => {
    const a = await h.agent('consultant');
    const before = (await h.handle.facts(0)).length;
    // A day the calendar lacks and a day without its step are refused by the rules (422); an unknown intent by the schema (400).
    for (const [body, status] of [
      [{ phone: PHONE, reached: true, next: '回电', nextOn: '2026-02-30' }, 422],
      [{ phone: PHONE, reached: true, nextOn: '2026-03-09' }, 422],
      [{ phone: PHONE, reached: true, intent: 'E' }, 400],
    ] as const) {
      const res = await a.call('POST', p('/commands/followUp'), { body });
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().code, res.body).toBe(status === 422 ? 'invalid_input' : 'validation');
    }
    expect((await h.handle.facts(0)).length).toBe(before);
  });

  it('shows the notes in the timeline, as recorded (through the vault on SQL)', async () => {
    const res = await (await h.agent('consultant')).call('GET', p(`/customers/${PHONE}/timeline`));
    const follows = res.json().records.filter((r: { type: string }) => r.type === 'followedUp');
    expect(follows).toHaveLength(2);
    expect(follows[0]).toMatchObject({ via: 'sms', said: '发了开盘信息' });
    expect(follows[1]).toMatchObject({ said: '客户关心学区', intent: 'A', next: '带家人复访', nextOn: '2026-03-08' });
  });

  it('reminds the consultant of a next step once its day has come', async () => {
    h.clock.now = at('2026-03-07 10:00');
    const early = (await (await h.agent('consultant')).call('GET', p('/my-customers'))).json().customers.find((c: { phone: string }) => c.phone === PHONE);
    expect(early.nextStep).toEqual({ next: '带家人复访', on: '2026-03-08', due: false });
    h.clock.now = at('2026-03-08 08:00');
    const due = (await (await h.agent('consultant')).call('GET', p('/my-customers'))).json().customers.find((c: { phone: string }) => c.phone === PHONE);
    expect(due.nextStep).toEqual({ next: '带家人复访', on: '2026-03-08', due: true });
  });

  it('DEAL-5: the dispute dossier shows each side’s follow-up notes', async () => {
    await h.run({ do: 'addUnit', unit: { id: 'U9' } });
    h.clock.now = at('2026-03-09 10:00');
    await h.run({ do: 'deal', by: 'B', phone: PHONE, unit: 'U9', stage: 'deposit' });
    h.clock.now = at('2026-03-09 11:00');
    await h.run({ do: 'dispute', by: 'A', unit: 'U9' });
    const m = await h.agent('manager');
    const inbox = (await m.call('GET', p('/disputes'))).json();
    expect(inbox.disputes).toHaveLength(1);
    const dossier = inbox.disputes[0];
    const notes = dossier.claimantSide.records.filter((r: { note: unknown }) => r.note !== null).map((r: { note: unknown }) => r.note);
    expect(notes).toContainEqual({ said: '客户关心学区', intent: 'A', next: '带家人复访', nextOn: '2026-03-08' });
  });
});
