// Replays a scenario through the real command handlers against a throw-away store and compares every
// expectation and check with the system's answer.
import type { Answer } from '../app/commands.ts';
import { execute } from '../app/handlers.ts';
import { floorView } from '../app/queries.ts';
import { ruleIds, type Reason } from '../core/reasons.ts';
import { formatLocalTime } from '../core/time.ts';
import { MemoryOffice } from '../store/memory-store.ts';
import type { Scenario, Step } from './scenario-file.ts';

export interface Failure {
  readonly step: number;
  readonly line: number;
  readonly what: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly reasons: readonly Reason[];
}

/** The office a scenario starts from: its roster recorded before the first step, at its time. */
export function openingOffice(scenario: Scenario): MemoryOffice {
  const first = scenario.steps[0]?.at ?? 0;
  const office = new MemoryOffice(scenario.policy, scenario.zone, first);
  for (const staff of scenario.staff) office.append({ type: 'staffJoined', at: first, staff });
  for (const broker of scenario.brokers) office.append({ type: 'brokerListed', at: first, broker });
  for (const unit of scenario.units) office.append({ type: 'unitListed', at: first, unit });
  return office;
}

/** Runs the scenario's steps on `office` (its log then holds what they recorded) and answers what did not match. */
export function runScenario(scenario: Scenario, office: MemoryOffice = openingOffice(scenario)): Failure[] {
  const failures: Failure[] = [];
  /** The seqs of the violations recorded so far: a step's `violation: n` names the n-th (PEN-1). */
  const violations: number[] = [];
  for (const step of scenario.steps) {
    const fail = (what: string, expected: unknown, actual: unknown, reasons: readonly Reason[] = []): void => {
      failures.push({ step: step.index, line: step.line, what, expected, actual, reasons });
    };
    if (step.kind === 'check') runChecks(office, scenario, step, fail);
    else runCommands(office, step, fail, violations);
  }
  return failures;
}

type Fail = (what: string, expected: unknown, actual: unknown, reasons?: readonly Reason[]) => void;

function runCommands(office: MemoryOffice, step: Extract<Step, { kind: 'do' }>, fail: Fail, violations: number[]): void {
  let answer: Answer | null = null;
  for (const named of step.commands) {
    const command = named.do === 'appeal' || named.do === 'decideAppeal' ? { ...named, violation: violations[named.violation - 1] ?? 0 } : named;
    const outcome = execute(office, command, step.at);
    if (outcome.ok && command.do === 'recordViolation') violations.push(office.engine.lastSeq);
    if (!outcome.ok) {
      if (step.expect.rejected !== true) fail(`${command.do} was refused`, 'accepted', `${outcome.refusal.code}: ${outcome.refusal.message}`, outcome.refusal.reasons);
      else if (step.expect.refusal !== undefined && step.expect.refusal !== outcome.refusal.code) fail('refusal', step.expect.refusal, outcome.refusal.code, outcome.refusal.reasons);
      return;
    }
    answer = outcome.answer;
  }
  // A report or dispute that is not accepted is recorded, but to the office it was rejected (推荐失败, 逾期).
  if (step.expect.refusal !== undefined) return fail('refusal', step.expect.refusal, answer?.accepted === false ? 'not accepted (recorded)' : 'accepted', answer?.reasons);
  if (step.expect.rejected === true && answer?.accepted !== false) return fail('rejected', true, false, answer?.reasons);
  if (step.expect.rejected === false && answer?.accepted === false) return fail('rejected', false, true, answer.reasons);
  if (!answer) return;
  const e = step.expect;
  const compare = (key: keyof typeof e, actual: unknown): void => {
    if (e[key] !== undefined && !same(e[key], actual)) fail(key, e[key], actual, answer?.reasons);
  };
  compare('receiver', answer.receiver ?? null);
  compare('as', answer.as ?? null);
  compare('channel', answer.channel ?? null);
  compare('valid', answer.valid);
  compare('accepted', answer.accepted);
  compare('extends', answer.extends);
  compare('credit', answer.credit);
}

function runChecks(office: MemoryOffice, scenario: Scenario, step: Extract<Step, { kind: 'check' }>, fail: Fail): void {
  const engine = office.engine;
  const now = step.at;
  const c = step.check;
  if (c.up !== undefined || c.queue !== undefined || c.makeUps !== undefined) {
    const view = floorView(engine, now);
    if (c.up !== undefined && !same(c.up, view.up?.unit ?? null)) fail('up', c.up, view.up?.unit ?? null, view.up?.reasons ?? []);
    if (c.queue !== undefined && !same(c.queue, view.queue)) fail('queue', c.queue, view.queue);
    if (c.makeUps !== undefined && !same(withoutZeros(c.makeUps), view.makeUps)) fail('makeUps', c.makeUps, view.makeUps);
  }
  if (c.owner) {
    const answer = engine.ownership(c.owner.phone, now);
    if (!same(c.owner.is, answer.owner)) fail(`owner of ${c.owner.phone}`, c.owner.is, answer.owner, answer.reasons);
  }
  if (c.protectedUntil) {
    const answer = engine.ownership(c.protectedUntil.phone, now);
    const actual = answer.protectedUntil === null ? null : formatLocalTime(answer.protectedUntil, scenario.zone);
    if (!same(c.protectedUntil.is, actual)) fail(`protectedUntil of ${c.protectedUntil.phone}`, c.protectedUntil.is, actual, answer.reasons);
  }
  if (c.channel) {
    const protection = engine.channel(c.channel.phone, now);
    if (!same(c.channel.is, protection?.broker ?? null)) fail(`channel of ${c.channel.phone}`, c.channel.is, protection?.broker ?? null, protection?.reasons ?? []);
  }
  if (c.credit) {
    const order = engine.orders.get(c.credit.unit);
    const credit = order ? engine.creditOf(order, now) : null;
    const expected = c.credit.is === null ? null : withoutZeros(c.credit.is);
    if (!same(expected, credit ? withoutZeros(credit.credit) : null)) fail(`credit of ${c.credit.unit}`, c.credit.is, credit?.credit ?? null, credit?.reasons ?? []);
  }
  if (c.unit) {
    const actual = engine.orders.get(c.unit.id)?.stage ?? engine.unitAvailability(c.unit.id);
    if (c.unit.is !== actual) fail(`unit ${c.unit.id}`, c.unit.is, actual);
  }
}

function withoutZeros(m: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => v !== 0));
}

/** Structural equality; numbers (credit shares) compare to within 1e-9. */
export function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

export function describeReasons(reasons: readonly Reason[]): string {
  return ruleIds(reasons).join(', ') || '—';
}
