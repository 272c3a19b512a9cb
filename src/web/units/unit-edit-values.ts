// The unit editor's values and the contract's unit they send: the price typed in 万元 goes in yuan, and
// fields left empty are left out.
import type { UnitInput } from '../../contracts/index.ts';

export interface UnitValues {
  building: string;
  unitNo?: string | null;
  floor?: number | null;
  room: string;
  layout?: string | null;
  area?: number | null;
  priceWan?: number | null;
}

const text = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? undefined : v.trim());
const num = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v);

/** The form's values as the contract's unit: fields left empty are left out. */
export function unitOfValues(id: string, v: UnitValues): UnitInput {
  const price = num(v.priceWan);
  const entries = Object.entries({
    id,
    building: text(v.building),
    unitNo: text(v.unitNo),
    floor: num(v.floor),
    room: text(v.room),
    layout: text(v.layout),
    area: num(v.area),
    price: price === undefined ? undefined : Math.round(price * 10_000),
  }).filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries) as UnitInput;
}
