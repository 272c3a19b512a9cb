// The policy's knobs as the policy editor shows them: each knob's path, what kind of value it takes and its
// bounds (derived from the zod schema through its JSON Schema, so the editor and the server agree), its
// standard value, and — from the hand table below — the rule ids it controls and what it means in zh-CN
// and English (RULES.md), with words for its values.
import { z } from 'zod';
import { POLICY_SECTIONS, type KnobBounds, type KnobKind, type LocalText, type PolicyKnob, type PolicySection } from '../contracts/policy.contract.ts';
import { policySchema, STANDARD_POLICY, type Policy } from '../core/policy.ts';
import type { RuleId } from '../core/reasons.ts';

// The sections are the contract's; the knobs are the schema's, described here.
export { POLICY_SECTIONS };
export type Texts = LocalText;
/** A knob as GET /policy describes it (src/contracts/policy.contract.ts). */
export type Knob = PolicyKnob;

interface HandEntry {
  readonly rules: readonly RuleId[];
  readonly zh: string;
  readonly en: string;
  readonly labels?: Readonly<Record<string, readonly [zh: string, en: string]>>;
  /** The engine does not read this knob yet. */
  readonly notYet?: true;
  /** A plain text knob's control: a local time of day (`HH:mm`). */
  readonly control?: 'clock';
}

const T = (zh: string, en: string): Texts => ({ 'zh-CN': zh, en });

/** The hand table: every knob of the policy, its rules (RULES.md) and its meaning. A test keeps it equal to the schema. */
const HAND: Readonly<Record<string, HandEntry>> = {
  'rotation.order': {
    rules: ['ROT-1'],
    zh: '每日排轮顺序：按早上签到顺序，或当日接待新客少者优先',
    en: "Day queue order: sign-in order, or fewest new parties received today first",
    labels: { signIn: ['签到顺序', 'Sign-in order'], fewestNewToday: ['当日新客少者优先', 'Fewest new today first'] },
  },
  'rotation.privateReturn': {
    rules: ['ROT-5'],
    zh: '私事离岗（吃饭、休假、办私事）回岗后：排到队尾，或尚未轮到时保留原位',
    en: 'Back from a private absence: to the tail of the queue, or keep the place if not yet passed over',
    labels: { tail: ['排到队尾', 'To the tail'], keep: ['保留原位', 'Keep the place'] },
  },
  'rotation.makeUpLimit': {
    rules: ['ROT-6', 'ROT-7', 'ROT-8'],
    zh: '待补接最多累积的次数（公务外出、接待老客户被跳过时补接）；不限则空几轮补几名',
    en: 'Most make-ups owed at once (passed over on business or while busy); unlimited: one per turn missed',
    labels: { unlimited: ['不限', 'Unlimited'] },
  },
  'rotation.makeUpExpires': {
    rules: ['ROT-8'],
    zh: '补接当天有效，当天未完成不计入次日轮排',
    en: 'Make-ups expire at the end of the day and never carry over',
    labels: { endOfDay: ['当天结束', 'End of the day'] },
  },
  'rotation.hours': {
    rules: ['ROT-9'],
    zh: '计入轮排的值班时段（本地时间，如 08:30–12:00、14:30–17:30）；时段外接待不计轮次；不设则全天计入',
    en: 'Duty windows (local time, e.g. 08:30–12:00, 14:30–17:30) in which parties count in the rotation; none: all day',
  },
  'rotation.unit': {
    rules: ['ROT-13'],
    zh: '轮排单位：个人，或团队（团队越序接待失去次日轮次）',
    en: "Rotation unit: the consultant, or a team (a team engaging out of turn loses the next day's turn)",
    labels: { person: ['个人', 'Person'], team: ['团队', 'Team'] },
  },
  'registration.required': {
    rules: ['REG-2', 'REG-7'],
    zh: '有效登记必须具备的项目；缺项的登记保留但不产生归属',
    en: 'What a registration must have to be valid; an entry missing one is kept but gives no ownership',
    labels: { name: ['姓名', 'Name'], gender: ['性别', 'Gender'], phone: ['手机号', 'Phone'], needs: ['购房需求', 'Needs'] },
  },
  'ownership.protectionDays': {
    rules: ['OWN-2'],
    zh: '客户保护期：最后一次有效联系（有效登记、归属人接待、联系上的跟进）后的天数，过期客户视为新客户',
    en: 'Protection: days after the last effective contact (valid registration, reception by the owner, a follow-up that reached them); then the customer is new',
  },
  'ownership.smsCounts': {
    rules: ['OWN-3'],
    zh: '仅短信跟进是否算有效联系',
    en: 'Whether a follow-up by text message alone counts as an effective contact',
  },
  'ownership.smsOnlyLimit': {
    rules: ['OWN-3'],
    zh: '计短信时，连续几次仅短信跟进即作废；不设则不限',
    en: 'With text messages counting: this many SMS-only follow-ups in a row do not count; none: no limit',
  },
  'ownership.lookBackDays': {
    rules: ['OWN-6', 'DEAL-3'],
    zh: '回溯期：客户记不起原顾问被当新客接待后，这些天内查实原顾问记录完整则归还（已成交则分成）',
    en: "Look-back: within these days of being received as new, a customer whose original consultant's records are complete goes back (a closed deal is split)",
  },
  'ownership.family': {
    rules: ['OWN-7'],
    zh: '家庭成员视为同一客户的范围',
    en: 'Which family members count as one customer',
    labels: { spouseParentsChildren: ['配偶、父母、子女', 'Spouse, parents, children'], threeGenerations: ['三代（含祖父母、兄弟姐妹）', 'Three generations (with grandparents, siblings)'], none: ['不合并', 'None'] },
  },
  'ownership.callsEstablish': {
    rules: ['REG-8'],
    zh: '来电登记能否确立归属：来访时点名接听人则归接听人',
    en: 'Whether a call registration establishes ownership when the caller later visits and names the call-taker',
  },
  'ownership.referralDefault': {
    rules: ['OWN-8'],
    zh: '老带新：新客户未点名时由谁接待',
    en: 'Old customer brings a new one who names nobody: who receives them',
    labels: { queue: ['按轮排', 'The queue'], referrerOwner: ['老客户的顾问', "The old customer's consultant"] },
  },
  'ownership.companyAssignedRate': {
    rules: ['OWN-9'],
    zh: '公司、员工或领导介绍并由经理分配的客户的佣金比例',
    en: 'Commission rate on customers the company introduces and the manager assigns',
  },
  'ownership.recycleDays': {
    rules: ['OWN-11'],
    zh: '无有效联系多少天后在月度回收时转入公共池；不设则不回收',
    en: 'Days without effective contact before the monthly sweep into the public pool; none: no sweep',
  },
  'ownership.reassignedOwns': {
    rules: ['OWN-10'],
    zh: '经理分配的客户何时归新顾问：分配时，或新顾问首次有效联系时（细则 四.2）',
    en: "When a reassigned customer becomes the new consultant's: at the assignment, or at their first effective contact",
    labels: { atAssignment: ['分配时', 'At the assignment'], atFirstContact: ['首次有效联系时', 'At the first effective contact'] },
  },
  'channel.protectionDays': {
    rules: ['CH-4'],
    zh: '第一次、第二次报备受理后的保护天数；报备次数以此为限',
    en: 'Protection of the first and the second accepted report, in days; no further report after these',
  },
  'channel.minLeadMinutes': {
    rules: ['CH-5'],
    zh: '分销至少提前多少分钟报备，否则带访不予认可',
    en: 'Minutes a distributor must report before the visit, or the visit is not recognised',
  },
  'channel.reportNumber': {
    rules: ['CH-8'],
    zh: '报备号码：全号，或隐号（前三后四、前四后三）',
    en: 'Report number: the full number, or masked (first 3 and last 4, first 4 and last 3)',
    labels: { full: ['全号', 'Full number'], first3last4: ['前三后四', 'First 3, last 4'], first4last3: ['前四后三', 'First 4, last 3'] },
  },
  'channel.protectionMode': {
    rules: ['CH-9'],
    zh: '渠道保护方式：报备至成交一段，或报备至到访、到访至成交两段',
    en: 'Broker protection: one period from report to deal, or two (report to visit, visit to deal)',
    labels: { reportToDeal: ['报备至成交', 'Report to deal'], reportToVisitToDeal: ['报备至到访至成交', 'Report to visit to deal'] },
  },
  'channel.reportToVisitDays': {
    rules: ['CH-9'],
    zh: '两段式保护：报备到到访的天数',
    en: 'Two-stage protection: days from the report to the visit',
  },
  'channel.visitToDealDays': {
    rules: ['CH-9'],
    zh: '两段式保护：到访到成交的天数',
    en: 'Two-stage protection: days from the visit to the deal',
  },
  'splits.cover': {
    rules: ['DEAL-3', 'ROT-11'],
    zh: '归属人（或指定顾问）不在，代接人当天成交：业绩分成',
    en: 'Owner (or designated consultant) absent, the cover closes the same day: the split',
    labels: { owner: ['归属人', 'Owner'], cover: ['代接人', 'Cover'] },
  },
  'splits.lookBack': {
    rules: ['DEAL-3', 'OWN-6'],
    zh: '回溯查实原顾问时已成交：成交人与原顾问分成',
    en: 'A look-back finds the original consultant after a deal: the closer and the original share',
    labels: { closer: ['成交人', 'Closer'], original: ['原顾问', 'Original'] },
  },
  'splits.brochure': {
    rules: ['DEAL-3'],
    zh: '首次接待只取了资料，第二位顾问完成接待：分成',
    en: 'The first visit only took a brochure, a second consultant did the work: the split',
    labels: { first: ['首次接待', 'First'], second: ['后续接待', 'Second'] },
  },
  'splits.family': {
    rules: ['DEAL-3', 'OWN-7'],
    zh: '家庭成员归属不同顾问，合并成交：分成',
    en: 'Family members owned by different consultants, one deal: the split',
    labels: { first: ['先登记者', 'First'], second: ['后登记者', 'Second'] },
  },
  'splits.namedLater': {
    rules: ['DEAL-3'],
    zh: '客户在第 N 次来访时才点名顾问：分成',
    en: 'The customer names a consultant on a later visit: the split',
    labels: { named: ['被点名顾问', 'Named'], earlier: ['此前接待顾问', 'Earlier'] },
  },
  'splits.referralCover': {
    rules: ['DEAL-3', 'OWN-8'],
    zh: '老带新，归属人不在由代接人成交：分成',
    en: 'Old brings new, the owner absent and a cover closes: the split',
    labels: { owner: ['归属人', 'Owner'], cover: ['代接人', 'Cover'] },
  },
  'splits.transfer': {
    rules: ['DEAL-3'],
    zh: '顾问调往公司其他案场，两个月内成交：分成',
    en: 'The consultant moved to another office, deal within two months: the split',
    labels: { former: ['原顾问', 'Former'], closer: ['成交人', 'Closer'] },
  },
  'splits.teamReferral': {
    rules: ['DEAL-3'],
    zh: '新房与二手团队互相转介绍：转介绍人与成交人分成',
    en: 'New-home and resale teams refer customers to each other: the referrer and the closer share',
    labels: { referrer: ['转介绍人', 'Referrer'], closer: ['成交人', 'Closer'] },
  },
  'performance.countsFrom': {
    rules: ['DEAL-2'],
    zh: '订单从哪个阶段起计入销售业绩（报表口径）',
    en: 'The order stage from which an order counts as a sale in reports',
    labels: {
      smallDeposit: ['小定', 'Small deposit'],
      deposit: ['大定', 'Deposit'],
      subscription: ['认购', 'Subscription'],
      contract: ['签约', 'Contract'],
      fullPayment: ['全款', 'Paid in full'],
    },
  },
  'performance.transferWithinDays': {
    rules: ['DEAL-3'],
    zh: '顾问调往公司其他案场后，多少天内成交仍与原顾问分成',
    en: 'Days after a consultant moves to another office within which a deal still shares with them',
  },
  'disputes.windowDays': {
    rules: ['DEAL-4'],
    zh: '下定后多少天内可提出归属异议；逾期成交人保留业绩',
    en: 'Days after the deposit within which an ownership objection counts; later, the closer keeps it',
  },
  // ---- the office's register options (REG-3) and report knobs (REP-3, the daily summary) ----
  'registerOptions.sources': {
    rules: ['REG-3'],
    zh: '认知途径的选项：登记表上"从何得知本项目"可选的值（每项最多 20 字，不可重复）',
    en: 'How-they-heard options (认知途径) on the register: the values a registration may name (≤ 20 characters each, no repeats)',
  },
  'registerOptions.grades': {
    rules: ['REG-3'],
    zh: '诚意度等级的选项（如 A/B/C/D）',
    en: 'Sincerity grades a registration may give (e.g. A/B/C/D)',
  },
  'registerOptions.districts': {
    rules: ['REG-3'],
    zh: '客户所在区域的选项',
    en: 'Districts a customer may be from',
  },
  'registerOptions.propertyTypes': {
    rules: ['REG-3'],
    zh: '意向物业类型的选项',
    en: 'Property types a customer may be interested in',
  },
  'reports.followUpsPerVisitor': {
    rules: ['REP-3'],
    zh: '跟进达标：每位来访客户至少应有的跟进次数（报表"跟进达标"按此统计未达标的客户）',
    en: 'Follow-up compliance: follow-ups each visitor should have had (the report lists the customers behind each miss)',
  },
  'reports.lapsingDays': {
    rules: ['REP-3'],
    zh: '保护期将到期：保护期在多少天内结束的客户列入报表提醒',
    en: 'Protection about to lapse: customers whose protection ends within this many days are listed',
  },
  'reports.dailySummaryAt': {
    rules: ['REP-3'],
    zh: '日报摘要时间：每天此时刻起经理工作台显示当日摘要（此前显示前一日）',
    en: "Daily summary time: from this local time the manager's dashboard shows the day's summary (before it, the day before's)",
    control: 'clock',
  },
};

type JsonSchema = {
  readonly type?: string;
  readonly enum?: readonly string[];
  readonly const?: string;
  readonly anyOf?: readonly JsonSchema[];
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly items?: JsonSchema;
  readonly prefixItems?: readonly JsonSchema[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
};

function boundsOf(s: JsonSchema): KnobBounds {
  const out: { -readonly [K in keyof KnobBounds]: KnobBounds[K] } = {};
  if (s.minimum !== undefined) out.min = s.minimum;
  if (s.exclusiveMinimum !== undefined) {
    out.min = s.exclusiveMinimum;
    out.exclusiveMin = true;
  }
  if (s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER) out.max = s.maximum;
  if (s.type === 'integer') out.integer = true;
  return out;
}

type Shape = Pick<Knob, 'kind' | 'nullable' | 'bounds'> & Partial<Pick<Knob, 'values' | 'parts' | 'sumsToOne'>>;

/** The control a knob's JSON Schema calls for. */
function shapeOf(path: string, s: JsonSchema, control?: 'clock'): Shape {
  const nullable = s.anyOf?.some((x) => x.type === 'null') ?? false;
  const options = s.anyOf?.filter((x) => x.type !== 'null') ?? [s];
  const number = options.find((x) => x.type === 'number' || x.type === 'integer');
  const word = options.find((x) => x.const !== undefined);
  if (options.length === 2 && number && word) return { kind: 'numberOrWord', nullable, bounds: boundsOf(number), values: [word.const as string] };
  if (options.length !== 1) throw new Error(`policy knob ${path}: no editor control for its schema`);
  const one = options[0] as JsonSchema;
  if (one.type === 'string' && one.enum) return { kind: 'enum', nullable, bounds: {}, values: one.enum };
  if (one.type === 'string' && one.const !== undefined) return { kind: 'fixed', nullable, bounds: {}, values: [one.const] };
  if (one.type === 'boolean') return { kind: 'boolean', nullable, bounds: {} };
  if (one.type === 'string' && control === 'clock') return { kind: 'clock', nullable, bounds: {} };
  // The office's own option lists (REG-3): words it types, each once.
  if (one.type === 'array' && one.items?.type === 'string' && !one.items.enum) return { kind: 'textList', nullable, bounds: {} };
  if (one.type === 'number' || one.type === 'integer') return { kind: 'number', nullable, bounds: boundsOf(one) };
  if (one.type === 'array' && one.items?.enum) return { kind: 'enumSet', nullable, bounds: {}, values: one.items.enum };
  if (one.type === 'array' && one.items?.prefixItems) return { kind: 'windows', nullable, bounds: { ...(one.minItems !== undefined ? { minItems: one.minItems } : {}) } };
  if (one.type === 'array' && (one.items?.type === 'number' || one.items?.type === 'integer'))
    return { kind: 'numberList', nullable, bounds: { ...boundsOf(one.items), ...(one.minItems !== undefined ? { minItems: one.minItems } : {}) } };
  if (one.type === 'object' && one.properties) {
    const parts = Object.keys(one.properties);
    const first = one.properties[parts[0] as string] as JsonSchema;
    return { kind: 'split', nullable, bounds: boundsOf(first), parts, sumsToOne: true };
  }
  throw new Error(`policy knob ${path}: no editor control for its schema`);
}

function valueAt(policy: Policy, path: string): unknown {
  const [section, knob] = path.split('.') as [keyof Policy, string];
  return (policy[section] as Readonly<Record<string, unknown>>)[knob];
}

function catalogue(): readonly Knob[] {
  const schema = z.toJSONSchema(policySchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const knobs: Knob[] = [];
  for (const section of POLICY_SECTIONS) {
    for (const [name, knobSchema] of Object.entries(schema.properties?.[section]?.properties ?? {})) {
      const path = `${section}.${name}`;
      const hand = HAND[path];
      if (!hand) throw new Error(`policy knob ${path} has no entry in the policy catalogue`);
      const labels: Record<string, Texts> = {};
      for (const [value, [zh, en]] of Object.entries(hand.labels ?? {})) labels[value] = T(zh, en);
      knobs.push({ path, section, ...shapeOf(path, knobSchema, hand.control), standard: valueAt(STANDARD_POLICY, path), rules: hand.rules, enforced: hand.notYet !== true, description: T(hand.zh, hand.en), labels });
    }
  }
  const unknown = Object.keys(HAND).filter((path) => !knobs.some((k) => k.path === path));
  if (unknown.length > 0) throw new Error(`the policy catalogue names knobs the schema lacks: ${unknown.join(', ')}`);
  return knobs;
}

/** Every knob of the policy, in the schema's order, section by section. */
export const POLICY_KNOBS: readonly Knob[] = catalogue();
