// Reading one cell of a unit list: the ways offices write floors, rooms, areas and prices. Each reader
// returns the value or the problem code; the planner attaches the row, the column and the English text.
import type { PriceUnit } from './unit-headers.ts';

export type CellRead<T, C extends string> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: C };

const ok = <T>(value: T) => ({ ok: true, value }) as const;
const no = <C extends string>(code: C) => ({ ok: false, code }) as const;

/**
 * A cell as compared and stored: full-width digits and letters folded (NFKC: "１２" → "12",
 * "㎡" → "m2", "￥" → "¥"), runs of spaces made one, trimmed. Ids built from it are stable across
 * sheets typed with different input methods.
 */
export function cleanCell(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * What offices write in an optional cell that has no value yet: a unit not priced is 待定, an unknown
 * layout a dash. Read as empty, not as a bad number.
 */
const PLACEHOLDERS = new Set(['-', '--', '—', '——', '/', '待定', '暂定', '暂无', '无', '未定', 'n/a', 'na', 'tbd']);

export function isPlaceholder(text: string): boolean {
  return PLACEHOLDERS.has(text.toLowerCase());
}

/** Texts longer than this are a pasted note, not a building or a room. */
export const MAX_TEXT = 64;

/** 房号 without the 室/号 some offices append: "1201室" → "1201". */
export function readRoom(text: string): string {
  return text.replace(/\s*(号房|室|号)$/, '');
}

/** Below ground is written B1, 负1, 地下1(层), -1. */
const BELOW = /^(?:b|负|地下|-)\s*(\d+)$/i;

export type FloorProblem = 'floor_not_integer' | 'floor_out_of_range';

/** Floors are whole numbers, 1…200 above ground, -1…-9 below: "12", "12层", "第12层", "12F", "B2". */
export function readFloor(text: string): CellRead<number, FloorProblem> {
  const bare = text.replace(/^第\s*/, '').replace(/\s*(层|楼|f)$/i, '');
  const below = BELOW.exec(bare);
  const floor = below ? -Number(below[1]) : /^\+?\d+(\.0+)?$/.test(bare) ? Number(bare) : NaN;
  if (!Number.isInteger(floor)) return no('floor_not_integer');
  return floor === 0 || floor > 200 || floor < -9 ? no('floor_out_of_range') : ok(floor);
}

/**
 * The floor a room number encodes: all but its last two digits ("1201" → 12, "0301" → 3, "301" → 3).
 * Only all-digit rooms of three digits or more; "12A" or "01" say nothing about the floor.
 */
export function floorFromRoom(room: string): number | null {
  if (!/^\d{3,}$/.test(room)) return null;
  const floor = Number(room.slice(0, -2));
  return floor > 0 && floor <= 200 ? floor : null;
}

/** A number as typed: thousands separators, a currency sign and a unit word are not the number. */
function readNumber(text: string, strip: RegExp): number {
  const bare = text.replace(/,/g, '').replace(strip, '').trim();
  return /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(bare) ? Number(bare) : NaN;
}

export type AreaProblem = 'area_not_a_number' | 'area_not_positive';

/** 建筑面积 in m²: "89.5", "89.50㎡", "89.5 m²", "89.5平方米". */
export function readArea(text: string): CellRead<number, AreaProblem> {
  const area = readNumber(text, /\s*(m2|平方米|平米|平)$/i);
  if (Number.isNaN(area)) return no('area_not_a_number');
  return area > 0 && Number.isFinite(area) ? ok(area) : no('area_not_positive');
}

export type PriceProblem = 'price_not_a_number' | 'price_not_positive';

/**
 * A list price in yuan. "235万" and "235万元" are 2,350,000 whatever the column says; a bare number
 * is in the column's unit (the header's 万元/元). "¥2,350,000", "2350000元" read as written.
 * Rounded to the fen, so 235.37万 is 2,353,700 and not 2,353,700.0000000005.
 */
export function readPrice(text: string, columnUnit: PriceUnit): CellRead<number, PriceProblem> {
  const unit: PriceUnit = /万元?$/.test(text) ? 'wan' : /元$/.test(text) ? 'yuan' : columnUnit;
  const amount = readNumber(text, /^(¥|rmb|cny)\s*|\s*(万元|万|元)$/gi);
  if (Number.isNaN(amount)) return no('price_not_a_number');
  const yuan = Math.round(amount * (unit === 'wan' ? 10_000 : 1) * 100) / 100;
  return yuan > 0 && Number.isFinite(yuan) ? ok(yuan) : no('price_not_positive');
}

/**
 * Yuan per m² a list price can plausibly be. Outside it the price column's unit is almost surely
 * wrong (235 read as 元 instead of 万元 is 2.6 元/m²), which would silently misprice every unit.
 */
export const PLAUSIBLE_PRICE_PER_M2 = { min: 100, max: 1_000_000 } as const;

export function plausiblePrice(price: number, area: number): boolean {
  const perM2 = price / area;
  return perM2 >= PLAUSIBLE_PRICE_PER_M2.min && perM2 <= PLAUSIBLE_PRICE_PER_M2.max;
}
