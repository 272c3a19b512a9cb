// The demo sales office a fresh installation starts with: a roster, a broker, units, and three days of
// visits before today so customers have owners and protection clocks, then this morning's sign-ins.
// Everything goes through Offices.execute, like any other fact: the demo is real history, not fixtures.
import type { Command } from '../app/commands.ts';
import type { StaffMember, Unit } from '../core/facts.ts';
import { normalisePhone } from '../core/phone.ts';
import { STANDARD_POLICY } from '../core/policy.ts';
import { DAY_MS, HOUR_MS, localDay, MINUTE_MS } from '../core/time.ts';
import { SYSTEM, type OfficeHandle, type Offices, type ProjectInfo } from '../store/offices.ts';

export const DEMO_PROJECT: ProjectInfo = { id: 'demo', name: '星河湾售楼处', zone: 'Asia/Shanghai' };

export const DEMO_STAFF: readonly StaffMember[] = [
  { id: 'wang', role: 'consultant', name: '王磊' },
  { id: 'li', role: 'consultant', name: '李娜' },
  { id: 'zhang', role: 'consultant', name: '张伟' },
  { id: 'zhao', role: 'consultant', name: '赵敏' },
  { id: 'chen', role: 'consultant', name: '陈静' },
  { id: 'liu', role: 'manager', name: '刘经理' },
  { id: 'sun', role: 'supervisor', name: '孙主管' },
  { id: 'zhou', role: 'frontdesk', name: '周前台' },
  { id: 'wu', role: 'channelAssistant', name: '吴渠道' },
];

export const DEMO_BROKER = { id: 'lianjia', kind: 'distributor', approved: true } as const;

/** The people who can sign in to the demo, with the role they act in. Password for all: DEMO_PASSWORD. */
export const DEMO_LOGINS: readonly { login: string; role: string; actsAs: string; name: string }[] = [
  ...DEMO_STAFF.map((s) => ({ login: s.id, role: s.role, actsAs: s.id, name: s.name ?? s.id })),
  { login: 'lianjia', role: 'broker', actsAs: DEMO_BROKER.id, name: '链家经纪人' },
  { login: 'admin', role: 'admin', actsAs: 'admin', name: '系统管理员' },
];
export const DEMO_PASSWORD = 'anchang-demo';

const CUSTOMERS = [
  { phone: '138 0013 8001', name: '张先生', gender: 'M', needs: '三房 120㎡ 预算300万' },
  { phone: '139-1234-5678', name: '李女士', gender: 'F', needs: '两房 学区' },
  { phone: '+86 137 0000 1111', name: '王先生', gender: 'M', needs: '四房 改善' },
  { phone: '186 2000 3000', name: '赵女士', gender: 'F', needs: '三房 首付100万' },
  { phone: '135 5555 6666', name: '陈先生', gender: 'M', needs: '商铺 投资' },
  { phone: '150 1111 2222', name: '刘女士', gender: 'F', needs: '两房 婚房' },
] as const;

/** Creates and fills the demo office at `now`; returns null when a project with its id already exists. */
export async function seedDemoOffice(offices: Offices, now: number): Promise<OfficeHandle | null> {
  if (await offices.open(DEMO_PROJECT.id)) return null;
  const today = localDay(now, DEMO_PROJECT.zone).start;
  const seedStart = today - 3 * DAY_MS;
  const office = await offices.create(DEMO_PROJECT, STANDARD_POLICY, SYSTEM, { at: seedStart });
  const run = async (at: number, command: Command) => {
    const done = await office.execute(command, SYSTEM, { at });
    if (!done.ok) throw new Error(`demo seed: ${command.do} refused: ${done.refusal.message}`);
    return done.answer;
  };

  for (const staff of DEMO_STAFF) await run(seedStart, { do: 'addStaff', staff });
  await run(seedStart, { do: 'addBroker', broker: DEMO_BROKER });
  await run(seedStart, { do: 'importUnits', units: demoUnits(), by: 'liu', file: '星河湾一期房源表.xlsx' });

  // Three earlier days: the consultants sign in, customers come, are registered and followed up.
  const consultants = DEMO_STAFF.filter((s) => s.role === 'consultant').map((s) => s.id);
  for (let d = 0; d < 3; d++) {
    const morning = seedStart + d * DAY_MS + 8 * HOUR_MS + 30 * MINUTE_MS;
    const rotated = [...consultants.slice(d), ...consultants.slice(0, d)];
    for (const who of rotated) await run(morning, { do: 'signIn', who });
    for (let i = 0; i < 2; i++) {
      const c = CUSTOMERS[d * 2 + i];
      if (!c) continue;
      const t = morning + (1 + i) * HOUR_MS;
      const receiver = (await run(t, { do: 'arrive', phone: c.phone, name: c.name })).receiver ?? (rotated[i] as string);
      await run(t + 20 * MINUTE_MS, { do: 'register', by: receiver, via: 'visit', phone: c.phone, name: c.name, gender: c.gender, needs: c.needs });
      await run(t + 50 * MINUTE_MS, { do: 'done', who: receiver });
    }
    if (d === 1) await run(morning + 5 * HOUR_MS, { do: 'report', broker: DEMO_BROKER.id, phone: '177 8888 9999', name: '周先生' });
    if (d === 2) await run(morning + 6 * HOUR_MS, { do: 'followUp', by: consultants[0] as string, phone: CUSTOMERS[0].phone, reached: true, via: 'call' });
  }
  // A few orders, so the 销控 grid and the order register have something on them from the first look.
  const orderDay = seedStart + 2 * DAY_MS + 15 * HOUR_MS;
  const c0 = CUSTOMERS[0];
  const owner0 = (await office.engine()).ownership(normalisePhone(c0.phone) ?? '', orderDay).owner;
  if (owner0) {
    await run(orderDay, { do: 'deal', phone: c0.phone, unit: '3-1201', by: owner0, stage: 'deposit', amount: 50_000 });
    await run(orderDay + 30 * MINUTE_MS, { do: 'deal', phone: c0.phone, unit: '3-1201', by: owner0, stage: 'subscription', amount: 300_000 });
  }
  await run(orderDay + HOUR_MS, { do: 'hold', unit: '1-1801', by: 'liu', reason: '开发商领导预留' });
  // Today: four consultants are on the floor, so the board has a queue from the first look.
  for (const who of consultants.slice(0, 4)) await run(now, { do: 'signIn', who });
  return office;
}

/** Three buildings of 18 floors, four homes a floor: the inventory an office imports from its 房源表. */
function demoUnits(): Unit[] {
  const layouts = [['三室两厅两卫', 118], ['两室两厅一卫', 89], ['两室两厅一卫', 89], ['四室两厅两卫', 143]] as const;
  const units: Unit[] = [];
  for (const building of [1, 2, 3]) {
    for (let floor = 2; floor <= 18; floor++) {
      layouts.forEach(([layout, area], i) => {
        const room = `${String(floor).padStart(2, '0')}0${i + 1}`;
        const perM2 = 21_000 + floor * 180 + building * 300;
        units.push({ id: `${building}-${room}`, building: `${building}栋`, floor, room, layout, area, price: Math.round((area * perM2) / 1000) * 1000 });
      });
    }
  }
  return units;
}
