// A unit as a picker shows it: building, room, layout, area and list price (1栋 0301 · 三室两厅两卫 · 118㎡ · ¥2,968,000).
import type { GridCell } from '../../contracts/index.ts';
import { yuan } from './money.ts';

export function unitLabel(u: GridCell): string {
  const place = [u.building, u.unitNo, u.room].filter((p) => p !== null && p !== '').join(' ');
  const more = [u.layout, u.area !== null ? `${u.area}㎡` : null, u.price !== null ? yuan(u.price) : null].filter((p): p is string => p !== null && p !== '');
  return [place || u.id, ...more].join(' · ');
}
