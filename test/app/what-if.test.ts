// The policy what-if: the recorded log re-decided under an edited policy from the window's start, compared
// with the same re-decision under the recorded policy.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandOfFact } from '../../src/app/command-of-fact.ts';
import { execute } from '../../src/app/handlers.ts';
import { whatIf } from '../../src/app/what-if.ts';
import type { StaffMember } from '../../src/core/facts.ts';
import { STANDARD_POLICY, type Policy } from '../../src/core/policy.ts';
import { DAY_MS, HOUR_MS } from '../../src/core/time.ts';
import { collectScenarioFiles } from '../../src/scenario/scenario-runner.ts';
import { parseScenario } from '../../src/scenario/scenario-file.ts';
import { MemoryOffice } from '../../src/store/memory-store.ts';
import { caseArb, play, POLICIES, POLICY_NAMES, START, ZONE as ARB_ZONE } from '../properties/arbitraries.ts';
import { at, testOffice, ZONE } from '../support/office.ts';

const STAFF: readonly StaffMember[] = [
  { id: 'A', role: 'consultant' },
  { id: 'B', role: 'consultant' },
  { id: 'C', role: 'consultant' },
  { id: 'M', role: 'manager' },
];

const edited = (change: (p: { -readonly [K in keyof Policy]: { -readonly [F in keyof Policy[K]]: Policy[K][F] } }) => void): Policy => {
  const p = structuredClone(STANDARD_POLICY) as Parameters<typeof change>[0];
  change(p);
  return p as Policy;
};

/** The what-if of the last 30 days before `now` on an office's log. */
const lastThirtyDays = (log: MemoryOffice['log'], candidate: Policy, now: number) =>
  whatIf({ facts: log, zone: ZONE, initialPolicy: STANDARD_POLICY, candidate, from: now - 30 * DAY_MS, now });

/**
 * A month of one office: 方先生 registered by A 20 days ago and not contacted since; he comes back today,
 * A receives him as his owner and registers him again. 林女士 is registered by B without her gender.
 */
function month() {
  const o = testOffice(STAFF, STANDARD_POLICY, '2026-02-01 08:00');
  o.ok('2026-02-01 08:00', { do: 'addUnit', unit: { id: 'U1' } });
  o.ok('2026-02-10 09:00', { do: 'signIn', who: 'A' });
  o.ok('2026-02-10 10:00', { do: 'arrive', phone: '139 0000 0001', name: '方先生' });
  o.ok('2026-02-10 10:20', { do: 'register', by: 'A', via: 'visit', phone: '139 0000 0001', name: '方先生', gender: 'M', needs: '三房' });
  o.ok('2026-02-10 11:00', { do: 'done', who: 'A' });
  o.ok('2026-02-10 11:05', { do: 'register', by: 'A', via: 'call', phone: '139 0000 0002', name: '林', needs: '两房' });
  o.ok('2026-02-11 09:00', { do: 'signIn', who: 'B' });
  o.ok('2026-02-11 09:30', { do: 'arrive', phone: '139 0000 0003', name: '林女士' });
  o.ok('2026-02-11 09:50', { do: 'register', by: 'B', via: 'visit', phone: '139 0000 0003', name: '林女士', needs: '两房 学区' });
  o.ok('2026-02-11 10:30', { do: 'done', who: 'B' });
  for (const who of ['B', 'C', 'A']) o.ok('2026-03-02 09:00', { do: 'signIn', who });
  o.ok('2026-03-02 10:00', { do: 'arrive', phone: '13900000001', name: '方先生' });
  o.ok('2026-03-02 10:30', { do: 'register', by: 'A', via: 'visit', phone: '13900000001', name: '方先生', gender: 'M', needs: '三房 预算300万' });
  o.ok('2026-03-02 11:00', { do: 'done', who: 'A' });
  return o;
}

describe('commandOfFact', () => {
  it('gives back the command of every fact the scenarios record: deciding it again records the same fact', () => {
    const { files } = collectScenarioFiles(['scenarios', '../shared/spec/examples']);
    expect(files.length).toBeGreaterThan(30);
    let facts = 0;
    for (const file of files) {
      const scenario = parseScenario(file, readFileSync(file, 'utf8'));
      const first = scenario.steps[0]?.at ?? 0;
      const office = new MemoryOffice(scenario.policy, scenario.zone, first);
      for (const staff of scenario.staff) office.append({ type: 'staffJoined', at: first, staff });
      for (const broker of scenario.brokers) office.append({ type: 'brokerListed', at: first, broker });
      for (const unit of scenario.units) office.append({ type: 'unitListed', at: first, unit });
      for (const step of scenario.steps) if (step.kind === 'do') for (const command of step.commands) execute(office, command, step.at);

      const again = new MemoryOffice(scenario.policy, scenario.zone, first);
      for (const fact of office.log) {
        const command = commandOfFact(fact);
        expect(command, `${file} #${fact.seq}`).not.toBeNull();
        const outcome = execute(again, command as NonNullable<typeof command>, fact.at);
        expect(outcome.ok, `${file} #${fact.seq} ${fact.type}`).toBe(true);
        expect(again.log.at(-1), `${file} #${fact.seq}`).toEqual(fact);
        facts++;
      }
      // The same policy over the whole scenario: nothing differs.
      const end = office.engine.lastAt;
      const same = whatIf({ facts: office.log, zone: scenario.zone, initialPolicy: scenario.policy, candidate: office.engine.policy, from: first, now: end });
      expect({ file, ...same, redecided: 0 }, file).toEqual({ file, from: first, now: end, redecided: 0, ignoredPolicyChanges: [], notRedecided: [], drift: [], customers: [], credits: [], decisions: [], refused: [], queue: null });
    }
    expect(facts).toBeGreaterThan(300);
  });
});

describe('whatIf', () => {
  const now = at('2026-03-02 12:00');

  it('the recorded policy again: re-decides the window and finds no difference', () => {
    const o = month();
    const result = lastThirtyDays(o.office.log, STANDARD_POLICY, now);
    expect(result.redecided).toBe(o.office.log.filter((f) => f.at >= now - 30 * DAY_MS).length);
    expect(result).toMatchObject({ customers: [], credits: [], decisions: [], refused: [], drift: [], notRedecided: [], queue: null });
  });

  it('ownership.protectionDays 30 → 10: 方先生 has lapsed, so the queue receives him and the receiver registers him', () => {
    const o = month();
    expect(o.engine.ownership('13900000001', now).owner).toBe('A');
    const result = lastThirtyDays(o.office.log, edited((p) => (p.ownership.protectionDays = 10)), now);

    // Recorded: A received his own customer (ROT-10). Lapsed: B, first in the queue, receives him on a turn.
    const arrival = result.decisions.find((d) => d.type === 'partyArrived');
    expect(arrival).toMatchObject({ phone: '13900000001', before: { receiver: 'A', as: 'owner' }, after: { receiver: 'B', as: 'turn' } });
    // The registration the receiver wrote is B's, and so is ending the reception.
    expect(result.decisions.find((d) => d.type === 'registered')).toMatchObject({ before: { by: 'A', valid: true }, after: { by: 'B', valid: true } });
    expect(result.decisions.find((d) => d.type === 'receptionEnded')).toMatchObject({ before: { who: 'A' }, after: { who: 'B' } });
    expect(result.refused).toEqual([]);
    // B took a turn and went to the tail.
    expect(result.queue).toEqual({ before: ['B', 'C', 'A'], after: ['C', 'A', 'B'] });

    const fang = result.customers.find((c) => c.phone === '13900000001');
    expect(fang).toMatchObject({ name: '方先生', ownerChanged: true, before: { owner: 'A' }, after: { owner: 'B', protectedUntil: at('2026-03-02 10:30') + 10 * DAY_MS } });
    expect(fang?.reasonsAfter.map((r) => r.rule)).toContain('OWN-1');
    // 林女士 (registered 19 days ago, never contacted since) lapses too.
    expect(result.customers.find((c) => c.phone === '13900000003')).toMatchObject({ ownerChanged: true, before: { owner: 'B' }, after: { owner: null, protectedUntil: null } });
  });

  it('a longer protection changes only when protection ends', () => {
    const o = month();
    const result = lastThirtyDays(o.office.log, edited((p) => (p.ownership.protectionDays = 45)), now);
    expect(result.decisions).toEqual([]);
    expect(result.customers.every((c) => !c.ownerChanged && c.after.protectedUntil === (c.before.protectedUntil ?? 0) + 15 * DAY_MS)).toBe(true);
    expect(result.customers.map((c) => c.phone).sort()).toEqual(['13900000001', '13900000003']);
  });

  it('registration.required with gender: 林女士’s registration is no longer valid, so nobody owns her', () => {
    const o = month();
    const result = lastThirtyDays(o.office.log, edited((p) => (p.registration.required = ['name', 'gender', 'phone', 'needs'])), now);
    // The call entry without a gender is no longer valid either; a call owns nothing (REG-8), so only 林女士 changes owner.
    expect(result.decisions).toEqual([
      expect.objectContaining({ type: 'registered', phone: '13900000002', before: { by: 'A', valid: true }, after: { by: 'A', valid: false } }),
      expect.objectContaining({ type: 'registered', phone: '13900000003', before: { by: 'B', valid: true }, after: { by: 'B', valid: false } }),
    ]);
    expect(result.customers).toEqual([expect.objectContaining({ phone: '13900000003', ownerChanged: true, before: { owner: 'B', protectedUntil: at('2026-02-11 09:50') + 30 * DAY_MS }, after: { owner: null, protectedUntil: null } })]);
    expect(result.customers[0]?.reasonsAfter.map((r) => r.code)).toEqual(['neverOwned']);
  });

  it('splits.cover 50/50 → 70/30 changes the credit of a deal closed by the cover', () => {
    const o = testOffice(STAFF, STANDARD_POLICY, '2026-02-20 08:00');
    o.ok('2026-02-20 08:00', { do: 'addUnit', unit: { id: '6-2301' } });
    o.ok('2026-02-20 10:00', { do: 'register', by: 'A', via: 'visit', phone: '13900006401', name: '方先生', gender: 'M', needs: '四房' });
    for (const who of ['A', 'B', 'C']) o.ok('2026-03-01 09:00', { do: 'signIn', who });
    o.ok('2026-03-01 12:00', { do: 'away', who: 'A', reason: 'private' });
    expect(o.ok('2026-03-01 12:10', { do: 'arrive', phone: '13900006401' })).toMatchObject({ receiver: 'C', as: 'cover' });
    expect(o.ok('2026-03-01 13:00', { do: 'deal', phone: '13900006401', unit: '6-2301', by: 'C', stage: 'deposit' }).credit).toEqual({ A: 0.5, C: 0.5 });
    o.ok('2026-03-02 10:00', { do: 'deal', phone: '13900006401', unit: '6-2301', by: 'C', stage: 'subscription' });

    const result = lastThirtyDays(o.office.log, edited((p) => (p.splits.cover = { owner: 0.7, cover: 0.3 })), now);
    expect(result.credits).toEqual([{ unit: '6-2301', before: { phone: '13900006401', closer: 'C', credit: { A: 0.5, C: 0.5 } }, after: { phone: '13900006401', closer: 'C', credit: { A: 0.7, C: 0.3 } } }]);
    // The deposit decided the credit; the subscription carries it on.
    expect(result.decisions.map((d) => [d.type, d.after])).toEqual([
      ['ordered', { credit: { A: 0.7, C: 0.3 } }],
      ['ordered', { credit: { A: 0.7, C: 0.3 } }],
    ]);
    expect(result.customers).toEqual([]);
  });

  it('a command the candidate run cannot take is reported as refused, and the party’s later commands follow it', () => {
    // 周先生 was registered by A 40 days ago: lapsed, so today B receives him on a turn and declines (ROT-4); C takes him.
    const o = testOffice(STAFF, STANDARD_POLICY, '2026-01-20 08:00');
    o.ok('2026-01-21 10:00', { do: 'register', by: 'A', via: 'visit', phone: '13900000009', name: '周先生', gender: 'M', needs: '两房' });
    for (const who of ['B', 'C', 'A']) o.ok('2026-03-02 09:00', { do: 'signIn', who });
    expect(o.ok('2026-03-02 10:00', { do: 'arrive', phone: '13900000009', name: '周先生' })).toMatchObject({ receiver: 'B', as: 'turn' });
    expect(o.ok('2026-03-02 10:05', { do: 'decline', who: 'B' })).toMatchObject({ receiver: 'C', as: 'turn' });
    o.ok('2026-03-02 10:40', { do: 'done', who: 'C' });

    // With 60 days A still owns him and receives him as his owner: there is no turn to decline.
    const result = lastThirtyDays(o.office.log, edited((p) => (p.ownership.protectionDays = 60)), now);
    expect(result.refused).toEqual([expect.objectContaining({ type: 'turnDeclined', code: 'not_receiving' })]);
    expect(result.decisions.map((d) => [d.type, d.before, d.after])).toEqual([
      ['partyArrived', { receiver: 'B', as: 'turn', channel: null }, { receiver: 'A', as: 'owner', channel: null }],
      ['receptionEnded', { who: 'C' }, { who: 'A' }],
    ]);
    expect(result.customers).toEqual([expect.objectContaining({ phone: '13900000009', ownerChanged: true, before: { owner: null, protectedUntil: null }, after: { owner: 'A', protectedUntil: at('2026-03-02 10:00') + 60 * DAY_MS } })]);
    expect(result.queue).toEqual({ before: ['A', 'B', 'C'], after: ['B', 'C', 'A'] });
  });

  it('a registration follows the party only when its writer received it: after a decline, the decliner’s entry stays theirs', () => {
    const o = testOffice(STAFF, STANDARD_POLICY, '2026-03-02 08:00');
    for (const who of ['A', 'B']) o.ok('2026-03-02 09:00', { do: 'signIn', who });
    o.ok('2026-03-02 09:10', { do: 'arrive', phone: '13912345678', name: '张先生' });
    expect(o.ok('2026-03-02 09:11', { do: 'decline', who: 'A' })).toMatchObject({ receiver: 'B' });
    o.ok('2026-03-02 09:12', { do: 'register', by: 'A', via: 'visit', phone: '13912345678', name: '张先生', gender: 'M', needs: '三房' });
    const result = lastThirtyDays(o.office.log, edited((p) => (p.ownership.protectionDays = 2)), now);
    expect(result).toMatchObject({ drift: [], decisions: [], refused: [] });
  });

  it('recorded policy changes inside the window are kept in the recorded run and ignored in the candidate run', () => {
    const o = month();
    const ten = edited((p) => (p.ownership.protectionDays = 10));
    o.ok('2026-03-02 11:30', { do: 'setPolicy', policy: ten, by: 'M' });
    const seq = o.office.log.length;
    // The office now runs on 10 days; a candidate of 30 days shows what the change cost.
    const result = lastThirtyDays(o.office.log, STANDARD_POLICY, now);
    expect(result.ignoredPolicyChanges).toEqual([seq]);
    expect(result.customers.find((c) => c.phone === '13900000003')).toMatchObject({ before: { owner: null }, after: { owner: 'B' } });
    // The candidate equal to the current policy: only the window before the change differs.
    const same = lastThirtyDays(o.office.log, ten, now);
    expect(same.customers.find((c) => c.phone === '13900000003')).toBeUndefined();
  });

  it('is a function of its inputs: the log is not changed and the same call answers the same', () => {
    const o = month();
    const log = structuredClone(o.office.log);
    const policy = edited((p) => (p.ownership.protectionDays = 10));
    const first = lastThirtyDays(o.office.log, policy, now);
    expect(lastThirtyDays(o.office.log, policy, now)).toEqual(first);
    expect(o.office.log).toEqual(log);
  });
});

describe('whatIf on random offices', () => {
  it('the policy in force as the candidate: nothing differs, whatever the window', () => {
    fc.assert(
      fc.property(caseArb(), fc.double({ min: 0, max: 1, noNaN: true }), (c, cut) => {
        const run = play(c);
        const log = run.office.log;
        const first = log[0]?.at ?? START;
        const now = run.office.engine.lastAt + HOUR_MS;
        const from = first + Math.floor((now - first) * cut);
        const result = whatIf({ facts: log, zone: ARB_ZONE, initialPolicy: run.policy, candidate: run.office.engine.policy, from, now });
        expect(result).toMatchObject({ drift: [], notRedecided: [], customers: [], credits: [], decisions: [], refused: [], queue: null });
        expect(result.redecided).toBe(log.filter((f) => f.at >= from).length);
      }),
      { numRuns: 80 },
    );
  });

  it('any candidate: never throws, and everything it reports lies in the window', () => {
    fc.assert(
      fc.property(caseArb(), fc.constantFrom(...POLICY_NAMES), fc.double({ min: 0, max: 1, noNaN: true }), (c, name, cut) => {
        const run = play(c);
        const log = run.office.log;
        const first = log[0]?.at ?? START;
        const now = run.office.engine.lastAt + HOUR_MS;
        const from = first + Math.floor((now - first) * cut);
        const result = whatIf({ facts: log, zone: ARB_ZONE, initialPolicy: run.policy, candidate: POLICIES[name], from, now });
        for (const item of [...result.decisions, ...result.refused]) expect(item.at).toBeGreaterThanOrEqual(from);
        expect(result.drift).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });
});
