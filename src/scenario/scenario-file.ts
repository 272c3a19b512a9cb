// Reads a scenario file (format version 1, ../shared/spec/SCENARIOS.md) into a checked, typed scenario.
// Every mistake in the file is reported with its line; nothing here runs the rules.
import { VIOLATION_RULES, type ViolationRule } from '../core/violation.rules.ts';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Command, FloorAction } from '../app/commands.ts';
import { REGISTER_DETAIL_FIELDS, type Broker, type BrokerKind, type Role, type StaffMember, type Unit } from '../core/facts.ts';
import { normalisePhone, type PhoneKey } from '../core/phone.ts';
import { resolvePolicy, type Policy } from '../core/policy.ts';
import { isValidZone, parseLocalTime, type Instant } from '../core/time.ts';

// Reports (REG-3): the register's further fields a scenario may give (`budget` a number, the rest text).
const REGISTER_DETAILS = REGISTER_DETAIL_FIELDS;
function registerDetailsOf(str: (k: string) => string | undefined, raw: Readonly<Record<string, unknown>>): Record<string, string | number | undefined> {
  const out: Record<string, string | number | undefined> = {};
  for (const k of REGISTER_DETAILS) out[k] = k === 'budget' && typeof raw.budget === 'number' ? raw.budget : str(k);
  return out;
}

/** Register hygiene (issue 12.2): `corrects`/`group` are seqs, `visitedAt`/`smsAt` times, `outreach` stand or canvass. */
const REGISTER_HYGIENE = ['corrects', 'visitedAt', 'group', 'outreach', 'smsAt', 'appearance', 'referrer'];

export interface Expectation {
  readonly receiver?: string | null;
  readonly as?: string;
  readonly valid?: boolean;
  readonly accepted?: boolean;
  /** Anchang's extension: whether a follow-up extends the owner's protection (OWN-3). */
  readonly extends?: boolean;
  readonly channel?: string | null;
  readonly credit?: Readonly<Record<string, number>>;
  readonly rejected?: boolean;
  /** Anchang's extension: the refusal code the command must be refused with (implies `rejected: true`). */
  readonly refusal?: string;
}

export interface Checks {
  readonly up?: string | null;
  readonly queue?: readonly string[];
  readonly makeUps?: Readonly<Record<string, number>>;
  readonly owner?: { readonly phone: PhoneKey; readonly is: string | null };
  readonly protectedUntil?: { readonly phone: PhoneKey; readonly is: string | null };
  readonly channel?: { readonly phone: PhoneKey; readonly is: string | null };
  readonly credit?: { readonly unit: string; readonly is: Readonly<Record<string, number>> | null };
  /** 1.1: `free`, or the stage of the unit's live order (`held`/`withdrawn`: Anchang's extension). */
  readonly unit?: { readonly id: string; readonly is: string };
}

export type Step =
  | { readonly kind: 'do'; readonly index: number; readonly line: number; readonly at: Instant; readonly atText: string; readonly commands: readonly Command[]; readonly expect: Expectation }
  | { readonly kind: 'check'; readonly index: number; readonly line: number; readonly at: Instant; readonly atText: string; readonly check: Checks };

export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly zone: string;
  readonly policy: Policy;
  readonly staff: readonly StaffMember[];
  readonly brokers: readonly Broker[];
  readonly units: readonly Unit[];
  readonly steps: readonly Step[];
}

export class ScenarioFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(`${file}${line !== null ? `:${line}` : ''}: ${problem}`);
  }
}

const ROLES: readonly Role[] = ['consultant', 'manager', 'supervisor', 'frontdesk', 'channelAssistant'];
const BROKER_KINDS: readonly BrokerKind[] = ['agency', 'distributor', 'individual'];
const TOP_KEYS = ['version', 'name', 'timezone', 'policy', 'staff', 'brokers', 'units', 'steps'];

/** Fields each action accepts besides `at`, `do` and `expect`; Anchang extensions are marked in docs/SCENARIOS-EXTENSIONS.md. */
const ACTION_FIELDS: Record<FloorAction, { required: string[]; optional: string[]; expect: string[] }> = {
  signIn: { required: ['who'], optional: [], expect: [] },
  signOut: { required: ['who'], optional: [], expect: [] },
  away: { required: ['who', 'reason'], optional: [], expect: [] },
  back: { required: ['who'], optional: [], expect: [] },
  arrive: { required: [], optional: ['phone', 'name', 'plate', 'asksFor', 'nonCustomer', 'broker', 'referrer', 'referredBy'], expect: ['receiver', 'as', 'channel'] },
  done: { required: ['who'], optional: [], expect: [] },
  reclassify: { required: ['who'], optional: [], expect: [] },
  decline: { required: ['who'], optional: [], expect: ['receiver', 'as'] },
  link: { required: ['phone', 'to', 'relation'], optional: ['by'], expect: [] },
  followUp: { required: ['by', 'phone', 'reached'], optional: ['via', 'said', 'intent', 'next', 'nextOn'], expect: ['extends'] },
  register: { required: ['by', 'via'], optional: ['phone', 'name', 'gender', 'needs', 'for', 'plate', 'brochureOnly', ...REGISTER_DETAILS, ...REGISTER_HYGIENE], expect: ['valid'] },
  merge: { required: ['phone', 'into'], optional: [], expect: [] },
  depart: { required: ['who'], optional: ['transferTo'], expect: [] },
  reassign: { required: ['phone', 'to', 'by'], optional: ['reason'], expect: [] },
  suspend: { required: ['who', 'days'], optional: [], expect: [] },
  report: { required: ['broker', 'phone'], optional: ['name'], expect: ['accepted'] },
  deal: { required: ['phone', 'unit', 'by', 'stage'], optional: ['amount'], expect: ['credit'] },
  dispute: { required: ['unit', 'by'], optional: ['phone'], expect: ['accepted'] },
  refund: { required: ['unit', 'by', 'reason'], optional: ['end'], expect: [] },
  swap: { required: ['unit', 'to', 'by'], optional: ['reason'], expect: ['credit'] },
  resolve: { required: ['unit', 'by'], optional: ['override', 'reason'], expect: ['credit'] },
  changeBuyer: { required: ['unit', 'by', 'change', 'name', 'reason'], optional: [], expect: [] },
  hold: { required: ['unit', 'by', 'reason'], optional: [], expect: [] },
  release: { required: ['unit', 'by'], optional: ['reason'], expect: [] },
  reorder: { required: ['by', 'order', 'reason'], optional: [], expect: [] },
  outOfTurn: { required: ['who', 'by'], optional: [], expect: [] },
  // ---- the broker side (Anchang extension; see docs/SCENARIOS-EXTENSIONS.md): `arrival`/`ref` is a fact's seq ----
  applyBroker: { required: ['broker', 'kind', 'name'], optional: ['company', 'store', 'companyLead', 'by'], expect: [] },
  approveBroker: { required: ['broker', 'by'], optional: [], expect: [] },
  rejectBroker: { required: ['broker', 'by', 'reason'], optional: [], expect: [] },
  leave: { required: ['arrival', 'by'], optional: [], expect: [] },
  confirmViewing: { required: ['arrival', 'by'], optional: [], expect: [] },
  refuseConfirmation: { required: ['arrival', 'by', 'reason'], optional: [], expect: [] },
  markFake: { required: ['arrival', 'by', 'reason'], optional: [], expect: [] },
  decideManualCheck: { required: ['ref', 'by', 'recognised', 'reason'], optional: ['phone'], expect: ['channel'] },
  // office: the violation register (PEN-1, ROT-14)
  recordViolation: { required: ['who', 'rule', 'sanction', 'by'], optional: ['evidence', 'note', 'on'], expect: [] },
  appeal: { required: ['violation', 'by', 'grounds'], optional: [], expect: [] },
  decideAppeal: { required: ['violation', 'by', 'upheld', 'reason'], optional: [], expect: [] },
  // register hygiene (issue 12.2): `entry` is the seq of the register entry
  decideLateEntry: { required: ['entry', 'by', 'approved'], optional: ['reason'], expect: ['valid'] },
  identify: { required: ['entry', 'by', 'phone'], optional: [], expect: ['valid'] },
  // ownership-rules (Anchang extension): OWN-9, OWN-13, RISK-2
  assignIntroduced: { required: ['phone', 'source', 'by'], optional: ['name'], expect: ['receiver'] },
  freezeRegister: { required: ['by'], optional: ['note'], expect: [] },
  markAlertRead: { required: ['who', 'arrival'], optional: [], expect: [] },
  // register import (Anchang extension, issue 11.4): `happenedAt` is the paper entry's own time
  importEntry: { required: ['by', 'kind', 'happenedAt', 'phone', 'consultant'], optional: ['name', 'gender', 'needs', 'via', 'reached', 'batch', 'row'], expect: ['valid'] },
};
const ENUMS: Record<string, readonly string[]> = {
  relation: ['spouse', 'parent', 'child', 'sibling', 'grandparent'],
  stage: ['smallDeposit', 'deposit', 'subscription', 'contract', 'fullPayment'],
  end: ['refund', 'default'],
  change: ['rename', 'addName'],
  gender: ['M', 'F'],
  as: ['turn', 'makeUp', 'owner', 'designated', 'cover', 'nonCustomer', 'offHours'],
  intent: ['A', 'B', 'C', 'D'],
};
const CHECK_KEYS = ['up', 'queue', 'makeUps', 'owner', 'protectedUntil', 'channel', 'credit', 'unit'];
const UNIT_STATES = ['free', 'held', 'withdrawn', 'smallDeposit', 'deposit', 'subscription', 'contract', 'fullPayment'];
/** Fields naming people; checked against `staff`. */
const STAFF_FIELDS = ['who', 'by', 'for', 'asksFor', 'to', 'referredBy', 'consultant'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function parseScenario(file: string, source: string): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (node: Node | null | undefined): number | null => (node?.range ? lineCounter.linePos(node.range[0]).line : null);
  const fail = (problem: string, node?: Node | null): never => {
    throw new ScenarioFileError(file, lineOf(node), problem);
  };
  const firstError = doc.errors[0];
  if (firstError) throw new ScenarioFileError(file, lineCounter.linePos(firstError.pos[0]).line, `not valid YAML: ${firstError.message.split('\n')[0]}`);
  const root = doc.contents;
  if (!isMap(root)) return fail('the file must be a mapping with name, staff and steps', root);
  const top = root.toJSON() as Record<string, Json>;
  const keyNode = (map: typeof root, key: string): Node | null => (map.items.find((p) => (p.key as { value?: unknown })?.value === key)?.key as Node) ?? null;
  for (const key of Object.keys(top)) if (!TOP_KEYS.includes(key)) fail(`unknown key "${key}" (expected one of ${TOP_KEYS.join(', ')})`, keyNode(root, key));
  if (top.version !== undefined && top.version !== 1 && top.version !== 1.1 && top.version !== '1.1' && top.version !== '1')
    fail(`unsupported format version ${JSON.stringify(top.version)} (this runner reads versions 1 and 1.1)`, keyNode(root, 'version'));
  if (typeof top.name !== 'string' || top.name.trim() === '') fail('"name" is required', root);
  const name = top.name as string;
  const zone = top.timezone === undefined ? 'Asia/Shanghai' : String(top.timezone);
  if (!isValidZone(zone)) fail(`unknown timezone "${zone}"`, keyNode(root, 'timezone'));

  const policy = readPolicy(top.policy, (p) => fail(p, keyNode(root, 'policy')));

  const staffNode = root.get('staff', true) as Node | undefined;
  if (!Array.isArray(top.staff) || top.staff.length === 0) fail('"staff" must list everyone the steps mention', staffNode ?? root);
  const staff = (top.staff as Json[]).map((s, i) => {
    const node = isSeq(staffNode) ? (staffNode.items[i] as Node) : staffNode;
    const o = asObject(s, () => fail('each staff entry needs id and role', node));
    onlyKeys(o, ['id', 'role', 'team', 'name'], (k) => fail(`unknown staff field "${k}"`, node));
    if (o.id === undefined || o.id === null) fail('a staff entry has no id', node);
    if (!ROLES.includes(o.role as Role)) fail(`staff ${String(o.id)}: role must be one of ${ROLES.join(', ')}`, node);
    return { id: String(o.id), role: o.role as Role, ...(o.team !== undefined ? { team: String(o.team) } : {}), ...(o.name !== undefined ? { name: String(o.name) } : {}) };
  });
  const staffIds = new Set(staff.map((s) => s.id));
  if (staffIds.size !== staff.length) fail('two staff entries share one id', staffNode);
  const teams = new Set(staff.flatMap((s) => (s.team ? [s.team] : [])));

  const brokersNode = root.get('brokers', true) as Node | undefined;
  const brokers = listOf(top.brokers, 'brokers', brokersNode, fail).map(({ value, node }) => {
    onlyKeys(value, ['id', 'kind', 'approved'], (k) => fail(`unknown broker field "${k}"`, node));
    if (value.id === undefined) fail('a broker has no id', node);
    if (!BROKER_KINDS.includes(value.kind as BrokerKind)) fail(`broker ${String(value.id)}: kind must be one of ${BROKER_KINDS.join(', ')}`, node);
    if (value.approved !== undefined && typeof value.approved !== 'boolean') fail(`broker ${String(value.id)}: approved must be true or false`, node);
    return { id: String(value.id), kind: value.kind as BrokerKind, approved: value.approved !== false };
  });
  const unitsNode = root.get('units', true) as Node | undefined;
  const units = listOf(top.units, 'units', unitsNode, fail).map(({ value, node }) => {
    onlyKeys(value, ['id', 'price', 'building', 'unitNo', 'floor', 'room', 'layout', 'area'], (k) => fail(`unknown unit field "${k}"`, node));
    if (value.id === undefined) fail('a unit has no id', node);
    for (const k of ['price', 'floor', 'area'] as const) if (value[k] !== undefined && typeof value[k] !== 'number') fail(`unit ${String(value.id)}: ${k} must be a number`, node);
    const unit: Record<string, string | number> = { id: String(value.id) };
    for (const k of ['price', 'floor', 'area'] as const) if (typeof value[k] === 'number') unit[k] = value[k];
    for (const k of ['building', 'unitNo', 'room', 'layout'] as const) if (value[k] !== undefined && value[k] !== null) unit[k] = String(value[k]);
    return unit as unknown as Unit;
  });
  const brokerIds = new Set(brokers.map((b) => b.id));
  const unitIds = new Set(units.map((u) => u.id));

  const stepsNode = root.get('steps', true) as Node | undefined;
  if (!isSeq(stepsNode) || stepsNode.items.length === 0) return fail('"steps" must be a list of steps', stepsNode ?? root);
  const known = new Set<PhoneKey>();
  let last: Instant = Number.NEGATIVE_INFINITY;
  const steps: Step[] = stepsNode.items.map((item, i) => {
    const node = item as Node;
    const index = i + 1;
    const where = (problem: string): never => fail(`step ${index}: ${problem}`, node);
    const raw = asObject((node as { toJSON(): Json }).toJSON(), () => where('a step must be a mapping with at and do or check'));
    const atText = typeof raw.at === 'string' ? raw.at : where('"at" must be a quoted time "YYYY-MM-DD HH:mm"');
    const at = parseLocalTime(atText, zone) ?? where(`"${atText}" is not a time "YYYY-MM-DD HH:mm"`);
    if (at < last) where(`time goes backwards (${atText} is before the previous step)`);
    last = at;
    const phone = (field: string, value: Json | undefined, mustBeKnown: boolean): PhoneKey => {
      if (typeof value !== 'string' && typeof value !== 'number') return where(`"${field}" must be a phone number`);
      const key = normalisePhone(String(value));
      if (key === null) return where(`"${value}" is not a valid phone number`);
      if (mustBeKnown && !known.has(key)) return where(`check on phone ${value}, which no earlier step names`);
      return key;
    };

    if (raw.check !== undefined) {
      if (raw.do !== undefined) where('a step has either do or check, not both');
      onlyKeys(raw, ['at', 'check'], (k) => where(`unknown key "${k}" in a check step`));
      const c = asObject(raw.check, () => where('"check" must be a mapping'));
      onlyKeys(c, CHECK_KEYS, (k) => where(`unknown check "${k}" (expected one of ${CHECK_KEYS.join(', ')})`));
      const check: Record<string, unknown> = {};
      if (c.up !== undefined) check.up = c.up === null ? null : staffOrTeam(String(c.up), staffIds, teams, where);
      if (c.queue !== undefined) check.queue = (Array.isArray(c.queue) ? c.queue : where('"queue" must be a list')).map((q) => staffOrTeam(String(q), staffIds, teams, where));
      if (c.makeUps !== undefined) {
        const m = asObject(c.makeUps, () => where('"makeUps" must be a mapping like { A: 1 }'));
        for (const [k, v] of Object.entries(m)) {
          staffOrTeam(k, staffIds, teams, where);
          if (typeof v !== 'number') where(`makeUps.${k} must be a number`);
        }
        check.makeUps = m;
      }
      for (const key of ['owner', 'protectedUntil', 'channel'] as const) {
        if (c[key] === undefined) continue;
        const o = asObject(c[key], () => where(`"${key}" must be { phone, is }`));
        onlyKeys(o, ['phone', 'is'], (k) => where(`unknown field "${k}" in ${key}`));
        if (!('is' in o)) where(`"${key}" needs "is"`);
        const is = o.is === null ? null : String(o.is);
        if (key === 'owner' && is !== null && !staffIds.has(is)) where(`unknown staff id "${is}"`);
        if (key === 'channel' && is !== null && !brokerIds.has(is)) where(`unknown broker id "${is}"`);
        if (key === 'protectedUntil' && is !== null && parseLocalTime(is, zone) === null) where(`"${is}" is not a time "YYYY-MM-DD HH:mm"`);
        check[key] = { phone: phone('phone', o.phone, true), is };
      }
      if (c.credit !== undefined) {
        const o = asObject(c.credit, () => where('"credit" must be { unit, is }'));
        onlyKeys(o, ['unit', 'is'], (k) => where(`unknown field "${k}" in credit`));
        if (!unitIds.has(String(o.unit))) where(`unknown unit "${String(o.unit)}"`);
        check.credit = { unit: String(o.unit), is: o.is === null ? null : shares(o.is, staffIds, where) };
      }
      if (c.unit !== undefined) {
        const o = asObject(c.unit, () => where('"unit" must be { id, is }'));
        onlyKeys(o, ['id', 'is'], (k) => where(`unknown field "${k}" in unit`));
        if (!unitIds.has(String(o.id))) where(`unknown unit "${String(o.id)}"`);
        if (!UNIT_STATES.includes(String(o.is))) where(`unit.is must be one of ${UNIT_STATES.join(', ')}`);
        check.unit = { id: String(o.id), is: String(o.is) };
      }
      return { kind: 'check', index, line: lineOf(node) ?? 0, at, atText, check: check as Checks };
    }

    const action = raw.do;
    if (typeof action !== 'string' || !(action in ACTION_FIELDS)) return where(`unknown action "${String(action)}" (expected one of ${Object.keys(ACTION_FIELDS).join(', ')})`);
    const spec = ACTION_FIELDS[action as FloorAction];
    const allowed = ['at', 'do', 'expect', ...spec.required, ...spec.optional];
    onlyKeys(raw, allowed, (k) => where(`unknown field "${k}" for ${action}`));
    for (const field of spec.required) if (raw[field] === undefined || raw[field] === null) where(`${action} needs "${field}"`);
    for (const field of STAFF_FIELDS) {
      const v = raw[field];
      if (v === undefined || (field === 'to' && (action === 'link' || action === 'swap'))) continue;
      for (const id of Array.isArray(v) ? v : [v]) if (!staffIds.has(String(id))) where(`unknown staff id "${String(id)}"`);
    }
    // A broker's application (Anchang extension) introduces the broker: later steps may name it.
    if (action === 'applyBroker' && raw.broker !== undefined) brokerIds.add(String(raw.broker));
    if (raw.broker !== undefined && !brokerIds.has(String(raw.broker))) where(`unknown broker id "${String(raw.broker)}"`);
    const enums: Record<string, readonly string[]> = {
      ...ENUMS,
      ...(action === 'away' ? { reason: ['private', 'business'] } : {}),
      via: action === 'register' ? ['visit', 'call'] : ['call', 'sms', 'visit', 'wechat'],
    };
    for (const [field, values] of Object.entries(enums)) {
      if (field === 'as' || raw[field] === undefined) continue;
      if (!values.includes(String(raw[field]))) where(`${field} must be one of ${values.join(', ')}`);
    }
    for (const field of ['phone', 'to', 'into', 'referrer'] as const) {
      const v = raw[field];
      if (field === 'to' && (action === 'reassign' || action === 'swap')) continue;
      if (typeof v === 'string' || typeof v === 'number') {
        const key = normalisePhone(String(v));
        if (key) known.add(key);
      }
    }
    const expect = readExpect(raw.expect, spec.expect, staffIds, brokerIds, where);
    const time = (field: string): Instant | undefined => {
      if (raw[field] === undefined) return undefined;
      const text = typeof raw[field] === 'string' ? raw[field] : where(`"${field}" must be a quoted time "YYYY-MM-DD HH:mm"`);
      return parseLocalTime(text, zone) ?? where(`"${text}" is not a time "YYYY-MM-DD HH:mm"`);
    };
    const commands = toCommands(action as FloorAction, action === 'importEntry' ? withHappenedAt(raw, zone, at, where) : raw, where, time);
    return { kind: 'do', index, line: lineOf(node) ?? 0, at, atText, commands, expect };
  });

  return { file, name, zone, policy, staff, brokers, units, steps };
}

function readPolicy(value: Json | undefined, fail: (p: string) => never): Policy {
  if (value === undefined || value === null) return resolveOrFail('standard', {}, fail);
  const o = asObject(value, () => fail('"policy" must be { preset, set }'));
  onlyKeys(o, ['preset', 'set'], (k) => fail(`unknown policy field "${k}" (expected preset and set)`));
  const set = o.set === undefined ? {} : asObject(o.set, () => fail('"policy.set" must map knob paths to values'));
  return resolveOrFail(o.preset === undefined ? 'standard' : String(o.preset), set, fail);
}

function resolveOrFail(preset: string, set: Record<string, Json>, fail: (p: string) => never): Policy {
  const result = resolvePolicy(preset, set);
  if (!result.ok) return fail(`policy: ${result.problems.map((p) => p.message).join('; ')}`);
  return result.policy;
}

function readExpect(value: Json | undefined, allowed: string[], staffIds: Set<string>, brokerIds: Set<string>, where: (p: string) => never): Expectation {
  if (value === undefined) return {};
  const o = asObject(value, () => where('"expect" must be a mapping'));
  onlyKeys(o, [...allowed, 'rejected', 'refusal'], (k) => where(`"${k}" cannot be expected of this action (here: ${[...allowed, 'rejected', 'refusal'].join(', ')})`));
  if ('refusal' in o) {
    if (typeof o.refusal !== 'string' || !/^[a-z_]+$/.test(o.refusal)) where('expect.refusal must be a refusal code such as unit_sold');
    if (o.rejected === false) where('expect.refusal contradicts rejected: false');
  }
  const out: Record<string, unknown> = {};
  if ('receiver' in o) {
    if (o.receiver !== null && !staffIds.has(String(o.receiver))) where(`unknown staff id "${String(o.receiver)}"`);
    out.receiver = o.receiver === null ? null : String(o.receiver);
  }
  if ('as' in o) {
    if (!ENUMS.as?.includes(String(o.as))) where(`as must be one of ${ENUMS.as?.join(', ')}`);
    out.as = String(o.as);
  }
  if ('channel' in o) {
    if (o.channel !== null && !brokerIds.has(String(o.channel))) where(`unknown broker id "${String(o.channel)}"`);
    out.channel = o.channel === null ? null : String(o.channel);
  }
  for (const key of ['valid', 'accepted', 'rejected', 'extends']) {
    if (!(key in o)) continue;
    if (typeof o[key] !== 'boolean') where(`expect.${key} must be true or false`);
    out[key] = o[key];
  }
  if ('credit' in o) out.credit = shares(o.credit, staffIds, where);
  if (typeof o.refusal === 'string') {
    out.refusal = o.refusal;
    out.rejected = true;
  }
  return out as Expectation;
}

function shares(value: Json | undefined, staffIds: Set<string>, where: (p: string) => never, anyId = false): Record<string, number> {
  const o = asObject(value, () => where('credit must be a mapping like { A: 0.5, B: 0.5 }'));
  for (const [k, v] of Object.entries(o)) {
    if (!anyId && k !== 'pool' && !staffIds.has(k)) where(`unknown staff id "${k}" in credit`);
    if (typeof v !== 'number') where(`credit share of ${k} must be a number`);
  }
  return o as Record<string, number>;
}

/** An imported entry's `happenedAt` ("YYYY-MM-DD HH:mm", before the step's own time) as an instant (issue 11.4). */
function withHappenedAt(raw: Record<string, Json>, zone: string, at: Instant, where: (p: string) => never): Record<string, Json> {
  const text = String(raw.happenedAt);
  const happened = parseLocalTime(text, zone) ?? where(`happenedAt "${text}" is not a time "YYYY-MM-DD HH:mm"`);
  if (happened > at) where(`happenedAt ${text} is after the step's time: an imported entry happened before it is brought in`);
  if (!['visit', 'call', 'followUp'].includes(String(raw.kind))) where('kind must be one of visit, call, followUp');
  return { ...raw, happenedAt: happened };
}

function toCommands(action: FloorAction, raw: Record<string, Json>, where: (p: string) => never, time: (field: string) => Instant | undefined): Command[] {
  const str = (k: string): string | undefined => (raw[k] === undefined || raw[k] === null ? undefined : String(raw[k]));
  const bool = (k: string): boolean | undefined => {
    if (raw[k] === undefined) return undefined;
    if (typeof raw[k] !== 'boolean') where(`"${k}" must be true or false`);
    return raw[k] as boolean;
  };
  const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const people = (): string[] => (Array.isArray(raw.who) ? raw.who.map(String) : [String(raw.who)]);
  switch (action) {
    case 'signIn':
    case 'signOut':
    case 'back':
    case 'done':
    case 'reclassify':
    case 'decline':
      return people().map((who) => ({ do: action, who }));
    case 'depart':
      return people().map((who) => defined({ do: 'depart', who, transferTo: str('transferTo') }) as Command);
    case 'away':
      return people().map((who) => ({ do: 'away', who, reason: raw.reason as 'private' | 'business' }));
    case 'arrive':
      return [defined({ do: 'arrive', phone: str('phone'), name: str('name'), plate: str('plate'), asksFor: str('asksFor'), nonCustomer: bool('nonCustomer'), broker: str('broker'), referrer: str('referrer'), referredBy: str('referredBy') }) as Command];
    case 'register':
      return [defined({ do: 'register', by: str('by'), via: raw.via, phone: str('phone'), name: str('name'), gender: raw.gender, needs: str('needs'), for: str('for'), plate: str('plate'), brochureOnly: bool('brochureOnly'), ...registerDetailsOf(str, raw), ...registerHygieneOf(raw, str, where, time) }) as Command];
    case 'followUp':
      return [defined({ do: 'followUp', by: str('by'), phone: str('phone'), reached: bool('reached'), via: raw.via, said: str('said'), intent: raw.intent, next: str('next'), nextOn: str('nextOn') }) as Command];
    case 'link':
      return [{ do: 'link', phone: String(raw.phone), to: String(raw.to), relation: raw.relation as 'spouse', ...(raw.by !== undefined ? { by: String(raw.by) } : {}) }];
    case 'merge':
      return [{ do: 'merge', phone: String(raw.phone), into: String(raw.into) }];
    case 'reassign':
      return [defined({ do: 'reassign', phone: String(raw.phone), to: String(raw.to), by: String(raw.by), reason: str('reason') }) as Command];
    case 'suspend':
      if (typeof raw.days !== 'number') where('"days" must be a number');
      return people().map((who) => ({ do: 'suspend', who, days: raw.days as number }));
    case 'report':
      return [defined({ do: 'report', broker: String(raw.broker), phone: String(raw.phone), name: str('name') }) as Command];
    case 'deal':
      if (raw.amount !== undefined && typeof raw.amount !== 'number') where('"amount" must be a number of yuan');
      return [defined({ do: 'deal', phone: String(raw.phone), unit: String(raw.unit), by: String(raw.by), stage: raw.stage as 'deposit', amount: raw.amount as number | undefined }) as Command];
    case 'dispute':
      return [defined({ do: 'dispute', unit: String(raw.unit), by: String(raw.by), phone: str('phone') }) as Command];
    case 'refund':
      return [defined({ do: 'refund', unit: String(raw.unit), by: String(raw.by), reason: String(raw.reason), end: raw.end as 'refund' | undefined }) as Command];
    case 'swap':
      return [defined({ do: 'swap', unit: String(raw.unit), to: String(raw.to), by: String(raw.by), reason: str('reason') }) as Command];
    case 'resolve': {
      if (raw.override === undefined) return [{ do: 'resolve', unit: String(raw.unit), by: String(raw.by) }];
      if (typeof raw.reason !== 'string' || raw.reason.trim() === '') where('an override needs a written "reason"');
      return [{ do: 'resolve', unit: String(raw.unit), by: String(raw.by), override: { credit: shares(raw.override, new Set(), where, true), reason: String(raw.reason) } }];
    }
    case 'changeBuyer':
      return [{ do: 'changeBuyer', unit: String(raw.unit), by: String(raw.by), change: raw.change as 'rename', name: String(raw.name), reason: String(raw.reason) }];
    case 'hold':
      return [{ do: 'hold', unit: String(raw.unit), by: String(raw.by), reason: String(raw.reason) }];
    case 'release':
      return [defined({ do: 'release', unit: String(raw.unit), by: String(raw.by), reason: str('reason') }) as Command];
    case 'reorder':
      if (!Array.isArray(raw.order)) where('"order" must be a list');
      return [{ do: 'reorder', by: String(raw.by), order: (raw.order as Json[]).map(String), reason: String(raw.reason) }];
    case 'outOfTurn':
      return [{ do: 'outOfTurn', who: String(raw.who), by: String(raw.by) }];
    // ---- the broker side ----
    case 'applyBroker':
      if (!BROKER_KINDS.includes(raw.kind as BrokerKind)) where('"kind" must be agency, distributor or individual');
      return [defined({ do: 'applyBroker', by: str('by'), broker: defined({ id: String(raw.broker), kind: raw.kind as BrokerKind, name: String(raw.name), company: str('company'), store: str('store'), companyLead: bool('companyLead') }) }) as Command];
    case 'approveBroker':
      return [{ do: 'approveBroker', broker: String(raw.broker), by: String(raw.by) }];
    case 'rejectBroker':
      return [{ do: 'rejectBroker', broker: String(raw.broker), by: String(raw.by), reason: String(raw.reason) }];
    case 'leave':
    case 'confirmViewing':
    case 'refuseConfirmation':
    case 'markFake': {
      if (typeof raw.arrival !== 'number') where('"arrival" must be the seq of the arrival');
      const arrival = raw.arrival as number;
      if (action === 'leave') return [{ do: 'leave', arrival, by: String(raw.by) }];
      if (action === 'confirmViewing') return [{ do: 'confirmViewing', arrival, by: String(raw.by), customerConfirmed: true }];
      return [{ do: action, arrival, by: String(raw.by), reason: String(raw.reason) }];
    }
    case 'decideManualCheck':
      if (typeof raw.ref !== 'number') where('"ref" must be the seq of the arrival or report');
      return [defined({ do: 'decideManualCheck', ref: raw.ref as number, by: String(raw.by), recognised: bool('recognised') ?? false, phone: str('phone'), reason: String(raw.reason) }) as Command];
    case 'recordViolation':
    case 'appeal':
    case 'decideAppeal':
      return [violationCommand(action, raw, where)];
    case 'decideLateEntry':
      return [defined({ do: 'decideLateEntry', entry: seqOf(raw, 'entry', where), by: String(raw.by), approved: bool('approved') ?? false, reason: str('reason') }) as Command];
    case 'identify':
      return [{ do: 'identify', entry: seqOf(raw, 'entry', where), by: String(raw.by), phone: String(raw.phone) }];
    case 'assignIntroduced':
      return [defined({ do: 'assignIntroduced', phone: String(raw.phone), name: str('name'), source: String(raw.source), by: String(raw.by) }) as Command];
    case 'freezeRegister':
      return [defined({ do: 'freezeRegister', by: String(raw.by), note: str('note') }) as Command];
    case 'markAlertRead':
      if (typeof raw.arrival !== 'number') where('"arrival" must be the seq of the arrival');
      return [{ do: 'markAlertRead', who: String(raw.who), arrival: raw.arrival as number }];
    case 'importEntry': {
      const entry = defined({ kind: raw.kind as 'visit', at: raw.happenedAt as number, phone: String(raw.phone), consultant: String(raw.consultant), name: str('name'), gender: raw.gender as 'M' | undefined, needs: str('needs'), via: raw.via as 'call' | undefined, reached: bool('reached') });
      return [{ do: 'importEntry', by: String(raw.by), batch: str('batch') ?? 'scenario', row: typeof raw.row === 'number' ? raw.row : 1, entry }];
    }
  }
}

function seqOf(raw: Record<string, Json>, field: string, where: (p: string) => never): number {
  const v = raw[field];
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : where(`"${field}" must be the seq of a record`);
}

/** Register hygiene (issue 12.2): REG-5 visitedAt, REG-6 corrects, REG-7 appearance, REG-9 group, REG-10 outreach + smsAt, REG-11 referrer. */
function registerHygieneOf(raw: Record<string, Json>, str: (k: string) => string | undefined, where: (p: string) => never, time: (field: string) => Instant | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (raw.corrects !== undefined) out.corrects = seqOf(raw, 'corrects', where);
  if (raw.group !== undefined) out.group = seqOf(raw, 'group', where);
  const visitedAt = time('visitedAt');
  if (visitedAt !== undefined) out.visitedAt = visitedAt;
  if (raw.outreach !== undefined) {
    if (raw.outreach !== 'stand' && raw.outreach !== 'canvass') where('"outreach" must be stand (展点) or canvass (外拓)');
    const smsAt = time('smsAt');
    out.outreach = { site: raw.outreach, ...(smsAt !== undefined ? { smsAt } : {}) };
  } else if (raw.smsAt !== undefined) where('"smsAt" belongs to an outreach entry (outreach: stand | canvass)');
  if (str('appearance') !== undefined) out.appearance = str('appearance');
  if (str('referrer') !== undefined) out.referrer = str('referrer');
  return out;
}

/**
 * The violation register's actions. A violation is named by `violation: <n>`: the n-th violation the file
 * recorded (1-based), resolved to its fact's seq by the runner.
 */
function violationCommand(action: 'recordViolation' | 'appeal' | 'decideAppeal', raw: Record<string, Json>, where: (p: string) => never): Command {
  if (action === 'recordViolation') {
    const s = asObject(raw.sanction, () => where('"sanction" must be { kind: warning } or { kind: fine, amount } or { kind: suspension, days }'));
    const sanction =
      s.kind === 'warning' ? { kind: 'warning' as const }
      : s.kind === 'fine' && typeof s.amount === 'number' ? { kind: 'fine' as const, amount: s.amount }
      : s.kind === 'suspension' && typeof s.days === 'number' ? { kind: 'suspension' as const, days: s.days }
      : where('"sanction" must be { kind: warning } or { kind: fine, amount } or { kind: suspension, days }');
    if (raw.evidence !== undefined && (!Array.isArray(raw.evidence) || raw.evidence.some((e) => typeof e !== 'number'))) where('"evidence" must be a list of record numbers');
    const rule = String(raw.rule);
    if (!(VIOLATION_RULES as readonly string[]).includes(rule)) where(`unknown violation rule "${rule}" (one of ${VIOLATION_RULES.join(', ')})`);
    return { do: 'recordViolation', who: String(raw.who), rule: rule as ViolationRule, evidence: (raw.evidence as number[] | undefined) ?? [], sanction, by: String(raw.by), ...(raw.note !== undefined ? { note: String(raw.note) } : {}) };
  }
  if (typeof raw.violation !== 'number') where('"violation" must be the number of the recordViolation step');
  if (action === 'appeal') return { do: 'appeal', violation: raw.violation as number, by: String(raw.by), grounds: String(raw.grounds) };
  if (typeof raw.upheld !== 'boolean') where('"upheld" must be true or false');
  return { do: 'decideAppeal', violation: raw.violation as number, by: String(raw.by), upheld: raw.upheld as boolean, reason: String(raw.reason) };
}

function staffOrTeam(id: string, staffIds: Set<string>, teams: Set<string>, where: (p: string) => never): string {
  if (!staffIds.has(id) && !teams.has(id)) where(`unknown staff id "${id}"`);
  return id;
}

function asObject(value: Json | undefined, otherwise: () => never): Record<string, Json> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return otherwise();
  return value;
}

function onlyKeys(o: Record<string, Json>, allowed: readonly string[], unknown: (k: string) => never): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) unknown(k);
}

function listOf(value: Json | undefined, name: string, node: Node | undefined, fail: (p: string, n?: Node | null) => never): { value: Record<string, Json>; node: Node | undefined }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return fail(`"${name}" must be a list`, node);
  return value.map((v, i) => {
    const itemNode = isSeq(node) ? (node.items[i] as Node) : node;
    return { value: asObject(v, () => fail(`each entry of "${name}" must be a mapping`, itemNode)), node: itemNode };
  });
}
