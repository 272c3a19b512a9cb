// A long, seeded, mixed history of floor commands for one project: walk-ins, registrations, follow-ups,
// family links, merges, reassignments, broker reports, deals, disputes, a departure, a policy change and an
// erasure — most commands valid, some refused, all at increasing instants. The same seed gives the same run.
import type { Command } from '../../../src/app/commands.ts';
import { resolvePolicy, STANDARD_POLICY } from '../../../src/core/policy.ts';
import { DAY_MS, MINUTE_MS } from '../../../src/core/time.ts';
import type { OfficeHandle } from '../../../src/store/offices.ts';
import type { SqlOffices } from '../../../src/store/sql-offices.ts';
import { MANAGER, phone, START } from './store-fixture.ts';

/** Counter-based and seeded (murmur3's finaliser over seed + n), so the history is the same on every run. */
function random(seed: number): () => number {
  let n = Math.imul(seed, 0x9e3779b9);
  return () => {
    let h = (n = (n + 0x9e3779b9) | 0);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
  };
}

export const HISTORY_PHONES = Array.from({ length: 30 }, (_, i) => phone(100 + i));
const NAMES = ['王伟', '李娜', '张敏', '刘洋', '陈静', '杨帆'];
const CONSULTANTS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];

export interface HistoryRun {
  readonly executed: number;
  readonly recorded: number;
}

/** Drives `days` days of commands through `office.execute` (and one erasure through `offices`). */
export async function mixedHistory(offices: SqlOffices, office: OfficeHandle, options: { days?: number; perDay?: number; seed?: number } = {}): Promise<HistoryRun> {
  const rnd = random(options.seed ?? 7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const days = options.days ?? 8;
  const perDay = options.perDay ?? 40;
  let executed = 0;
  let recorded = 0;
  const run = async (command: Command, at: number) => {
    const out = await office.execute(command, MANAGER, { at });
    executed++;
    if (out.seq !== undefined) recorded++;
  };
  for (let i = 1; i <= 4; i++) await run({ do: 'addBroker', broker: { id: `b${i}`, kind: i === 4 ? 'individual' : 'agency', approved: i !== 3 } }, START);
  for (let i = 1; i <= 6; i++) await run({ do: 'addUnit', unit: { id: `U${i}`, price: 1_000_000 + i } }, START);

  for (let day = 0; day < days; day++) {
    const dayStart = START + day * DAY_MS + 60 * MINUTE_MS; // 09:00
    for (const c of CONSULTANTS) if (rnd() < 0.8) await run({ do: 'signIn', who: c }, dayStart);
    for (let step = 0; step < perDay; step++) {
      const at = dayStart + (step + 1) * 10 * MINUTE_MS;
      const p = pick(HISTORY_PHONES);
      const c = pick(CONSULTANTS);
      const r = rnd();
      let command: Command;
      if (r < 0.2) {
        command = { do: 'arrive', phone: p, ...(rnd() < 0.5 ? { name: pick(NAMES) } : {}), ...(rnd() < 0.2 ? { broker: pick(['b1', 'b2', 'b4']) } : {}), ...(rnd() < 0.1 ? { referrer: pick(HISTORY_PHONES) } : {}), ...(rnd() < 0.1 ? { asksFor: c } : {}) };
      } else if (r < 0.3) command = { do: 'done', who: c };
      else if (r < 0.45) command = { do: 'register', by: c, via: rnd() < 0.8 ? 'visit' : 'call', phone: p, name: pick(NAMES), gender: 'F', ...(rnd() < 0.85 ? { needs: '两房' } : {}), ...(rnd() < 0.1 ? { plate: `沪B${1000 + step}` } : {}) };
      else if (r < 0.6) command = { do: 'followUp', by: c, phone: p, reached: rnd() < 0.7, via: pick(['call', 'sms', 'wechat'] as const) };
      else if (r < 0.64) command = { do: 'link', phone: p, to: pick(HISTORY_PHONES), relation: pick(['spouse', 'parent', 'sibling'] as const) };
      else if (r < 0.66) command = { do: 'merge', phone: p, into: pick(HISTORY_PHONES) };
      else if (r < 0.69) command = { do: 'reassign', phone: p, to: c, by: 'm1', reason: 'team balance' };
      else if (r < 0.77) command = { do: 'report', broker: pick(['b1', 'b2', 'b3', 'b4']), phone: p, name: pick(NAMES) };
      else if (r < 0.8) command = { do: 'deal', phone: p, unit: pick(['U1', 'U2', 'U3', 'U4', 'U5', 'U6']), by: c, stage: pick(['smallDeposit', 'deposit', 'subscription', 'contract', 'fullPayment'] as const) };
      else if (r < 0.81) command = { do: 'refund', unit: pick(['U1', 'U2', 'U3', 'U4', 'U5', 'U6']), by: c, reason: '退房', ...(rnd() < 0.3 ? { end: 'default' as const } : {}) };
      else if (r < 0.82) command = { do: 'swap', unit: pick(['U1', 'U2', 'U3']), to: pick(['U4', 'U5', 'U6']), by: c };
      else if (r < 0.825) command = rnd() < 0.5 ? { do: 'hold', unit: pick(['U4', 'U5', 'U6']), by: 'm1', reason: '预留' } : { do: 'release', unit: pick(['U4', 'U5', 'U6']), by: 'm1' };
      else if (r < 0.83) command = { do: 'resolve', unit: pick(['U1', 'U2', 'U3']), by: 'm1' };
      else if (r < 0.85) command = { do: 'dispute', unit: pick(['U1', 'U2', 'U3']), by: c, ...(rnd() < 0.5 ? { phone: pick(HISTORY_PHONES) } : {}) };
      else if (r < 0.9) command = { do: 'away', who: c, reason: rnd() < 0.5 ? 'private' : 'business' };
      else if (r < 0.94) command = { do: 'back', who: c };
      else if (r < 0.97) command = { do: 'decline', who: c };
      else command = { do: 'reclassify', who: c };
      await run(command, at);
    }
    if (day === 2) await run({ do: 'suspend', who: 'c5', days: 1 }, dayStart + perDay * 10 * MINUTE_MS + MINUTE_MS);
    if (day === 3) {
      const short = resolvePolicy('standard', { 'ownership.protectionDays': 3, 'ownership.family': 'threeGenerations' });
      await run({ do: 'setPolicy', policy: short.ok ? short.policy : STANDARD_POLICY, by: 'm1' }, dayStart + perDay * 10 * MINUTE_MS + MINUTE_MS);
    }
    if (day === 4) await run({ do: 'depart', who: 'c6' }, dayStart + perDay * 10 * MINUTE_MS + MINUTE_MS);
    if (day === 5) {
      const erased = await offices.erasePersonal(office.project.id, HISTORY_PHONES[0] as string, { kind: 'user', id: 'u-dpo' }, 'u-manager', 'customer asked');
      if (erased.ok) recorded++;
      // …and the same number walks in again later: a new record under the next generation's token.
      await run({ do: 'register', by: 'c2', via: 'visit', phone: HISTORY_PHONES[0] as string, name: '周杰', gender: 'M', needs: '三房' }, dayStart + perDay * 10 * MINUTE_MS + 2 * MINUTE_MS);
    }
  }
  return { executed, recorded };
}
