// A generated month of an office's history for the risk alerts (RISK-1), recorded through the real command
// handlers: 8 consultants, 4 brokers, ~400 customers who arrive on the rotation, are registered by whoever
// received them, followed up by their owner over the next days, some reported by a broker days before they
// come. Near-misses are part of an honest month: an owner correcting a registration once, a colleague
// covering one follow-up, a broker reporting a customer the day after a visit. `plant` adds the theft
// patterns, five of each kind, and returns which customers they are about.
import { execute } from '../../src/app/handlers.ts';
import type { Command } from '../../src/app/commands.ts';
import { STANDARD_POLICY } from '../../src/core/policy.ts';
import type { RiskKind } from '../../src/core/risk.rules.ts';
import { parseLocalTime } from '../../src/core/time.ts';
import { MemoryOffice } from '../../src/store/memory-store.ts';

const ZONE = 'Asia/Shanghai';
const CONSULTANTS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8'];
const BROKERS = ['B1', 'B2', 'B3', 'B4'];
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Event {
  readonly at: number;
  readonly order: number;
  readonly run: () => Command | null;
}

export interface Month {
  readonly office: MemoryOffice;
  /** The planted patterns: kind and the customer's phone key. */
  readonly planted: readonly { readonly kind: RiskKind; readonly phone: string }[];
}

export function generateMonth(options: { readonly seed: number; readonly customers: number; readonly plant: boolean }): Month {
  const random = rng(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const start = parseLocalTime('2026-04-01 00:00', ZONE) ?? 0;
  const office = new MemoryOffice(STANDARD_POLICY, ZONE, start);
  for (const id of CONSULTANTS) office.append({ type: 'staffJoined', at: start, staff: { id, role: 'consultant' } });
  for (const id of BROKERS) office.append({ type: 'brokerListed', at: start, broker: { id, kind: 'agency', approved: true } });
  const events: Event[] = [];
  let order = 0;
  const at = (time: number, run: () => Command | null) => events.push({ at: time, order: order++, run });
  const owner = new Map<string, string>();
  for (let d = 0; d < 30; d++) for (const who of CONSULTANTS) at(start + d * DAY + 9 * HOUR, () => ({ do: 'signIn', who }));

  const planted: { kind: RiskKind; phone: string }[] = [];
  const kinds: RiskKind[] = ['repeatedEdits', 'manyFollowers', 'brokerHopping', 'reportAfterArrival'];
  const total = options.customers + (options.plant ? 20 : 0);
  for (let i = 0; i < total; i++) {
    const phone = `139${String(10_000_000 + i).padStart(8, '0')}`;
    const plantKind = options.plant && i >= options.customers ? kinds[(i - options.customers) % 4] : undefined;
    const day = 3 + Math.floor(random() * 24);
    const arrival = start + day * DAY + 9 * HOUR + 10 * MIN + Math.floor(random() * 8 * 60) * MIN;
    const broker = plantKind === 'reportAfterArrival' ? undefined : random() < 0.3 || plantKind === 'brokerHopping' ? pick(BROKERS) : undefined;
    if (broker) at(arrival - (1 + Math.floor(random() * 5)) * DAY, () => ({ do: 'report', broker, phone }));
    at(arrival, () => ({ do: 'arrive', phone, ...(broker ? { broker } : {}) }));
    at(arrival + 10 * MIN, () => ({ do: 'register', by: owner.get(phone) ?? 'C1', via: 'visit', phone, name: '客户', needs: '三房' }));
    at(arrival + 40 * MIN, () => {
      const who = owner.get(phone);
      return who ? { do: 'done', who } : null;
    });
    const follow = (after: number, by?: () => string) => at(arrival + after, () => ({ do: 'followUp', by: by?.() ?? owner.get(phone) ?? 'C1', phone, reached: true, via: 'call' }));
    for (let k = 1, n = Math.floor(random() * 4); k <= n; k++) follow(k * (1 + Math.floor(random() * 2)) * DAY + HOUR);
    // near-misses of an honest month
    const r = random();
    if (r < 0.1) at(arrival + 2 * DAY, () => ({ do: 'register', by: owner.get(phone) ?? 'C1', via: 'call', phone, name: '客户', needs: '三房，改两房' }));
    else if (r < 0.15) {
      const colleague = pick(CONSULTANTS);
      follow(HOUR * 30, () => colleague);
    }
    else if (r < 0.2 && !broker) at(arrival + DAY + 2 * HOUR, () => ({ do: 'report', broker: pick(BROKERS), phone }));
    if (plantKind) planted.push({ kind: plantKind, phone });
    if (plantKind === 'repeatedEdits') for (const h of [20, 44]) at(arrival + h * HOUR, () => ({ do: 'register', by: owner.get(phone) ?? 'C1', via: 'call', phone, name: '客户', needs: `改 ${h}` }));
    if (plantKind === 'manyFollowers') for (const [h, by] of [[2, 'C7'], [5, 'C8']] as const) follow(h * HOUR, () => (owner.get(phone) === by ? 'C6' : by));
    if (plantKind === 'brokerHopping') at(arrival + 5 * DAY, () => ({ do: 'report', broker: BROKERS.find((b) => b !== broker) ?? 'B1', phone }));
    if (plantKind === 'reportAfterArrival') at(arrival + 30 * MIN, () => ({ do: 'report', broker: pick(BROKERS), phone }));
  }

  events.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const e of events) {
    const command = e.run();
    if (!command) continue;
    const done = execute(office, command, e.at);
    if (done.ok && command.do === 'arrive' && done.answer.receiver && command.phone) owner.set(command.phone, owner.get(command.phone) ?? done.answer.receiver);
  }
  return { office, planted };
}
