// The 销控 grid (DEAL-1): every unit with its status, buildings side by side, floors as rows, rooms as
// cells, with counts and amounts per building. A pure read of the engine at an instant.
import type { Engine } from '../../core/engine.ts';
import type { DealStage, StaffId, Unit, UnitId } from '../../core/facts.ts';
import type { Instant } from '../../core/time.ts';

/** A cell's colour on the board: 可售 / 预留 / 已下架 / 小定 / 大定 / 认购 / 签约 / 全款. */
export type UnitStatus = 'free' | 'held' | 'withdrawn' | DealStage;
export const UNIT_STATUSES: readonly UnitStatus[] = ['free', 'held', 'withdrawn', 'smallDeposit', 'deposit', 'subscription', 'contract', 'fullPayment'];

export interface GridCell {
  readonly id: UnitId;
  readonly building: string;
  readonly unitNo: string | null;
  readonly floor: number | null;
  readonly room: string;
  readonly layout: string | null;
  readonly area: number | null;
  readonly price: number | null;
  readonly status: UnitStatus;
  /** Who closed the live order, if any. */
  readonly closer: StaffId | null;
}

export interface BuildingSummary {
  readonly building: string;
  readonly units: number;
  readonly counts: Readonly<Record<UnitStatus, number>>;
  /** List price of units with a live order, and of those still for sale (yuan). */
  readonly soldAmount: number;
  readonly freeAmount: number;
  readonly soldArea: number;
}

export interface UnitGrid {
  /** The log position the grid reflects: a client holding this grid is current until the log moves. */
  readonly asOfSeq: number;
  readonly buildings: readonly BuildingSummary[];
  readonly cells: readonly GridCell[];
}

/** Units without a building are listed under '' ; a room number like 1201 gives floor 12 when none was recorded. */
export function unitGrid(engine: Engine, _now: Instant): UnitGrid {
  const cells: GridCell[] = [];
  for (const unit of engine.units.values()) cells.push(cellOf(engine, unit));
  cells.sort((a, b) => compareText(a.building, b.building) || compareText(a.unitNo ?? '', b.unitNo ?? '') || (b.floor ?? 0) - (a.floor ?? 0) || compareText(a.room, b.room));
  const byBuilding = new Map<string, { counts: Record<UnitStatus, number>; units: number; soldAmount: number; freeAmount: number; soldArea: number }>();
  for (const c of cells) {
    let s = byBuilding.get(c.building);
    if (!s) {
      s = { counts: Object.fromEntries(UNIT_STATUSES.map((k) => [k, 0])) as Record<UnitStatus, number>, units: 0, soldAmount: 0, freeAmount: 0, soldArea: 0 };
      byBuilding.set(c.building, s);
    }
    s.units++;
    s.counts[c.status]++;
    if (isSold(c.status)) {
      s.soldAmount += c.price ?? 0;
      s.soldArea += c.area ?? 0;
    } else if (c.status === 'free') s.freeAmount += c.price ?? 0;
  }
  const buildings = [...byBuilding.entries()].map(([building, s]) => ({ building, ...s }));
  return { asOfSeq: engine.lastSeq, buildings, cells };
}

/**
 * The units whose story moved after `since` (each fact that changes a cell is in its unit's history), or
 * null when a delta would not help: `since` is not behind the log, or so much moved that the whole grid is
 * as cheap.
 */
export function unitsChangedSince(engine: Engine, since: number, most: number): Set<UnitId> | null {
  if (since >= engine.lastSeq) return since === engine.lastSeq ? new Set() : null;
  const changed = new Set<UnitId>();
  for (const [unit, history] of engine.unitHistory) {
    if ((history.at(-1)?.seq ?? 0) <= since) continue;
    changed.add(unit);
    if (changed.size > most) return null;
  }
  return changed;
}

/** One unit as its cell shows it; null for an unknown unit. */
export function gridCell(engine: Engine, id: UnitId): GridCell | null {
  const unit = engine.units.get(id);
  return unit ? cellOf(engine, unit) : null;
}

function cellOf(engine: Engine, unit: Unit): GridCell {
  const order = engine.orders.get(unit.id);
  const room = unit.room ?? unit.id;
  return {
    id: unit.id,
    building: unit.building ?? '',
    unitNo: unit.unitNo ?? null,
    floor: unit.floor ?? floorOfRoom(room),
    room,
    layout: unit.layout ?? null,
    area: unit.area ?? null,
    price: unit.price ?? null,
    status: order ? order.stage : engine.unitAvailability(unit.id),
    closer: order?.closer ?? null,
  };
}

export function isSold(status: UnitStatus): boolean {
  return status !== 'free' && status !== 'held' && status !== 'withdrawn';
}

function floorOfRoom(room: string): number | null {
  const digits = /^(\d{1,2})(\d{2})$/.exec(room);
  return digits ? Number(digits[1]) : null;
}

/** Building names sort as people read them: 2栋 before 10栋. One collator: `localeCompare` with options builds one per call. */
const collator = new Intl.Collator('zh-CN', { numeric: true });
function compareText(a: string, b: string): number {
  return a === b ? 0 : collator.compare(a, b);
}
