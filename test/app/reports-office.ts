// A small office for the report tests (REP-1..4): two consultants, a broker, two units, a week of visits,
// calls, follow-ups and orders, with the register's fields (REG-3).
import type { Command } from '../../src/app/commands.ts';
import { CustomerIndex } from '../../src/app/customer-index.ts';
import { officeReport, type OfficeReport } from '../../src/app/reports/office-report.ts';
import { reportPeriod, type PeriodKind } from '../../src/app/reports/report-period.ts';
import type { Engine } from '../../src/core/engine.ts';
import { STANDARD_POLICY } from '../../src/core/policy.ts';
import { MemoryOffices } from '../../src/store/memory-offices.ts';
import { SYSTEM, type OfficeHandle } from '../../src/store/offices.ts';
import { at, ZONE } from '../support/office.ts';

export interface ReportOffice {
  readonly engine: Engine;
  readonly index: CustomerIndex;
  report(kind: PeriodKind, date: string, now: string): Promise<OfficeReport>;
}

export async function reportOffice(): Promise<ReportOffice> {
  const clock = { now: at('2026-03-01 09:00') };
  const offices = new MemoryOffices(() => clock.now);
  const handle: OfficeHandle = await offices.create({ id: 'p', name: 'p', zone: ZONE }, STANDARD_POLICY, SYSTEM);
  const index = new CustomerIndex(handle);
  const run = async (time: string, command: Command) => {
    clock.now = at(time);
    const done = await handle.execute(command, SYSTEM);
    if (!done.ok) throw new Error(`${command.do} refused: ${done.refusal.message}`);
    return done.answer;
  };
  for (const [id, role, name] of [['A', 'consultant', '王磊'], ['B', 'consultant', '李娜'], ['F', 'frontdesk', '周前台']] as const) await run('2026-03-01 09:00', { do: 'addStaff', staff: { id, role, name } });
  await run('2026-03-01 09:00', { do: 'addBroker', broker: { id: 'lianjia', kind: 'agency', approved: true } });
  await run('2026-03-01 09:00', { do: 'addUnit', unit: { id: 'U1', building: '1栋', room: '1201', area: 98.5, price: 1_200_000 } });
  await run('2026-03-01 09:00', { do: 'addUnit', unit: { id: 'U2', building: '1栋', room: '1202', area: 120, price: 1_500_000 } });
  await run('2026-03-02 08:00', { do: 'report', broker: 'lianjia', phone: '13800000003', name: '赵' });
  await run('2026-03-02 09:00', { do: 'signIn', who: 'A' });
  await run('2026-03-02 09:00', { do: 'signIn', who: 'B' });
  // 09:xx: P1 to A (source 朋友介绍, grade A); 10:xx: P2 to B (网络, B); P3 brought by the broker to A.
  await run('2026-03-02 09:10', { do: 'arrive', phone: '13800000001', name: '张先生' });
  await run('2026-03-02 09:20', { do: 'register', by: 'A', via: 'visit', phone: '13800000001', name: '张先生', gender: 'M', needs: '三房', source: '朋友介绍', grade: 'A', budget: 150 });
  await run('2026-03-02 10:10', { do: 'arrive', phone: '13800000002', name: '李女士' });
  await run('2026-03-02 10:20', { do: 'register', by: 'F', for: 'B', via: 'visit', phone: '13800000002', name: '李女士', gender: 'F', needs: '两房', source: '网络', grade: 'B' });
  await run('2026-03-02 10:30', { do: 'done', who: 'A' });
  await run('2026-03-02 10:40', { do: 'arrive', phone: '13800000003', name: '赵女士', broker: 'lianjia' });
  await run('2026-03-02 10:50', { do: 'register', by: 'A', via: 'visit', phone: '13800000003', name: '赵女士', gender: 'F', needs: '三房', source: '渠道', grade: 'A' });
  // a call to B, and a non-customer (not counted)
  await run('2026-03-02 11:00', { do: 'register', by: 'B', via: 'call', phone: '13800000004', name: '王', needs: '咨询' });
  await run('2026-03-02 11:30', { do: 'done', who: 'A' });
  await run('2026-03-02 11:40', { do: 'arrive', nonCustomer: true });
  // The next day P1 comes back to A (returning); A follows P1 up three times, B follows P2 up once.
  await run('2026-03-03 09:00', { do: 'signIn', who: 'A' });
  await run('2026-03-03 09:10', { do: 'arrive', phone: '13800000001' });
  for (const d of ['03', '04', '05']) await run(`2026-03-${d} 15:00`, { do: 'followUp', by: 'A', phone: '13800000001', reached: true, via: 'call' });
  await run('2026-03-03 15:00', { do: 'followUp', by: 'B', phone: '13800000002', reached: true, via: 'call' });
  // P1 buys U1 (deposit, then subscription: a sale under the standard countsFrom); P2 only a small deposit on U2.
  await run('2026-03-04 10:00', { do: 'deal', by: 'A', phone: '13800000001', unit: 'U1', stage: 'deposit', amount: 50_000 });
  await run('2026-03-05 10:00', { do: 'deal', by: 'A', phone: '13800000001', unit: 'U1', stage: 'subscription' });
  await run('2026-03-05 11:00', { do: 'deal', by: 'B', phone: '13800000002', unit: 'U2', stage: 'smallDeposit', amount: 5_000 });
  const engine = await handle.engine();
  return {
    engine,
    index,
    async report(kind, date, now) {
      const period = reportPeriod(kind, date, ZONE);
      if (!period) throw new Error(date);
      await index.catchUp();
      return officeReport(engine, { factsInMonth: (m) => index.factsInMonth(m), factsAbout: (k) => index.factsAbout(k), book: () => index.ownershipBook(engine, at(now)).all() }, period, ZONE, at(now));
    },
  };
}
