// Register hygiene's answers over time (issue 12.2): a late entry that waits, then is approved, changes the
// owner only from the approval on — what the office was told in between stands (answers at t depend only on
// facts up to t); a correction neither extends protection nor counts as a second registration in the month;
// the replayed log agrees with the engine that decided it.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/app/commands.ts';
import { execute } from '../../src/app/handlers.ts';
import { consultantPerformance, monthRange } from '../../src/app/performance.ts';
import { STANDARD_POLICY } from '../../src/core/policy.ts';
import { MemoryOffice, replay } from '../../src/store/memory-store.ts';
import { at, ZONE } from '../support/office.ts';

const DAY = 86_400_000;

function office() {
  const o = new MemoryOffice(STANDARD_POLICY, ZONE, at('2026-03-01 08:00'));
  for (const id of ['A', 'B']) o.append({ type: 'staffJoined', at: at('2026-03-01 08:00'), staff: { id, role: 'consultant' } });
  o.append({ type: 'staffJoined', at: at('2026-03-01 08:00'), staff: { id: 'M', role: 'manager' } });
  const run = (time: string, command: Command) => {
    const done = execute(o, command, at(time));
    if (!done.ok) throw new Error(`${command.do} refused: ${done.refusal.code}`);
    return { answer: done.answer, seq: o.engine.lastSeq };
  };
  return { o, run };
}

describe('late entries (REG-5)', () => {
  it('change the owner only from the approval: the answers before it stand', () => {
    const { o, run } = office();
    const phone = '13900005001';
    const { seq: entry } = run('2026-03-03 09:00', { do: 'register', by: 'A', via: 'visit', phone, name: '周先生', needs: '三房', visitedAt: at('2026-03-02 10:00') });
    run('2026-03-03 11:00', { do: 'register', by: 'B', via: 'visit', phone, name: '周先生', needs: '三房' });
    run('2026-03-03 14:00', { do: 'decideLateEntry', entry, by: 'M', approved: true });
    const noon = o.engine.ownership(phone, at('2026-03-03 12:00'));
    expect(noon.owner).toBe('B');
    const later = o.engine.ownership(phone, at('2026-03-03 15:00'));
    expect(later.owner).toBe('A');
    expect(later.protectedUntil).toBe(at('2026-03-02 10:00') + 30 * DAY);
    expect(later.spans).toEqual([
      { owner: 'B', from: at('2026-03-03 11:00'), until: at('2026-03-03 14:00') },
      { owner: 'A', from: at('2026-03-03 14:00'), until: null },
    ]);
    // a refused entry never counts, however late one asks
    const other = '13900005002';
    const { seq: refused } = run('2026-03-04 09:00', { do: 'register', by: 'B', via: 'visit', phone: other, name: '吴女士', needs: '两房', visitedAt: at('2026-03-01 15:00') });
    run('2026-03-04 10:00', { do: 'decideLateEntry', entry: refused, by: 'M', approved: false, reason: '无到访记录' });
    expect(o.engine.ownership(other, at('2026-03-20 10:00')).owner).toBeNull();
    expect(execute(o, { do: 'decideLateEntry', entry: refused, by: 'M', approved: true }, at('2026-03-04 11:00'))).toMatchObject({ ok: false, refusal: { code: 'already_decided' } });
    // the log replayed from scratch gives the same answers
    const again = replay(o.log, STANDARD_POLICY, ZONE);
    expect(again.ownership(phone, at('2026-03-03 15:00'))).toEqual(later);
    expect(again.registerBook.pendingLate.size).toBe(0);
  });
});

describe('corrections (REG-6)', () => {
  it('do not extend protection and do not count as another registration in the month', () => {
    const { o, run } = office();
    const phone = '13900005101';
    const { seq: entry } = run('2026-03-02 10:00', { do: 'register', by: 'A', via: 'visit', phone, name: '张先生', needs: '三房' });
    const before = o.engine.ownership(phone, at('2026-03-20 10:00')).protectedUntil;
    run('2026-03-20 10:00', { do: 'register', by: 'A', via: 'visit', corrects: entry, phone, name: '张先生', needs: '四房' });
    expect(o.engine.ownership(phone, at('2026-03-20 10:01')).protectedUntil).toBe(before);
    // a follow-up after the correction is a fresh contact as ever
    run('2026-03-21 10:00', { do: 'followUp', by: 'A', phone, reached: true, via: 'call' });
    expect(o.engine.ownership(phone, at('2026-03-21 10:01')).protectedUntil).toBe(at('2026-03-21 10:00') + 30 * DAY);
    const month = monthRange('2026-03', ZONE);
    if (!month) throw new Error('month');
    const rows = consultantPerformance({ month, facts: o.log, staff: o.engine.staff.values(), departed: o.engine.departed, ownedNow: () => 0 });
    expect(rows.find((r) => r.who === 'A')).toMatchObject({ registrations: 1, validRegistrations: 1 });
  });
});
