// Issue 11.4, REG-5: the command that brings one paper-era register entry in. The manager approves it (a late
// entry needs the manager, REG-5); the fact is recorded now, in the log's time order, and carries the time the
// entry happened (`imported.at`), where the ownership walk files it. An entry the register already has is refused
// under the store's lock, so committing a file twice, or two managers at once, records each entry once.
import type { Engine } from '../core/engine.ts';
import type { Fact, Role, StaffId } from '../core/facts.ts';
import { normalisePhone } from '../core/phone.ts';
import { reason, type Reason } from '../core/reasons.ts';
import { judgeRegistration } from '../core/registration.rules.ts';
import type { Instant } from '../core/time.ts';
import type { Command, RefusalCode, RegisterDetails } from './commands.ts';
import { existingEntry } from './register-import/register-lookup.ts';

export interface ImportDecision {
  readonly fact: Fact;
  readonly valid?: boolean;
  readonly reasons: readonly Reason[];
}

/** The handlers' own checks, handed in so the import refuses exactly as every other command does. */
export interface HandlerTools {
  readonly actor: (engine: Engine, who: StaffId, roles?: readonly Role[]) => StaffId;
  readonly refuse: (code: RefusalCode, message: string) => never;
  readonly registerDetails: (policy: Engine['policy'], c: RegisterDetails) => RegisterDetails;
}

export function decideImportEntry(engine: Engine, c: Extract<Command, { do: 'importEntry' }>, now: Instant, tools: HandlerTools): ImportDecision {
  const refuse: HandlerTools['refuse'] = tools.refuse;
  const actor: HandlerTools['actor'] = tools.actor;
  actor(engine, c.by, ['manager']);
  const e = c.entry;
  if (c.batch.trim() === '' || !Number.isSafeInteger(c.row) || c.row < 1) refuse('invalid_input', 'an imported entry names its batch and its row');
  if (!Number.isSafeInteger(e.at) || e.at > now) refuse('invalid_input', 'an imported entry happened before it is brought in (its time is in the future)');
  // A consultant who has left since still wrote the paper entry: history keeps them (OWN-10 ends their protection).
  const consultant = engine.staff.get(e.consultant);
  if (!consultant) refuse('unknown_staff', `unknown consultant "${e.consultant}"`);
  if (consultant.role !== 'consultant') refuse('wrong_role', `${e.consultant} is a ${consultant.role}, not a consultant`);
  const phone = normalisePhone(e.phone);
  if (phone === null) refuse('invalid_phone', `"${e.phone}" is not a valid phone number`);
  const existing = existingEntry(engine, e.kind, phone, e.at, e.consultant);
  if (existing !== null) refuse('already_exists', existing === 'imported' ? 'this entry was imported already' : 'the register already has this entry (same customer, kind and day)');
  const imported = { batch: c.batch, approvedBy: c.by, row: c.row, at: e.at };
  const late = reason('REG-5', 'importedEntry', `a paper-era entry of ${e.kind} brought in late, approved by the manager ${c.by}`, { by: c.by, batch: c.batch, row: c.row });
  if (e.kind === 'followUp') {
    const said = e.said?.trim();
    const fact: Fact = { type: 'followedUp', at: now, by: e.consultant, phone, reached: e.reached ?? true, via: e.via ?? 'call', ...(said ? { said } : {}), imported };
    return { fact, reasons: [late] };
  }
  const fields = { ...(e.name?.trim() ? { name: e.name.trim() } : {}), ...(e.gender ? { gender: e.gender } : {}), ...(e.needs?.trim() ? { needs: e.needs.trim() } : {}) };
  const validity = judgeRegistration(engine.policy, { via: e.kind, phone, ...fields });
  const fact: Fact = {
    type: 'registered',
    at: now,
    by: e.consultant,
    via: e.kind,
    phone,
    ...fields,
    ...(e.plate?.trim() ? { plate: e.plate.trim() } : {}),
    ...tools.registerDetails(engine.policy, e),
    valid: validity.valid,
    imported,
  };
  return { fact, valid: validity.valid, reasons: [late, ...validity.reasons] };
}
