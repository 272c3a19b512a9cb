// The 销控 board's shape, from the grid's flat cells: buildings side by side, each one floors as rows (top
// floor first) and its rooms in fixed columns (entrance, then the room's place on the floor: 1801 and 1701
// stand one above the other). Pure, so it is tested without a browser; a building whose cells did not
// change keeps its previous object, so the page re-renders only the buildings a fact touched.
import type { BuildingSummary, GridCell, UnitGridView, UnitStatus } from '../../contracts/index.ts';

/** Sold first-to-last along the sales funnel; the legend and the counts follow this order. */
export const UNIT_STATUSES = ['free', 'held', 'withdrawn', 'smallDeposit', 'deposit', 'subscription', 'contract', 'fullPayment'] as const satisfies readonly UnitStatus[];

export interface FloorRow {
  /** `null`: the sheet gave no floor. */
  readonly floor: number | null;
  readonly cells: readonly GridCell[];
  /** Changes whenever anything shown of the row changes. */
  readonly signature: string;
}

export interface BuildingModel {
  readonly building: string;
  /** Column keys left to right (entrance + room's place on the floor). */
  readonly columns: readonly string[];
  /** Where a column starts a new entrance (单元), for a gap on the board. */
  readonly entranceStarts: ReadonlySet<number>;
  readonly floors: readonly FloorRow[];
  readonly summary: BuildingSummary | null;
  /** Changes whenever anything shown of the building changes. */
  readonly signature: string;
}

/**
 * A cell's column: its entrance and the part of the room number after the floor ("1801" on 18 → "01";
 * zero-padded floors too: "0201" on 2 → "01"). A room that does not start with its floor is its own column.
 */
export function columnKey(cell: Pick<GridCell, 'unitNo' | 'floor' | 'room'>): string {
  let place = cell.room;
  if (cell.floor !== null && cell.floor >= 0) {
    const floor = String(cell.floor);
    const prefix = [floor, floor.padStart(2, '0'), floor.padStart(3, '0')].find((p) => cell.room.length > p.length && cell.room.startsWith(p));
    if (prefix) place = cell.room.slice(prefix.length);
  }
  return `${cell.unitNo ?? ''}\u0000${place}`;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });
const compareText = (a: string, b: string) => collator.compare(a, b);

function cellSignature(c: GridCell): string {
  return `${c.id}|${c.status}|${c.price ?? ''}|${c.layout ?? ''}|${c.area ?? ''}|${c.floor ?? ''}|${c.room}|${c.unitNo ?? ''}|${c.closer ?? ''}`;
}

function summarySignature(s: BuildingSummary | null): string {
  return s ? `${s.units}|${s.soldAmount}|${s.freeAmount}|${UNIT_STATUSES.map((k) => s.counts[k] ?? 0).join(',')}` : '';
}

function buildingModel(building: string, cells: readonly GridCell[], summary: BuildingSummary | null, signature: string, old: BuildingModel | undefined): BuildingModel {
  const sorted = [...new Set(cells.map(columnKey))].sort((a, b) => {
    const [ea = '', pa = ''] = a.split('\u0000');
    const [eb = '', pb = ''] = b.split('\u0000');
    return compareText(ea, eb) || compareText(pa, pb);
  });
  // Kept as they were when unchanged, so the rows that did not change do not render again either.
  const columns = old && old.columns.join('\u0001') === sorted.join('\u0001') ? old.columns : sorted;
  const entranceStarts = old && old.columns === columns ? old.entranceStarts : new Set<number>();
  if (!(old && old.columns === columns))
    columns.forEach((c, i) => {
      if (i > 0 && c.split('\u0000')[0] !== columns[i - 1]?.split('\u0000')[0]) (entranceStarts as Set<number>).add(i);
    });
  const byFloor = new Map<number | null, GridCell[]>();
  for (const c of cells) {
    const row = byFloor.get(c.floor) ?? [];
    row.push(c);
    byFloor.set(c.floor, row);
  }
  const oldRows = new Map((old?.floors ?? []).map((r) => [r.floor, r]));
  const floors = [...byFloor.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : b - a))
    .map(([floor, row]) => {
      const rowSignature = row.map(cellSignature).join(';');
      const before = oldRows.get(floor);
      return before && before.signature === rowSignature ? before : { floor, cells: row, signature: rowSignature };
    });
  return { building, columns, entranceStarts, floors, summary, signature };
}

/**
 * The board's buildings in natural order (2栋 before 10栋). `previous` models whose signature is unchanged
 * are returned as they were (same object), so a memoised building does not render again.
 */
export function buildBoard(cells: readonly GridCell[], summaries: readonly BuildingSummary[], previous: readonly BuildingModel[] = []): BuildingModel[] {
  const byBuilding = new Map<string, GridCell[]>();
  for (const c of cells) {
    const list = byBuilding.get(c.building) ?? [];
    list.push(c);
    byBuilding.set(c.building, list);
  }
  const summaryOf = new Map(summaries.map((s) => [s.building, s]));
  const before = new Map(previous.map((m) => [m.building, m]));
  return [...byBuilding.keys()].sort(compareText).map((building) => {
    const list = byBuilding.get(building) ?? [];
    const summary = summaryOf.get(building) ?? null;
    const signature = `${summarySignature(summary)}#${list.map(cellSignature).join(';')}`;
    const old = before.get(building);
    return old && old.signature === signature ? old : buildingModel(building, list, summary, signature, old);
  });
}

export interface GridFilter {
  /** Layouts shown (户型); empty: all. */
  readonly layouts: readonly string[];
  /** Total price range in 万元; `null` ends are open. */
  readonly minWan: number | null;
  readonly maxWan: number | null;
}

export const NO_FILTER: GridFilter = { layouts: [], minWan: null, maxWan: null };

export function isFiltering(f: GridFilter): boolean {
  return f.layouts.length > 0 || f.minWan !== null || f.maxWan !== null;
}

/** Whether a cell matches the filter (a cell that does not is dimmed, never moved: the board keeps its shape). */
export function matches(cell: Pick<GridCell, 'layout' | 'price'>, f: GridFilter): boolean {
  if (f.layouts.length > 0 && (cell.layout === null || !f.layouts.includes(cell.layout))) return false;
  if (f.minWan === null && f.maxWan === null) return true;
  if (cell.price === null) return false;
  const wan = cell.price / 10_000;
  return (f.minWan === null || wan >= f.minWan) && (f.maxWan === null || wan <= f.maxWan);
}

/** Every layout on the grid, for the filter's options. */
export function layoutsOf(cells: readonly GridCell[]): string[] {
  return [...new Set(cells.map((c) => c.layout).filter((l): l is string => l !== null))].sort(compareText);
}

/** The whole office's count per status (the legend's numbers). */
export function totalCounts(summaries: readonly BuildingSummary[]): Record<UnitStatus, number> {
  const out = Object.fromEntries(UNIT_STATUSES.map((s) => [s, 0])) as Record<UnitStatus, number>;
  for (const b of summaries) for (const s of UNIT_STATUSES) out[s] += b.counts[s] ?? 0;
  return out;
}

/** Yuan as 万元 for the page: whole 万 for totals of a building, two decimals for one unit's price. */
export function wan(yuan: number, digits = 0): string {
  return wanFormat(digits).format(yuan / 10_000);
}

// One formatter per precision: `toLocaleString` with options builds a new one on every call (slow × 5,000).
const formats = new Map<number, Intl.NumberFormat>();
function wanFormat(digits: number): Intl.NumberFormat {
  let f = formats.get(digits);
  if (!f) formats.set(digits, (f = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f;
}

/**
 * The grid `held` brought up to a delta's position: its cells replaced in place (the board's order stays the
 * server's), its buildings and names the delta's. Null when the delta is not for this grid (it starts
 * elsewhere) or names a unit the grid never had, which only the whole grid can place.
 */
export function mergeDelta(held: UnitGridView, delta: UnitGridView): UnitGridView | null {
  if (delta.since !== held.asOfSeq) return null;
  const moved = new Map(delta.cells.map((c) => [c.id, c]));
  let placed = 0;
  const cells = held.cells.map((c) => {
    const next = moved.get(c.id);
    if (!next) return c;
    placed++;
    return next;
  });
  if (placed !== moved.size) return null;
  return { asOfSeq: delta.asOfSeq, buildings: delta.buildings, cells, names: { ...held.names, ...delta.names } };
}
