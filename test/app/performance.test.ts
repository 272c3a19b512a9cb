// The consultants' month (REP-1, REP-3 light): what counts in which month, declines taken back off the
// decliner (ROT-4), orders counted in the month they opened (DEAL-1), and the same answer from the whole
// log as from the API index's month slice.
import { beforeAll, describe, expect, it } from 'vitest';
import { consultantPerformance, monthOf, monthRange, type ConsultantMonth } from '../../src/app/performance.ts';
import type { Command } from '../../src/app/commands.ts';
import type { Engine } from '../../src/core/engine.ts';
import type { Recorded } from '../../src/core/facts.ts';
import { STANDARD_POLICY } from '../../src/core/policy.ts';
import { CustomerIndex } from '../../src/app/customer-index.ts';
import { monthOfConsultants } from '../../src/app/register.queries.ts';
import { MemoryOffices } from '../../src/store/memory-offices.ts';
import { SYSTEM, type OfficeHandle } from '../../src/store/offices.ts';
import { at, ZONE } from '../support/office.ts';

describe('monthRange', () => {
  it('is the project-local month, first instant to first instant', () => {
    expect(monthRange('2026-03', ZONE)).toEqual({ month: '2026-03', start: at('2026-03-01 00:00'), end: at('2026-04-01 00:00') });
    expect(monthRange('2026-12', ZONE)?.end).toBe(at('2027-01-01 00:00'));
    expect(monthRange('2026-13', ZONE)).toBeNull();
    expect(monthRange('26-03', ZONE)).toBeNull();
    expect(monthOf(at('2026-03-31 23:59'), ZONE)).toBe('2026-03');
    expect(monthOf(at('2026-04-01 00:00'), ZONE)).toBe('2026-04');
  });
});

describe('consultantPerformance', () => {
  const clock = { now: at('2026-02-27 09:00') };
  let handle: OfficeHandle;
  let facts: readonly Recorded[];
  let engine: Engine;
  const run = async (time: string, command: Command) => {
    clock.now = at(time);
    const done = await handle.execute(command, SYSTEM);
    if (!done.ok) throw new Error(`${command.do} refused: ${done.refusal.message}`);
    return done.answer;
  };
  const byWho = (rows: readonly ConsultantMonth[]) => Object.fromEntries(rows.map((r) => [r.who, r]));
  const fromLog = (month: string) => {
    const range = monthRange(month, ZONE);
    if (!range) throw new Error(month);
    return { range, rows: consultantPerformance({ month: range, facts, staff: engine.staff.values(), departed: engine.departed, ownedNow: () => 0 }) };
  };

  beforeAll(async () => {
    const offices = new MemoryOffices(() => clock.now);
    handle = await offices.create({ id: 'p', name: 'p', zone: ZONE }, STANDARD_POLICY, SYSTEM);
    for (const [id, role, name] of [
      ['A', 'consultant', '王磊'],
      ['B', 'consultant', '李娜'],
      ['C', 'consultant', '陈静'],
      ['D', 'consultant', '赵敏'],
      ['F', 'frontdesk', '周前台'],
    ] as const) {
      await run('2026-02-27 09:00', { do: 'addStaff', staff: { id, role, name } });
    }
    await run('2026-02-27 09:00', { do: 'addUnit', unit: { id: 'U1' } });
    await run('2026-02-27 09:00', { do: 'addUnit', unit: { id: 'U2' } });
    await run('2026-02-27 09:00', { do: 'depart', who: 'D' }); // left before March: no March row
    // February: A receives and registers P1, and takes a deposit on U1.
    await run('2026-02-27 09:30', { do: 'signIn', who: 'A' });
    await run('2026-02-27 10:00', { do: 'arrive', phone: '13800000001', name: '张先生' });
    await run('2026-02-27 10:20', { do: 'register', by: 'A', via: 'visit', phone: '13800000001', name: '张先生', needs: '三房' });
    await run('2026-02-27 11:00', { do: 'deal', by: 'A', phone: '13800000001', unit: 'U1', stage: 'deposit' });
    // March: A declines P2, B takes it on the turn and registers it; A receives their own P1 as owner.
    await run('2026-03-02 09:00', { do: 'signIn', who: 'A' });
    await run('2026-03-02 09:00', { do: 'signIn', who: 'B' });
    expect(await run('2026-03-02 10:00', { do: 'arrive', phone: '13800000002', name: '李女士' })).toMatchObject({ receiver: 'A', as: 'turn' });
    expect(await run('2026-03-02 10:01', { do: 'decline', who: 'A' })).toMatchObject({ receiver: 'B', as: 'turn' });
    await run('2026-03-02 10:20', { do: 'register', by: 'F', for: 'B', via: 'visit', phone: '13800000002', name: '李女士', needs: '两房' });
    await run('2026-03-02 11:00', { do: 'done', who: 'B' });
    expect(await run('2026-03-02 12:00', { do: 'arrive', phone: '13800000001' })).toMatchObject({ receiver: 'A', as: 'owner' });
    await run('2026-03-02 12:30', { do: 'followUp', by: 'A', phone: '13800000001', reached: true, via: 'call' });
    await run('2026-03-02 12:40', { do: 'followUp', by: 'B', phone: '13800000002', reached: false, via: 'call' });
    await run('2026-03-02 13:00', { do: 'register', by: 'A', via: 'call', phone: '13800000003', name: '王' });
    // The February order moves on (not a new order); B opens one on U2.
    await run('2026-03-03 10:00', { do: 'deal', by: 'A', phone: '13800000001', unit: 'U1', stage: 'contract' });
    await run('2026-03-03 11:00', { do: 'deal', by: 'B', phone: '13800000002', unit: 'U2', stage: 'deposit' });
    await run('2026-04-01 10:00', { do: 'followUp', by: 'B', phone: '13800000002', reached: true, via: 'visit' });
    facts = await handle.facts(0);
    engine = await handle.engine();
  });

  it('counts March: receptions by ground less declines, registrations, follow-ups, orders opened and credit', () => {
    const rows = byWho(fromLog('2026-03').rows);
    expect(Object.keys(rows).sort()).toEqual(['A', 'B', 'C']);
    // A's only March entry is a call without needs: kept, not valid (REG-2).
    expect(rows.A).toMatchObject({ receivedTotal: 1, declined: 1, registrations: 1, validRegistrations: 0, followUps: 1, reached: 1, orders: 0, credit: 0 });
    expect(rows.A?.received).toMatchObject({ turn: 0, owner: 1 });
    expect(rows.B).toMatchObject({ receivedTotal: 1, declined: 0, registrations: 1, validRegistrations: 1, followUps: 1, reached: 0, orders: 1, credit: 1, name: '李娜' });
    expect(rows.B?.received).toMatchObject({ turn: 1 });
    expect(rows.C).toMatchObject({ receivedTotal: 0, orders: 0, credit: 0 });
    // The best first: credit, then parties received.
    expect(fromLog('2026-03').rows.map((r) => r.who)).toEqual(['B', 'A', 'C']);
  });

  it('counts February on its own: the order opened then, and the departed consultant while still employed', () => {
    const rows = byWho(fromLog('2026-02').rows);
    expect(rows.A).toMatchObject({ receivedTotal: 1, registrations: 1, validRegistrations: 1, orders: 1, credit: 1 });
    expect(rows.A?.received).toMatchObject({ turn: 1 });
    expect(rows.D).toMatchObject({ receivedTotal: 0, departedAt: at('2026-02-27 09:00') });
    expect(byWho(fromLog('2026-04').rows).B).toMatchObject({ followUps: 1, reached: 1, receivedTotal: 0 });
  });

  it("gives the same month from the API index's slice as from the whole log", async () => {
    const index = new CustomerIndex(handle);
    await index.catchUp();
    expect(index.factsInMonth('2026-03').length).toBeLessThan(facts.length / 2);
    for (const month of ['2026-02', '2026-03', '2026-04']) {
      const range = monthRange(month, ZONE);
      if (!range) throw new Error(month);
      const indexed = monthOfConsultants(engine, index, range, clock.now);
      const whole = consultantPerformance({ month: range, facts, staff: engine.staff.values(), departed: engine.departed, ownedNow: (who) => index.ownershipBook(engine, clock.now).ownedBy(who) });
      expect(indexed, month).toEqual(whole);
    }
    // Owned now: A owns P1 (contracted), B owns P2.
    expect(byWho(monthOfConsultants(engine, index, fromLog('2026-04').range, clock.now))).toMatchObject({ A: { owned: 1 }, B: { owned: 1 } });
  });
});
