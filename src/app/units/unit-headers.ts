// Column mapping: which column of an office's unit list holds which field. Offices name columns in many
// ways (楼号/栋号/楼栋号, 房间号/室号, 建面/建筑面积(㎡)); `suggestMapping` proposes a mapping the person
// importing confirms or corrects, and the unit written in the price header decides 万元 vs 元.
import { bestColumns } from './sheet-grid.ts';
import type { UnitField } from './imported-unit.ts';

/** The unit of bare numbers in the price column; a cell's own "万"/"元" always wins. */
export type PriceUnit = 'yuan' | 'wan';

export interface ColumnMapping {
  /** 0-based column index of each field in the grid; a field left out is not in the sheet. */
  readonly columns: Readonly<Partial<Record<UnitField, number>>>;
  readonly priceUnit: PriceUnit;
}

export interface MappingSuggestion extends ColumnMapping {
  /** Required fields no header was recognised for: the person importing has to pick a column. */
  readonly missing: readonly UnitField[];
  /** Columns mapped to no field (shown so nothing is dropped unnoticed). */
  readonly unmapped: readonly number[];
}

/** Building and room make a unit; the floor can be read from the room number ("1201" → 12). */
export const REQUIRED_FIELDS = ['building', 'room'] as const satisfies readonly UnitField[];

interface FieldNames {
  /** Whole header names, best first (compared after `headerKey`). */
  readonly exact: readonly string[];
  /** Fragments that make a header a weaker candidate when no exact name matches. */
  readonly contains: readonly string[];
  /** Fragments that rule a header out: 套内面积 is not 建筑面积, 单价 is not 总价. */
  readonly not: readonly string[];
}

// English 'unit' is the apartment (room); 单元 is the entrance (unitNo) — a bilingual sheet says both.
const NAMES: Readonly<Record<UnitField, FieldNames>> = {
  id: { exact: ['编号', '房源编号', '房屋编号', '房源编码', '房屋编码', '房源代码', '房源id', 'id', 'unitid', 'code'], contains: [], not: [] },
  building: {
    exact: ['楼栋', '楼栋号', '楼号', '栋号', '栋', '楼', '楼栋名称', '楼栋名', '栋座', '楼座', '座', '座号', '幢', '幢号', '楼幢', 'building', 'buildingno', 'bldg', 'tower', 'block'],
    contains: ['楼栋', '栋号', '楼号', '幢号', 'building'],
    not: [],
  },
  unitNo: { exact: ['单元', '单元号', '单元名称', '单元编号', 'entrance', 'stair'], contains: ['单元'], not: [] },
  floor: { exact: ['楼层', '层', '层号', '所在楼层', '所在层', '楼层号', 'floor', 'floorno', 'level', 'storey', 'story'], contains: ['楼层'], not: ['总层', '层数'] },
  room: {
    exact: ['房号', '房间号', '室号', '房间', '户号', '户室号', '房屋号', '门牌号', '房', '室', 'room', 'roomno', 'apt', 'apartment', 'flat', 'unit', 'unitno'],
    contains: ['房号', '房间号', '室号', 'room'],
    not: [],
  },
  layout: { exact: ['户型', '房型', '户型结构', '户型名称', '户型描述', '室厅', 'layout', 'type', 'unittype', 'plan'], contains: ['户型'], not: [] },
  area: {
    exact: ['建筑面积', '实测建筑面积', '预测建筑面积', '面积', '建面', '实测面积', '预测面积', '预售面积', '销售面积', 'area', 'gfa', 'grossarea', 'floorarea', 'size'],
    contains: ['建筑面积', '建面', 'area'],
    not: ['套内', '公摊', '赠送', '单价', '花园', '阳台'],
  },
  price: {
    exact: ['标准总价', '表价', '总价', '销售总价', '挂牌总价', '挂牌价', '目录价', '价目表总价', '报价', '售价', '价格', 'listprice', 'totalprice', 'price'],
    contains: ['总价', 'price'],
    not: ['单价', '底价', '成交', '折后', '优惠', 'unitprice'],
  },
};

/**
 * A header as compared: full-width forms folded (NFKC), lower case, no spaces, no required-markers,
 * and without a bracketed or trailing unit: "总价（万元）" → "总价", "建筑面积(㎡)" → "建筑面积".
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*※:：.#_\-]/g, '')
    .replace(/[([【〔][^)\]】〕]*[)\]】〕]/g, '')
    // Only after a price or an area word: 单元 ends in 元 too.
    .replace(/(?<=价)\/?(万元|万|元)$/, '')
    .replace(/(?<=(面积|建面|area))\/?(m2|平方米|平米)$/, '');
}

/** The unit a price header states: "总价(万元)", "总价/万", "总价万元" → 万; anything else → 元. */
export function priceUnitOf(header: string): PriceUnit {
  return /万/.test(header.normalize('NFKC')) ? 'wan' : 'yuan';
}

function score(field: UnitField, header: string): number {
  const key = headerKey(header);
  if (key === '') return 0;
  const names = NAMES[field];
  const exact = names.exact.indexOf(key);
  if (exact !== -1) return 1000 - exact;
  const raw = header.normalize('NFKC').toLowerCase();
  if (names.not.some((n) => raw.includes(n))) return 0;
  const partial = names.contains.findIndex((n) => key.includes(n));
  return partial === -1 ? 0 : 100 - partial;
}

/**
 * Proposes a column for each field. Every (column, field) pair is scored — an exact name beats a
 * fragment, an earlier name in the list beats a later one — and pairs are taken best first so a column
 * serves one field and a field one column. Ties go to the leftmost column, as a person would read.
 */
export function suggestMapping(headers: readonly string[]): MappingSuggestion {
  const { columns, used } = bestColumns(headers, Object.keys(NAMES) as UnitField[], score);
  const priceColumn = columns.price;
  return {
    columns,
    priceUnit: priceColumn === undefined ? 'yuan' : priceUnitOf(headers[priceColumn] ?? ''),
    missing: REQUIRED_FIELDS.filter((f) => columns[f] === undefined),
    unmapped: headers.map((_, i) => i).filter((i) => !used.has(i) && (headers[i] ?? '').trim() !== ''),
  };
}

/** Whether a row reads as a unit list's header: it names a building column and a room column. */
export function looksLikeUnitHeader(cells: readonly string[]): boolean {
  return suggestMapping(cells).missing.length === 0;
}
