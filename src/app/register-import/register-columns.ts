// Column mapping of a paper-era register (来访登记表 / 来电登记表 / 客户跟进表): which column holds which field.
// Offices head their registers in many ways (客户姓名/姓名, 联系电话/手机号码, 置业顾问/接待顾问/跟进人);
// `suggestRegisterMapping` proposes a mapping the manager confirms or corrects; the office's last mapping
// for the same headers is remembered (src/accounts/import-mappings-store.ts) and offered first.
import { bestColumns } from '../units/sheet-grid.ts';
import { headerKey } from '../units/unit-headers.ts';

export const REGISTER_COLUMNS = [
  'date', 'time', 'kind', 'name', 'phone', 'gender', 'consultant', 'needs',
  'source', 'grade', 'district', 'propertyType', 'units', 'budget', 'address', 'carBrand', 'plate', 'phone2',
  'contactVia', 'reached', 'said',
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];

/** What a row records: a visit (来访), a call (来电) or a follow-up (跟进/回访). */
export type EntryKind = 'visit' | 'call' | 'followUp';
export const ENTRY_KINDS: readonly EntryKind[] = ['visit', 'call', 'followUp'];

export interface RegisterMapping {
  /** 0-based column of each field; a field left out is not in the file. */
  readonly columns: Readonly<Partial<Record<RegisterColumn, number>>>;
  /** The kind of every row whose kind cell is absent or blank (a 来访登记表 holds visits only). */
  readonly kind: EntryKind;
}

/** A register row needs these to be an entry. */
export const REQUIRED_COLUMNS = ['date', 'phone', 'consultant'] as const satisfies readonly RegisterColumn[];

interface Names {
  readonly exact: readonly string[];
  readonly contains: readonly string[];
}

const NAMES: Readonly<Record<RegisterColumn, Names>> = {
  date: { exact: ['日期', '来访日期', '来电日期', '登记日期', '跟进日期', '回访日期', '到访日期', '接待日期', '来访时间', '来电时间', '登记时间', '跟进时间', '到访时间', 'date', 'datetime'], contains: ['日期'] },
  time: { exact: ['时间', '时刻', '来访时间', '来电时间', '到访时间', '跟进时间', '登记时间', 'time'], contains: [] },
  kind: { exact: ['类型', '登记类型', '来访来电', '来访/来电', '来访或来电', '方式', '接待方式', '记录类型', 'type', 'kind'], contains: ['类型'] },
  name: { exact: ['姓名', '客户姓名', '客户名称', '客户', '客户名', '联系人', 'name', 'customer'], contains: ['姓名'] },
  phone: { exact: ['电话', '联系电话', '手机', '手机号', '手机号码', '客户电话', '电话号码', '联系方式', 'phone', 'mobile', 'tel'], contains: ['电话', '手机'] },
  gender: { exact: ['性别', 'gender', 'sex'], contains: [] },
  consultant: { exact: ['置业顾问', '接待顾问', '销售顾问', '顾问', '接待人', '接待人员', '跟进人', '回访人', '经办人', 'consultant', 'agent', 'sales'], contains: ['顾问'] },
  needs: { exact: ['需求', '客户需求', '购房需求', '意向', '意向需求', '需求描述', 'needs'], contains: ['需求'] },
  source: { exact: ['认知途径', '来源', '客户来源', '获知途径', '信息来源', '媒体', '媒体渠道', '认知渠道', 'source'], contains: ['途径', '来源'] },
  grade: { exact: ['诚意度', '意向等级', '客户等级', '等级', '客户级别', 'grade'], contains: ['诚意', '等级'] },
  district: { exact: ['区域', '居住区域', '所在区域', '客户区域', 'district'], contains: ['区域'] },
  propertyType: { exact: ['物业类型', '意向产品', '产品类型', '意向物业', 'propertytype'], contains: ['物业'] },
  units: { exact: ['意向房源', '意向户型', '意向房号', '关注房源', 'units'], contains: ['房源'] },
  budget: { exact: ['预算', '购房预算', '总价预算', '预算万元', 'budget'], contains: ['预算'] },
  address: { exact: ['工作单位或住址', '工作单位', '住址', '居住地址', '地址', '工作单位/住址', 'address'], contains: ['住址', '地址', '单位'] },
  carBrand: { exact: ['车辆品牌', '车型', '车辆', '座驾', 'car'], contains: ['车辆'] },
  plate: { exact: ['车牌', '车牌号', '车牌号码', 'plate'], contains: ['车牌'] },
  phone2: { exact: ['其他电话', '备用电话', '电话2', '第二电话', 'phone2'], contains: ['备用'] },
  contactVia: { exact: ['跟进方式', '回访方式', '联系方式类型', '沟通方式', 'via'], contains: ['跟进方式', '回访方式'] },
  reached: { exact: ['是否接通', '接通', '是否联系上', '联系上', 'reached'], contains: ['接通'] },
  said: { exact: ['跟进内容', '回访内容', '沟通内容', '跟进记录', '备注', 'note', 'notes'], contains: ['内容'] },
};

function score(column: RegisterColumn, header: string): number {
  const key = headerKey(header);
  if (key === '') return 0;
  const names = NAMES[column];
  const exact = names.exact.indexOf(key);
  if (exact !== -1) return 1000 - exact;
  const partial = names.contains.findIndex((n) => key.includes(n));
  return partial === -1 ? 0 : 100 - partial;
}

/** Guesses the kind a register holds from its headers (来电登记表 → calls, 跟进表 → follow-ups). */
function kindOf(headers: readonly string[], columns: Partial<Record<RegisterColumn, number>>): EntryKind {
  const all = headers.map(headerKey).join('|');
  if (columns.contactVia !== undefined || columns.reached !== undefined || /跟进|回访/.test(all)) return 'followUp';
  if (/来电/.test(all) && !/来访/.test(all)) return 'call';
  return 'visit';
}

export interface RegisterMappingSuggestion extends RegisterMapping {
  /** Required fields no header was recognised for: the manager has to pick a column. */
  readonly missing: readonly RegisterColumn[];
  /** Columns mapped to no field (shown so nothing is dropped unnoticed). */
  readonly unmapped: readonly number[];
}

/** Best pairs first, a column serving one field and a field one column; ties to the leftmost column. */
export function suggestRegisterMapping(headers: readonly string[]): RegisterMappingSuggestion {
  const { columns, used } = bestColumns(headers, REGISTER_COLUMNS, score);
  // A lone 来访时间 column holds the date and the time together: it is the date.
  if (columns.date === undefined && columns.time !== undefined) {
    columns.date = columns.time;
    delete columns.time;
  }
  return {
    columns,
    kind: kindOf(headers, columns),
    missing: REQUIRED_COLUMNS.filter((c) => columns[c] === undefined),
    unmapped: headers.map((_, i) => i).filter((i) => !used.has(i) && (headers[i] ?? '').trim() !== ''),
  };
}

/** Whether a row reads as a register's header: a date, a phone and a consultant column. */
export function looksLikeRegisterHeader(cells: readonly string[]): boolean {
  return suggestRegisterMapping(cells).missing.length === 0;
}

export type MappingProblem = { readonly code: 'column_required' | 'column_not_in_sheet' | 'column_used_twice'; readonly field: RegisterColumn };

/** A mapping the file can be read with: the required fields present, columns inside the sheet, none twice. */
export function checkRegisterMapping(mapping: RegisterMapping, columnCount: number): MappingProblem[] {
  const problems: MappingProblem[] = REQUIRED_COLUMNS.filter((f) => mapping.columns[f] === undefined).map((field) => ({ code: 'column_required', field }));
  const seen = new Set<number>();
  for (const field of REGISTER_COLUMNS) {
    const index = mapping.columns[field];
    if (index === undefined) continue;
    if (!Number.isInteger(index) || index < 0 || index >= columnCount) problems.push({ code: 'column_not_in_sheet', field });
    else if (seen.has(index)) problems.push({ code: 'column_used_twice', field });
    seen.add(index);
  }
  return problems;
}
