// A small driver for tests: an in-memory office with a roster, commands at local wall times.
import type { Command, Outcome } from '../../src/app/commands.ts';
import { execute } from '../../src/app/handlers.ts';
import type { StaffMember } from '../../src/core/facts.ts';
import { STANDARD_POLICY, type Policy } from '../../src/core/policy.ts';
import { parseLocalTime, type Instant } from '../../src/core/time.ts';
import { MemoryOffice } from '../../src/store/memory-store.ts';

export const ZONE = 'Asia/Shanghai';

export function at(text: string): Instant {
  const t = parseLocalTime(text, ZONE);
  if (t === null) throw new Error(`bad time ${text}`);
  return t;
}

export function testOffice(staff: readonly StaffMember[], policy: Policy = STANDARD_POLICY, start = '2026-03-02 08:00') {
  const office = new MemoryOffice(policy, ZONE, at(start));
  for (const s of staff) office.append({ type: 'staffJoined', at: at(start), staff: s });
  const run = (time: string, command: Command): Outcome => execute(office, command, at(time));
  const ok = (time: string, command: Command) => {
    const outcome = run(time, command);
    if (!outcome.ok) throw new Error(`${command.do} refused: ${outcome.refusal.message}`);
    return outcome.answer;
  };
  return { office, engine: office.engine, run, ok };
}
