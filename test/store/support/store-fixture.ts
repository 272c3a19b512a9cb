// A project on a SQL store for tests: a roster, a movable clock, commands that must succeed.
import type { Command } from '../../../src/app/commands.ts';
import type { StaffMember } from '../../../src/core/facts.ts';
import { STANDARD_POLICY, type Policy } from '../../../src/core/policy.ts';
import type { Actor, ExecuteOptions, OfficeHandle, Offices } from '../../../src/store/offices.ts';
import type { Db } from '../../../src/store/sql/db.ts';
import { openSqlOffices, type SqlOffices } from '../../../src/store/sql-offices.ts';
import { at, ZONE } from '../../support/office.ts';
import type { Scratch } from './dialects.ts';

export const SECRET = 'test-store-secret-0123456789';
export const MANAGER: Actor = { kind: 'user', id: 'u-manager' };
export const START = at('2026-03-02 08:00');

export const consultants = (n: number, prefix = 'c'): StaffMember[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, role: 'consultant' as const }));
export const ROSTER: readonly StaffMember[] = [...consultants(6), { id: 'm1', role: 'manager' }];

/** The i-th test phone: valid mainland mobile numbers, distinct for i < 10^8. */
export const phone = (i: number): string => `139${String(10_000_000 + i * 7919).slice(-8)}`;

/** A clock the test moves: `clock.now` is what the store reads. */
export function testClock(start = START) {
  const clock = { now: start, read: () => clock.now, set: (t: number) => void (clock.now = t) };
  return clock;
}

/** Offices on `db`; PostgreSQL LISTENs only when a test asks (each LISTEN holds a connection). */
export async function openOffices(db: Db, clock = testClock(), options: { listen?: boolean } = {}): Promise<SqlOffices> {
  return openSqlOffices(db, { secret: SECRET, clock: clock.read, listen: options.listen ?? false });
}

/** A fresh database with project `p1` and the roster. */
export async function freshProject(place: Scratch, staff: readonly StaffMember[] = ROSTER) {
  const { db, place: where } = await place.fresh();
  const offices = await openOffices(db);
  const office = await createProject(offices, 'p1', staff);
  return { db, where, offices, office };
}

/** Creates project `id` with the roster, each hire a recorded fact. */
export async function createProject(offices: SqlOffices, id = 'p1', staff: readonly StaffMember[] = ROSTER, policy: Policy = STANDARD_POLICY): Promise<OfficeHandle> {
  const office = await offices.create({ id, name: `Project ${id}`, zone: ZONE }, policy, MANAGER);
  for (const s of staff) await must(office, { do: 'addStaff', staff: s });
  return office;
}

/** Executes a command that must be recorded; returns its seq. */
export async function must(office: OfficeHandle, command: Command, options: ExecuteOptions = {}, actor: Actor = MANAGER): Promise<number> {
  const out = await office.execute(command, actor, options);
  if (!out.ok) throw new Error(`${command.do} refused: ${out.refusal.message}`);
  if (out.seq === undefined) throw new Error(`${command.do} recorded nothing`);
  return out.seq;
}

export const registration = (by: string, phoneNumber: string, name = '王先生'): Extract<Command, { do: 'register' }> => ({ do: 'register', by, via: 'visit', phone: phoneNumber, name, gender: 'M', needs: '三房' });

/** `n` new customers registered by call, a minute apart after the log's last fact, by its first consultant still on staff. */
export async function registerCalls(offices: Offices, project: string, n: number, from: number): Promise<void> {
  const handle = (await offices.open(project))!;
  const engine = await handle.engine();
  const by = [...engine.staff.values()].find((s) => s.role === 'consultant' && !engine.departed.has(s.id))!.id;
  for (let i = 0; i < n; i++) {
    const out = await handle.execute({ do: 'register', by, via: 'call', phone: `137${String(10_000_000 + from + i).slice(-8)}`, name: '李女士', gender: 'F', needs: '两房' }, MANAGER, { at: engine.lastAt + 60_000 * (i + 1) });
    if (!out.ok) throw new Error(`registration ${i} refused: ${JSON.stringify(out.refusal)}`);
  }
}
