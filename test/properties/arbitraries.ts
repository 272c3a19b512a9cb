// Shared generators and a driver for the property tests: random floor days as sequences of Commands with
// non-decreasing times, executed through the real command handlers on a fresh MemoryOffice.
import fc from 'fast-check';
import type { Command, Outcome } from '../../src/app/commands.ts';
import { execute } from '../../src/app/handlers.ts';
import type { Broker, Recorded, Relation, StaffId, StaffMember, Unit } from '../../src/core/facts.ts';
import { normalisePhone, type PhoneKey } from '../../src/core/phone.ts';
import { resolvePolicy, STANDARD_POLICY, type Policy } from '../../src/core/policy.ts';
import { relationInScope } from '../../src/core/ownership.rules.ts';
import { DAY_MS, formatLocalTime, HOUR_MS, MINUTE_MS, type Instant } from '../../src/core/time.ts';
import { MemoryOffice } from '../../src/store/memory-store.ts';

export const ZONE = 'Asia/Shanghai';
/** 2026-03-02 08:00 in Asia/Shanghai (a Monday). */
export const START: Instant = Date.UTC(2026, 2, 2, 0, 0);

// ---- policies ----

function resolved(set: Record<string, unknown>): Policy {
  const r = resolvePolicy('standard', set);
  if (!r.ok) throw new Error(`bad test policy: ${JSON.stringify(r.problems)}`);
  return r.policy;
}

/** The standard preset and the variants the properties must hold under. */
export const POLICIES = {
  standard: STANDARD_POLICY,
  'makeUpLimit=unlimited': resolved({ 'rotation.makeUpLimit': 'unlimited' }),
  'makeUpLimit=2': resolved({ 'rotation.makeUpLimit': 2 }),
  'order=fewestNewToday': resolved({ 'rotation.order': 'fewestNewToday' }),
  'privateReturn=keep': resolved({ 'rotation.privateReturn': 'keep' }),
  'family=threeGenerations': resolved({ 'ownership.family': 'threeGenerations' }),
  // Extra: short protection so that lapses happen inside the few days a run spans.
  'protectionDays=2': resolved({ 'ownership.protectionDays': 2 }),
  // Extra: call entries can establish ownership when the caller later names the call-taker (REG-8).
  'callsEstablish=true': resolved({ 'ownership.callsEstablish': true }),
} as const satisfies Record<string, Policy>;

export type PolicyName = keyof typeof POLICIES;
export const POLICY_NAMES = Object.keys(POLICIES) as PolicyName[];

// ---- the cast ----

export const CONSULTANT_IDS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const MANAGER = 'M';
export const BROKERS: readonly Broker[] = [
  { id: 'X', kind: 'distributor', approved: true },
  { id: 'Y', kind: 'agency', approved: true },
  { id: 'Z', kind: 'individual', approved: false },
];
export const UNITS: readonly Unit[] = [{ id: 'U1', price: 2_350_000 }, { id: 'U2' }, { id: 'U3' }];

/** A handful of customers, each typed in a few ways (REG-4: all forms are one number). */
export const PHONE_FORMS: readonly (readonly string[])[] = [
  ['13800138000', '+86 138 0013 8000', '138-0013-8000'],
  ['13912345678', '139 1234 5678', '0086 139-1234-5678'],
  ['13700001111', '+86 13700001111'],
  ['15011112222', '150 1111 2222'],
  ['18688889999', '186-8888-9999'],
  ['13566667777', '+86 135 6666 7777'],
];
export const PHONE_KEYS: readonly PhoneKey[] = PHONE_FORMS.map((forms) => {
  const key = normalisePhone(forms[0] as string);
  if (key === null) throw new Error(`test phone ${forms[0]} does not normalise`);
  return key;
});

// ---- cases ----

export interface Step {
  /** Milliseconds after the previous step (so times never go backwards). */
  readonly dt: number;
  readonly command: Command;
  /** For `reorder`: sort keys that turn the queue at execution time into a permutation of it. */
  readonly shuffle?: readonly number[];
  /**
   * For commands about one consultant on the floor (done, back, reclassify, decline, away, signOut): pick
   * the consultant at execution time among those it can apply to, so that fewer commands are refused.
   */
  readonly target?: number;
  /**
   * For commands naming a record (leave, confirmViewing, markAlertRead: an arrival; identify, decideLateEntry: a
   * register entry): pick, at execution time, among the records of that kind so far, so that some land.
   */
  readonly pick?: number;
  /** For `register`: the visit happened this many days before (REG-5: a late entry waiting for the manager). */
  readonly lateDays?: number;
}

export interface Case {
  readonly policyName: PolicyName;
  readonly consultants: readonly StaffId[];
  readonly steps: readonly Step[];
}

const gapArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 10, arbitrary: fc.constant(0) },
  { weight: 80, arbitrary: fc.integer({ min: 1, max: 30 }).map((m) => m * MINUTE_MS) },
  { weight: 5, arbitrary: fc.integer({ min: 30, max: 300 }).map((m) => m * MINUTE_MS) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).chain((d) => fc.integer({ min: -8, max: 8 }).map((h) => d * DAY_MS + h * HOUR_MS)) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 40 }).map((d) => d * DAY_MS) },
);

/** One of the first `count` customers, typed in one of its forms. */
function phoneArbOf(count: number): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: 0, max: Math.min(count, PHONE_FORMS.length) - 1 }), fc.nat(2)).map(([i, f]) => {
    const forms = PHONE_FORMS[i] as readonly string[];
    return forms[f % forms.length] as string;
  });
}

const nameArb = fc.constantFrom('张先生', '李女士', '王', '赵', '张先生', '李女士', '  ');
const relationArb = fc.constantFrom<Relation>('spouse', 'parent', 'child', 'sibling', 'grandparent');

/** Drops undefined fields so counterexamples read cleanly. */
/** `arb` about `percent` % of the time, otherwise undefined (shrinks towards undefined). */
function sometimes<T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(undefined) }, { weight: percent, arbitrary: arb });
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Relative frequency of each command kind, overriding the defaults. */
export type Weights = Partial<Record<Command['do'], number>>;

/** A mix for ownership questions: many registrations, contacts, merges, reassignments and departures. */
export const OWNERSHIP_MIX: Weights = { register: 30, followUp: 10, merge: 8, depart: 4, reassign: 6, deal: 6, arrive: 14, done: 14, signIn: 10, back: 4, away: 3 };

/**
 * A mix for look-backs and departures (OWN-6, OWN-10): registrations, merges and departures crowd out the
 * floor traffic, so that a merge followed by the original owner's departure is common.
 */
export const LOOKBACK_MIX: Weights = {
  register: 40, merge: 15, depart: 10, reassign: 4, signIn: 4, arrive: 3, deal: 2, followUp: 2, done: 2,
  back: 1, away: 1, signOut: 1, reclassify: 1, decline: 1, suspend: 1, report: 1, dispute: 1, reorder: 1,
};

const TARGETED = new Set<Command['do']>(['done', 'back', 'reclassify', 'decline', 'away', 'signOut']);
const PICKED = new Set<Command['do']>(['leave', 'confirmViewing', 'markAlertRead', 'identify', 'decideLateEntry']);

function commandArb(consultants: readonly StaffId[], exclude: ReadonlySet<Command['do']>, weights: Weights, phones: number): fc.Arbitrary<Step> {
  const phoneArb = phoneArbOf(phones);
  const who = fc.constantFrom(...consultants);
  const anyStaff = fc.oneof({ weight: 9, arbitrary: who }, { weight: 1, arbitrary: fc.constant(MANAGER) });
  const unitArb = fc.constantFrom('U1', 'U2', 'U3');
  /** A record number: early ones exist in every run; later ones may not yet. */
  const seqArb = fc.integer({ min: 1, max: 60 });
  const cmd = (kind: Command['do'], arb: fc.Arbitrary<Command>, weight: number) => ({ kind, weight: weights[kind] ?? weight, arbitrary: arb });

  const arrive = fc
    .record({
      phone: sometimes(phoneArb, 75),
      name: sometimes(nameArb, 50),
      asksFor: sometimes(who, 12),
      nonCustomer: sometimes(fc.constant(true as const), 8),
      broker: sometimes(fc.constantFrom('X', 'Y', 'Z'), 15),
    })
    .map((r) => compact({ do: 'arrive' as const, ...r }));
  const register = fc
    .record({
      by: anyStaff,
      via: fc.constantFrom('visit', 'visit', 'visit', 'call') as fc.Arbitrary<'visit' | 'call'>,
      phone: sometimes(phoneArb, 92),
      name: sometimes(nameArb, 88),
      gender: sometimes(fc.constantFrom('M', 'F') as fc.Arbitrary<'M' | 'F'>, 88),
      needs: sometimes(fc.constantFrom('三房', '两房', '三房', '两房', ''), 88),
      for: sometimes(who, 15),
      // register hygiene (issue 12.2): an old customer's introduction (REG-11), a group's arrival (REG-9), the
      // looks of a visitor who gave no phone (REG-7); most seqs name nothing fit and are refused, some land.
      referrer: sometimes(phoneArb, 8),
      group: sometimes(seqArb, 5),
      appearance: sometimes(fc.constantFrom('灰色外套', '戴眼镜'), 30),
    })
    .map((r) => compact({ do: 'register' as const, ...r }));

  const kinds = [
    cmd('signIn', who.map((w) => ({ do: 'signIn', who: w })), 24),
    cmd('signOut', who.map((w) => ({ do: 'signOut', who: w })), 3),
    cmd('away', fc.record({ w: who, r: fc.constantFrom('private', 'business') as fc.Arbitrary<'private' | 'business'> }).map(({ w, r }) => ({ do: 'away', who: w, reason: r })), 6),
    cmd('back', who.map((w) => ({ do: 'back', who: w })), 10),
    cmd('arrive', arrive, 20),
    cmd('done', who.map((w) => ({ do: 'done', who: w })), 30),
    cmd('reclassify', who.map((w) => ({ do: 'reclassify', who: w })), 3),
    cmd('decline', who.map((w) => ({ do: 'decline', who: w })), 3),
    cmd('register', register, 16),
    cmd(
      'followUp',
      fc
        .record({ by: who, phone: phoneArb, reached: fc.boolean(), via: sometimes(fc.constantFrom('call', 'sms', 'visit', 'wechat') as fc.Arbitrary<'call' | 'sms' | 'visit' | 'wechat'>, 75) })
        .map((r) => compact({ do: 'followUp' as const, ...r })),
      6,
    ),
    cmd('link', fc.record({ phone: phoneArb, to: phoneArb, relation: relationArb }).map((r) => ({ do: 'link', ...r })), 4),
    cmd('merge', fc.record({ phone: phoneArb, into: phoneArb }).map((r) => ({ do: 'merge', ...r })), 3),
    cmd('depart', who.map((w) => ({ do: 'depart', who: w })), 1),
    cmd('reassign', fc.record({ phone: phoneArb, to: who, by: fc.oneof({ weight: 4, arbitrary: fc.constant(MANAGER) }, { weight: 1, arbitrary: who }) }).map((r) => ({ do: 'reassign', ...r })), 4),
    cmd('suspend', fc.record({ w: who, days: fc.constantFrom(0.02, 0.25, 1, 3) }).map(({ w, days }) => ({ do: 'suspend', who: w, days })), 2),
    cmd('report', fc.record({ broker: fc.constantFrom('X', 'Y', 'Z'), phone: phoneArb, name: sometimes(nameArb, 50) }).map((r) => compact({ do: 'report' as const, ...r })), 4),
    cmd(
      'deal',
      fc
        .record({
          phone: phoneArb,
          unit: fc.constantFrom('U1', 'U2', 'U3'),
          by: who,
          stage: fc.constantFrom('smallDeposit', 'deposit', 'subscription', 'contract') as fc.Arbitrary<'smallDeposit' | 'deposit' | 'subscription' | 'contract'>,
        })
        .map((r) => ({ do: 'deal', ...r })),
      5,
    ),
    cmd('dispute', fc.record({ unit: fc.constantFrom('U1', 'U2', 'U3'), by: anyStaff }).map((r) => ({ do: 'dispute', ...r })), 2),
    cmd('reorder', fc.constant({ do: 'reorder', by: MANAGER, order: [], reason: 'manager reorders' }), 2),
    // The money side's later commands, the floor controls, ownership rules, violations and the channel's visits
    // (issues 10, 12, SCENARIOS 1.1): the log must replay to the same answers whatever they add to it.
    cmd('refund', fc.record({ unit: unitArb, by: anyStaff }).map((r) => ({ do: 'refund', ...r, reason: '客户退房' })), 2),
    cmd('swap', fc.record({ unit: unitArb, to: unitArb, by: anyStaff }).map((r) => ({ do: 'swap', ...r, reason: '换房' })), 2),
    cmd('resolve', unitArb.map((unit) => ({ do: 'resolve', unit, by: MANAGER })), 1),
    cmd('hold', unitArb.map((unit) => ({ do: 'hold', unit, by: MANAGER, reason: '保留' })), 1),
    cmd('release', unitArb.map((unit) => ({ do: 'release', unit, by: MANAGER })), 1),
    cmd('outOfTurn', who.map((w) => ({ do: 'outOfTurn', who: w, by: MANAGER })), 2),
    cmd('assignIntroduced', phoneArb.map((phone) => ({ do: 'assignIntroduced', phone, source: '公司介绍', by: MANAGER })), 2),
    cmd('freezeRegister', fc.constant({ do: 'freezeRegister', by: MANAGER }), 1),
    cmd(
      'recordViolation',
      fc
        .record({ w: who, rule: fc.constantFrom('quarrel', 'queueBreach', 'lateRegistration') as fc.Arbitrary<'quarrel' | 'queueBreach' | 'lateRegistration'>, days: fc.constantFrom(0, 0.25, 1) })
        .map(({ w, rule, days }) => ({ do: 'recordViolation', who: w, rule, evidence: [], sanction: days === 0 ? { kind: 'warning' } : { kind: 'suspension', days }, by: MANAGER })),
      1,
    ),
    cmd('markAlertRead', fc.record({ w: who, arrival: seqArb }).map(({ w, arrival }) => ({ do: 'markAlertRead', who: w, arrival })), 1),
    cmd('leave', fc.record({ arrival: seqArb, by: anyStaff }).map((r) => ({ do: 'leave', ...r })), 1),
    cmd('confirmViewing', fc.record({ arrival: seqArb, by: who }).map((r) => ({ do: 'confirmViewing', ...r, customerConfirmed: true as const })), 1),
    cmd('decideLateEntry', fc.record({ entry: seqArb, approved: fc.boolean() }).map((r) => ({ do: 'decideLateEntry', ...r, by: MANAGER })), 1),
    cmd('identify', fc.record({ entry: seqArb, by: who, phone: phoneArb }).map((r) => ({ do: 'identify', ...r })), 1),
  ];
  const command: fc.Arbitrary<Command> = fc.oneof(...kinds.filter((k) => !exclude.has(k.kind) && k.weight > 0).map(({ weight, arbitrary }) => ({ weight, arbitrary })));

  return fc
    .record({
      dt: gapArb,
      command,
      shuffle: fc.array(fc.nat(99), { minLength: CONSULTANT_IDS.length, maxLength: CONSULTANT_IDS.length }),
      target: sometimes(fc.nat(5), 75),
      pick: fc.nat(99),
      lateDays: sometimes(fc.constantFrom(1, 2, 5), 6),
    })
    .map(({ dt, command, shuffle, target, pick, lateDays }): Step => {
      if (command.do === 'reorder') return { dt, command, shuffle };
      if (target !== undefined && TARGETED.has(command.do)) return { dt, command, target };
      if (PICKED.has(command.do)) return { dt, command, pick };
      if (command.do === 'register' && lateDays !== undefined) return { dt, command, lateDays };
      return { dt, command };
    });
}

export interface CaseOptions {
  readonly policies?: readonly PolicyName[];
  readonly maxSteps?: number;
  /** Command kinds never to generate. */
  readonly exclude?: readonly Command['do'][];
  readonly weights?: Weights;
  /** How many of the customers in PHONE_FORMS the commands mention (default all). */
  readonly phones?: number;
}

/** A random office: a policy, 3–6 consultants and a manager, a morning sign-in, then a run of commands. */
export function caseArb(options: CaseOptions = {}): fc.Arbitrary<Case> {
  const policies = options.policies ?? POLICY_NAMES;
  const maxSteps = options.maxSteps ?? 60;
  const exclude = new Set(options.exclude ?? []);
  return fc.record({ policyName: fc.constantFrom(...policies), n: fc.integer({ min: 3, max: 6 }) }).chain(({ policyName, n }) => {
    const consultants = CONSULTANT_IDS.slice(0, n);
    const morning = fc.shuffledSubarray([...consultants], { minLength: 1 }).map((ids) => ids.map((w): Step => ({ dt: 0, command: { do: 'signIn', who: w } })));
    return fc
      .tuple(morning, fc.array(commandArb(consultants, exclude, options.weights ?? {}, options.phones ?? PHONE_FORMS.length), { minLength: 1, maxLength: maxSteps, size: 'max' }))
      .map(([signIns, rest]): Case => ({ policyName, consultants, steps: [...signIns, ...rest] }));
  });
}

// ---- driving a case ----

export interface Executed {
  readonly index: number;
  readonly at: Instant;
  readonly command: Command;
  readonly outcome: Outcome;
}

export interface Run {
  readonly case: Case;
  readonly policy: Policy;
  readonly office: MemoryOffice;
  readonly executed: Executed[];
}

export interface Hooks<B> {
  /** Called just before `execute`, on the floor as of the command's instant. */
  readonly before?: (office: MemoryOffice, command: Command, at: Instant) => B;
  /** Called right after `execute`; throw to fail. */
  readonly after?: (office: MemoryOffice, command: Command, at: Instant, outcome: Outcome, before: B, run: Run) => void;
}

export function staffOf(c: Case): StaffMember[] {
  // Two teams, so that out-of-turn (ROT-13, a team's penalty) can be recorded.
  return [...c.consultants.map((id, i): StaffMember => ({ id, role: 'consultant', team: i % 2 === 0 ? '一组' : '二组' })), { id: MANAGER, role: 'manager' }];
}

/** Sets the office up the way a scenario does (roster, brokers, units at the first instant). */
export function openOffice(c: Case): MemoryOffice {
  const office = new MemoryOffice(POLICIES[c.policyName], ZONE, START);
  for (const staff of staffOf(c)) office.append({ type: 'staffJoined', at: START, staff });
  for (const broker of BROKERS) office.append({ type: 'brokerListed', at: START, broker });
  for (const unit of UNITS) office.append({ type: 'unitListed', at: START, unit });
  return office;
}

/** Resolves placeholders that depend on the state at execution time (a reorder permutes today's queue). */
function materialise(office: MemoryOffice, step: Step, at: Instant): Command {
  const c = step.command;
  if (step.target !== undefined && 'who' in c && TARGETED.has(c.do)) {
    const seats = [...office.engine.floorAt(at).seats.values()];
    const fits = seats.filter((seat) => {
      switch (c.do) {
        case 'done':
        case 'reclassify':
          return seat.receiving !== null;
        case 'decline':
          return seat.receiving?.as === 'turn' || seat.receiving?.as === 'makeUp';
        case 'back':
          return seat.away !== null;
        default:
          return true;
      }
    });
    const seat = fits[step.target % Math.max(1, fits.length)];
    return seat ? { ...c, who: seat.id } : c;
  }
  if (step.pick !== undefined) return picked(office, c, step.pick);
  if (c.do === 'register' && step.lateDays !== undefined) return { ...c, visitedAt: at - step.lateDays * DAY_MS };
  if (c.do !== 'reorder' || !step.shuffle) return c;
  const queue = office.engine.floorAt(at).queue;
  const key = (u: string) => step.shuffle?.[CONSULTANT_IDS.indexOf(u as (typeof CONSULTANT_IDS)[number])] ?? 0;
  return { ...c, order: [...queue].map((u, i) => ({ u, i })).sort((a, b) => key(a.u) - key(b.u) || a.i - b.i).map((e) => e.u) };
}

/** A command naming a record, given the `pick`-th record of its kind in the log so far (unchanged if there is none). */
function picked(office: MemoryOffice, c: Command, pick: number): Command {
  const among = (keep: (f: Recorded) => boolean): number | null => {
    const fits = office.log.filter(keep);
    return fits.length === 0 ? null : (fits[pick % fits.length] as Recorded).seq;
  };
  const arrival = () => among((f) => f.type === 'partyArrived');
  switch (c.do) {
    case 'markAlertRead': {
      const seq = arrival();
      return seq === null ? c : { ...c, arrival: seq };
    }
    case 'leave':
    case 'confirmViewing': {
      // Exit times and viewing slips are of broker-brought parties (CH-6, CH-7).
      const seq = among((f) => f.type === 'partyArrived' && f.broker !== undefined);
      return seq === null ? c : { ...c, arrival: seq };
    }
    case 'identify': {
      const seq = among((f) => f.type === 'registered' && f.phone === undefined);
      return seq === null ? c : { ...c, entry: seq };
    }
    case 'decideLateEntry': {
      const seq = among((f) => f.type === 'registered' && f.late !== undefined);
      return seq === null ? c : { ...c, entry: seq };
    }
    default:
      return c;
  }
}

export function play<B = void>(c: Case, hooks: Hooks<B> = {}): Run {
  const office = openOffice(c);
  const run: Run = { case: c, policy: POLICIES[c.policyName], office, executed: [] };
  let at = START;
  c.steps.forEach((step, index) => {
    at += step.dt;
    const command = materialise(office, step, at);
    const before = hooks.before ? hooks.before(office, command, at) : (undefined as B);
    const outcome = execute(office, command, at);
    run.executed.push({ index, at, command, outcome });
    try {
      hooks.after?.(office, command, at, outcome, before, run);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n--- trace ---\n${describeRun(run)}`, { cause: e });
    }
  });
  return run;
}

// ---- reading runs ----

export function local(at: Instant): string {
  return formatLocalTime(at, ZONE);
}

function summarise(outcome: Outcome): string {
  if (!outcome.ok) return `refused ${outcome.refusal.code}`;
  const a = outcome.answer;
  const parts: string[] = [];
  if (a.receiver !== undefined) parts.push(`receiver=${a.receiver} as=${a.as}`);
  if (a.valid !== undefined) parts.push(`valid=${a.valid}`);
  if (a.accepted !== undefined) parts.push(`accepted=${a.accepted}`);
  if (a.channel) parts.push(`channel=${a.channel}`);
  if (a.credit) parts.push(`credit=${JSON.stringify(a.credit)}`);
  return parts.join(' ') || 'ok';
}

/** The accepted commands of a run, one per line, with local times and answers: what a counterexample looks like on the floor. */
export function describeRun(run: Run, all = false): string {
  const lines = [`policy ${run.case.policyName}; consultants ${run.case.consultants.join(',')}; manager ${MANAGER}`];
  for (const e of run.executed) {
    if (!all && !e.outcome.ok) continue;
    const { do: action, ...rest } = e.command;
    lines.push(`#${e.index} ${local(e.at)} ${action} ${JSON.stringify(rest)} -> ${summarise(e.outcome)}`);
  }
  return lines.join('\n');
}

/**
 * Distinct instants worth asking about: every fact time, a minute after each, the instant a protection
 * starting then would end (OWN-2 boundaries), and far past the end.
 */
export function instantsOf(log: readonly Recorded[], protectionDays: number): Instant[] {
  const set = new Set<Instant>();
  for (const f of log) {
    set.add(f.at);
    set.add(f.at + MINUTE_MS);
    set.add(f.at + protectionDays * DAY_MS);
  }
  const last = log[log.length - 1]?.at ?? START;
  set.add(last + protectionDays * DAY_MS - 1);
  set.add(last + protectionDays * DAY_MS + DAY_MS);
  return [...set].sort((a, b) => a - b);
}

/** Family groups from the recorded links in the policy's scope (OWN-7), computed independently of the engine. */
export function familyGroups(log: readonly Recorded[], policy: Policy): PhoneKey[][] {
  const parent = new Map<PhoneKey, PhoneKey>();
  const find = (k: PhoneKey): PhoneKey => {
    let r = k;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) as PhoneKey;
    return r;
  };
  for (const f of log) {
    if (f.type !== 'familyLinked' || !relationInScope(policy, f.relation)) continue;
    for (const k of [f.phone, f.to]) if (!parent.has(k)) parent.set(k, k);
    const a = find(f.phone);
    const b = find(f.to);
    if (a !== b) parent.set(a, b);
  }
  const groups = new Map<PhoneKey, PhoneKey[]>();
  for (const k of parent.keys()) {
    const root = find(k);
    groups.set(root, [...(groups.get(root) ?? []), k]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}
