// The 销控 board's shape and the import's problem sentences, without a browser.
import { describe, expect, it } from 'vitest';
import type { GridCell } from '../../src/contracts/index.ts';
import { translator } from '../../src/web/i18n/translate.ts';
import { zhCN } from '../../src/web/i18n/zh-CN.ts';
import { buildBoard, columnKey, matches, mergeDelta, NO_FILTER, totalCounts, wan } from '../../src/web/units/grid-model.ts';
import { problemText } from '../../src/web/units/import-problem-text.ts';
import { columnLetter, remapped } from '../../src/web/units/import-mapping.ts';
import { unitOfValues } from '../../src/web/units/unit-edit-values.ts';

const cell = (id: string, building: string, floor: number | null, room: string, extra: Partial<GridCell> = {}): GridCell => ({
  id,
  building,
  unitNo: null,
  floor,
  room,
  layout: '三室两厅',
  area: 100,
  price: 2_000_000,
  status: 'free',
  closer: null,
  ...extra,
});

describe('the 销控 board', () => {
  const cells = [cell('10-101', '10栋', 1, '101'), cell('2-1801', '2栋', 18, '1801'), cell('2-1701', '2栋', 17, '1701'), cell('2-1702', '2栋', 17, '1702', { status: 'held' }), cell('2-x', '2栋', null, '商铺')];

  it('puts buildings in natural order, the top floor first, a floorless row last, and rooms in columns by their place on the floor', () => {
    const board = buildBoard(cells, []);
    expect(board.map((b) => b.building)).toEqual(['2栋', '10栋']);
    const two = board[0]!;
    expect(two.floors.map((f) => f.floor)).toEqual([18, 17, null]);
    expect(columnKey(cells[1]!)).toBe(columnKey(cells[2]!));
    // Zero-padded room numbers (0201 on the 2nd floor) stand under 1801 too.
    expect(columnKey({ unitNo: null, floor: 2, room: '0201' })).toBe(columnKey({ unitNo: null, floor: 18, room: '1801' }));
    expect(columnKey({ unitNo: '1单元', floor: 2, room: '201' })).not.toBe(columnKey({ unitNo: null, floor: 2, room: '201' }));
    expect(two.columns).toHaveLength(3);
  });

  it('keeps an unchanged building as the same object, and rebuilds a changed one', () => {
    const first = buildBoard(cells, []);
    const next = buildBoard(cells.map((c) => (c.id === '10-101' ? { ...c, status: 'deposit' as const } : { ...c })), [], first);
    expect(next[0]).toBe(first[0]);
    expect(next[1]).not.toBe(first[1]);
    // Within a changed building, the floors that did not change are kept too.
    const held = buildBoard(cells.map((c) => (c.id === '2-1801' ? { ...c, status: 'held' as const } : c)), [], first);
    expect(held[0]).not.toBe(first[0]);
    expect(held[0]!.floors[0]).not.toBe(first[0]!.floors[0]);
    expect(held[0]!.floors[1]).toBe(first[0]!.floors[1]);
    expect(held[0]!.columns).toBe(first[0]!.columns);
  });

  it('filters by layout and by price in 万元', () => {
    expect(matches(cells[0]!, NO_FILTER)).toBe(true);
    expect(matches(cells[0]!, { layouts: ['两室'], minWan: null, maxWan: null })).toBe(false);
    expect(matches(cells[0]!, { layouts: [], minWan: 150, maxWan: 250 })).toBe(true);
    expect(matches(cells[0]!, { layouts: [], minWan: 201, maxWan: null })).toBe(false);
    expect(matches({ layout: null, price: null }, { layouts: [], minWan: 1, maxWan: null })).toBe(false);
  });

  it('counts the office by status and words amounts in 万元', () => {
    const totals = totalCounts([{ building: 'a', units: 3, counts: { free: 2, held: 1 }, soldAmount: 0, freeAmount: 0, soldArea: 0 }, { building: 'b', units: 1, counts: { contract: 1 }, soldAmount: 0, freeAmount: 0, soldArea: 0 }] as never);
    expect(totals).toMatchObject({ free: 2, held: 1, contract: 1, deposit: 0 });
    expect(wan(123_456_789)).toBe('12,346');
    expect(wan(2_345_600, 2)).toBe('234.56');
  });
});

describe('the import in words', () => {
  const t = translator('zh-CN');
  it('says every problem code in zh-CN with its params, field names translated', () => {
    const codes = Object.keys(zhCN).filter((k) => k.startsWith('importProblem.')).map((k) => k.slice('importProblem.'.length));
    for (const code of ['building_missing', 'room_missing', 'floor_missing', 'floor_not_integer', 'floor_out_of_range', 'area_not_a_number', 'area_not_positive', 'price_not_a_number', 'price_not_positive', 'price_implausible', 'text_too_long', 'duplicate_id', 'duplicate_unit', 'column_required', 'column_not_in_sheet', 'column_used_twice'])
      expect(codes).toContain(code);
    for (const code of ['xls_not_supported', 'xlsx_unreadable', 'xlsx_no_sheet', 'sheet_empty', 'too_many_rows']) expect(Object.keys(zhCN)).toContain(`import.read.${code}`);
    expect(problemText(t, { code: 'column_used_twice', field: 'room', params: { field: 'room', other: 'building', column: 'C' } })).toBe('C 列同时对应“房号”和“楼栋”');
    expect(problemText(t, { code: 'floor_not_integer', field: 'floor', params: { column: 'C', value: '12.5' } })).toBe('楼层“12.5”不是整数');
    expect(problemText(t, { code: 'brand_new', field: 'area', params: { column: 'F' } })).toBe('第 F 列数据有误');
  });

  it('maps columns by letter and moves a field', () => {
    expect([0, 25, 26, 27].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB']);
    expect(remapped({ columns: { building: 0, room: 3 }, priceUnit: 'wan' }, 'room', -1)).toEqual({ columns: { building: 0 }, priceUnit: 'wan' });
  });

  it('sends an edited unit in yuan, empty fields left out', () => {
    expect(unitOfValues('1-101', { building: '1栋', room: '101', unitNo: '', floor: 1, layout: null, area: 89.5, priceWan: 234.5678 })).toEqual({ id: '1-101', building: '1栋', room: '101', floor: 1, area: 89.5, price: 2_345_678 });
  });
});

describe('a grid delta', () => {
  const held = { asOfSeq: 10, buildings: [], cells: [cell('1-101', '1栋', 1, '101'), cell('1-102', '1栋', 1, '102')], names: { A: '王' } };

  it('replaces the moved cells in place and takes the delta\'s position, buildings and names', () => {
    const moved = cell('1-102', '1栋', 1, '102', { status: 'deposit', closer: 'B' });
    const merged = mergeDelta(held, { asOfSeq: 12, since: 10, buildings: [], cells: [moved], names: { B: '李' } });
    expect(merged?.asOfSeq).toBe(12);
    expect(merged?.cells.map((c) => [c.id, c.status])).toEqual([['1-101', 'free'], ['1-102', 'deposit']]);
    expect(merged?.names).toEqual({ A: '王', B: '李' });
  });

  it('is refused for another starting position, or a unit the grid never had (only the whole grid can place it)', () => {
    expect(mergeDelta(held, { asOfSeq: 12, since: 9, buildings: [], cells: [], names: {} })).toBeNull();
    expect(mergeDelta(held, { asOfSeq: 12, since: 10, buildings: [], cells: [cell('2-101', '2栋', 1, '101')], names: {} })).toBeNull();
  });
});
