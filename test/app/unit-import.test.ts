// The unit list import (DEAL-1), pure: header recognition, each reason a row is refused, 万/元, the
// floor read from the room number, and re-importing the same sheet changing nothing.
import { describe, expect, it } from 'vitest';
import { gridOf, looksLikeUnitHeader, planImport, suggestMapping, type ColumnMapping, type ImportedUnit, type SheetGrid } from '../../src/app/units/unit-import.ts';
import { columnLetter } from '../../src/app/units/sheet-grid.ts';
import { floorFromRoom, readArea, readFloor, readPrice } from '../../src/app/units/unit-cells.ts';

/** A grid as an office's sheet: header on row 1, data from row 2. */
function grid(headers: string[], ...rows: string[][]): SheetGrid {
  return { headerRowNo: 1, headers, rows: rows.map((cells, i) => ({ rowNo: i + 2, cells })) };
}
const HEAD = ['楼栋', '单元', '楼层', '房号', '户型', '建筑面积', '总价(万元)'];
const mappingOf = (headers: string[]): ColumnMapping => suggestMapping(headers);

function accepted(plan: ReturnType<typeof planImport>) {
  if (!plan.ok) throw new Error(`refused: ${JSON.stringify(plan.badRows.length ? plan.badRows : plan.mappingProblems)}`);
  return plan;
}
function refused(plan: ReturnType<typeof planImport>) {
  if (plan.ok) throw new Error('accepted');
  return plan;
}
/** The codes of each bad row, for compact assertions. */
const codes = (plan: ReturnType<typeof planImport>) => refused(plan).badRows.map((b) => [b.rowNo, ...b.problems.map((p) => p.code)]);

describe('suggestMapping', () => {
  it('recognises the usual Chinese headers and their variants', () => {
    expect(suggestMapping(['楼号', '单元号', '所在楼层', '房间号', '房型', '建面', '标准总价']).columns).toEqual({
      building: 0, unitNo: 1, floor: 2, room: 3, layout: 4, area: 5, price: 6,
    });
    expect(suggestMapping(['栋号', '室号', '建筑面积(㎡)', '总价(元)']).columns).toEqual({ building: 0, room: 1, area: 2, price: 3 });
    expect(suggestMapping(['楼栋号', '房号', '面积（m²）', '表价']).columns).toEqual({ building: 0, room: 1, area: 2, price: 3 });
    expect(suggestMapping(['*楼 栋', '房 号*', '编号']).columns).toEqual({ building: 0, room: 1, id: 2 });
  });

  it('recognises full-width forms and English headers', () => {
    expect(suggestMapping(['Building', 'Floor', 'Room No.', 'Layout', 'GFA (m2)', 'List Price']).columns).toEqual({
      building: 0, floor: 1, room: 2, layout: 3, area: 4, price: 5,
    });
    expect(suggestMapping(['楼栋', '房号', '建筑面积（㎡）', '总价（万元）']).priceUnit).toBe('wan');
  });

  it('lets the unit in the price header decide 万 or 元', () => {
    expect(suggestMapping(['楼栋', '房号', '总价(万元)']).priceUnit).toBe('wan');
    expect(suggestMapping(['楼栋', '房号', '总价/万']).priceUnit).toBe('wan');
    expect(suggestMapping(['楼栋', '房号', '总价万元']).priceUnit).toBe('wan');
    expect(suggestMapping(['楼栋', '房号', '总价(元)']).priceUnit).toBe('yuan');
    expect(suggestMapping(['楼栋', '房号', '总价']).priceUnit).toBe('yuan');
  });

  it('prefers the 建筑面积 and the list price over 套内面积, 单价 and 成交价', () => {
    const s = suggestMapping(['楼栋', '房号', '套内面积', '建筑面积(㎡)', '单价(元/㎡)', '成交总价', '标准总价(元)']);
    expect(s.columns).toMatchObject({ area: 3, price: 6 });
    expect(s.unmapped).toEqual([2, 4, 5]);
  });

  it('keeps 单元 the entrance (its 元 is not a price unit) and English unit the room', () => {
    expect(suggestMapping(['楼栋', '单元', '房号']).columns).toEqual({ building: 0, unitNo: 1, room: 2 });
    expect(suggestMapping(['Building', 'Unit']).columns).toEqual({ building: 0, room: 1 });
  });

  it('names the required columns it could not find', () => {
    expect(suggestMapping(['名称', '面积']).missing).toEqual(['building', 'room']);
    expect(looksLikeUnitHeader(['锦绣花园价目表'])).toBe(false);
    expect(looksLikeUnitHeader(HEAD)).toBe(true);
  });
});

describe('reading cells', () => {
  it('reads floors as offices write them', () => {
    expect(['12', '12层', '第12层', '12F', '12楼', '12.0', 'B2', '负1', '地下1', '-1'].map((t) => readFloor(t))).toEqual(
      [12, 12, 12, 12, 12, 12, -2, -1, -1, -1].map((value) => ({ ok: true, value })),
    );
    expect(readFloor('12.5')).toEqual({ ok: false, code: 'floor_not_integer' });
    expect(readFloor('十二')).toEqual({ ok: false, code: 'floor_not_integer' });
    expect(readFloor('0')).toEqual({ ok: false, code: 'floor_out_of_range' });
  });

  it('reads the floor from the room number', () => {
    expect(['1201', '0301', '301', '3201', '12A', '01'].map(floorFromRoom)).toEqual([12, 3, 3, 32, null, null]);
  });

  it('reads areas with their unit', () => {
    for (const t of ['89.5', '89.50㎡', '89.5 m²', '89.5m2', '89.5平方米', '８９.５']) expect(readArea(t.normalize('NFKC'))).toEqual({ ok: true, value: 89.5 });
    expect(readArea('-3')).toEqual({ ok: false, code: 'area_not_positive' });
    expect(readArea('约90')).toEqual({ ok: false, code: 'area_not_a_number' });
  });

  it('reads prices: 万 in the cell wins, else the column unit; commas and ¥', () => {
    expect(readPrice('235万', 'yuan')).toEqual({ ok: true, value: 2_350_000 });
    expect(readPrice('235.37万元', 'yuan')).toEqual({ ok: true, value: 2_353_700 });
    expect(readPrice('235', 'wan')).toEqual({ ok: true, value: 2_350_000 });
    expect(readPrice('2350000元', 'wan')).toEqual({ ok: true, value: 2_350_000 });
    expect(readPrice('¥2,350,000', 'yuan')).toEqual({ ok: true, value: 2_350_000 });
    expect(readPrice('￥2,350,000.50'.normalize('NFKC'), 'yuan')).toEqual({ ok: true, value: 2_350_000.5 });
    expect(readPrice('0', 'yuan')).toEqual({ ok: false, code: 'price_not_positive' });
    expect(readPrice('二百万', 'yuan')).toEqual({ ok: false, code: 'price_not_a_number' });
  });
});

describe('planImport', () => {
  const sheet = grid(
    HEAD,
    ['1栋', '1单元', '12', '1201', '三室两厅', '125.32㎡', '325.5'],
    ['1栋', '1单元', '', '0301', '两室两厅', '89.46', '235万'],
    ['2栋', '', '', '301室', '3房', '', '待定'],
  );

  it('turns rows into units: ids, 万 prices, derived floors, placeholders as empty', () => {
    const plan = accepted(planImport(sheet, mappingOf(HEAD), []));
    expect(plan.add.map((a) => a.unit)).toEqual<ImportedUnit[]>([
      { id: '1栋-1单元-1201', building: '1栋', unitNo: '1单元', floor: 12, room: '1201', layout: '三室两厅', area: 125.32, price: 3_255_000 },
      { id: '1栋-1单元-0301', building: '1栋', unitNo: '1单元', floor: 3, room: '0301', layout: '两室两厅', area: 89.46, price: 2_350_000 },
      { id: '2栋-301', building: '2栋', unitNo: null, floor: 3, room: '301', layout: '3房', area: null, price: null },
    ]);
    expect(plan.add.map((a) => a.rowNo)).toEqual([2, 3, 4]);
  });

  it('reads a bare price as yuan when the header says 元', () => {
    const head = ['楼栋', '房号', '总价(元)'];
    const plan = accepted(planImport(grid(head, ['1栋', '1201', '3,255,000']), mappingOf(head), []));
    expect(plan.add[0]?.unit.price).toBe(3_255_000);
  });

  it('uses the sheet’s own id column when it has one', () => {
    const head = ['房源编号', '楼栋', '房号'];
    const plan = accepted(planImport(grid(head, ['A-001', '1栋', '1201'], ['', '1栋', '1202']), mappingOf(head), []));
    expect(plan.add.map((a) => a.unit.id)).toEqual(['A-001', '1栋-1202']);
  });

  it('re-importing the same sheet against the units it produced changes nothing', () => {
    const first = accepted(planImport(sheet, mappingOf(HEAD), []));
    const again = accepted(planImport(sheet, mappingOf(HEAD), first.add.map((a) => a.unit)));
    expect([again.add.length, again.edit.length, again.unchanged.length]).toEqual([0, 0, 3]);
  });

  it('names the fields an edit changes and the units the sheet does not list', () => {
    const existing = accepted(planImport(sheet, mappingOf(HEAD), [])).add.map((a) => a.unit);
    const office = [...existing, { id: '9栋-101', building: '9栋', unitNo: null, floor: 1, room: '101', layout: null, area: null, price: null }];
    const edited = grid(HEAD, ['1栋', '1单元', '12', '1201', '三室两厅', '125.32', '330'], ['1栋', '1单元', '', '0301', '两室两厅', '89.46', '235万']);
    const plan = accepted(planImport(edited, mappingOf(HEAD), office));
    expect(plan.edit.map((e) => [e.rowNo, e.after.id, e.fields, e.before.price, e.after.price])).toEqual([[2, '1栋-1单元-1201', ['price'], 3_255_000, 3_300_000]]);
    expect(plan.unchanged.map((u) => u.unit.id)).toEqual(['1栋-1单元-0301']);
    expect(plan.absent).toEqual(['2栋-301', '9栋-101']);
  });

  it('keeps what the office has for a column the sheet leaves out; an empty mapped cell clears it', () => {
    const existing = accepted(planImport(sheet, mappingOf(HEAD), [])).add.map((a) => a.unit);
    const head = ['楼栋', '单元', '房号', '户型'];
    const plan = accepted(planImport(grid(head, ['1栋', '1单元', '1201', '']), mappingOf(head), existing));
    expect(plan.edit.map((e) => [e.fields, e.after.price, e.after.area, e.after.layout])).toEqual([[['layout'], 3_255_000, 125.32, null]]);
  });

  it('refuses the whole sheet when any row is bad, naming every problem with its row number', () => {
    const bad = grid(
      HEAD,
      ['1栋', '1单元', '12', '1201', '', '125.32', '325.5'],
      ['', '1单元', '12', '1202', '', '125.32', '325.5'],
      ['1栋', '1单元', '12层半', '1203', '', '125.32', '325.5'],
      ['1栋', '1单元', '12', '1204', '', '-5', '325.5'],
      ['1栋', '1单元', '12', '1205', '', '约90', '325.5'],
      ['1栋', '1单元', '12', '1206', '', '125.32', '三百万'],
      ['1栋', '1单元', '12', '1207', '', '125.32', '0'],
      ['1栋', '1单元', '12', '', '', '125.32', '325.5'],
      ['1栋', '1单元', '', '12A', '', '125.32', '325.5'],
      ['1栋', '1单元', '12', '1201', '', '125.32', '325.5'],
      ['1栋', '1单元', '0', '1208', '', '0', 'x'],
    );
    const plan = refused(planImport(bad, mappingOf(HEAD), []));
    expect(codes(plan)).toEqual([
      [3, 'building_missing'],
      [4, 'floor_not_integer'],
      [5, 'area_not_positive'],
      [6, 'area_not_a_number'],
      [7, 'price_not_a_number'],
      [8, 'price_not_positive'],
      [9, 'room_missing'],
      [10, 'floor_missing'],
      [11, 'duplicate_id'],
      [12, 'floor_out_of_range', 'area_not_positive', 'price_not_a_number'],
    ]);
    expect(plan.rowCount).toBe(11);
    const dup = plan.badRows.find((b) => b.rowNo === 11)?.problems[0];
    expect(dup).toMatchObject({ field: 'id', params: { id: '1栋-1单元-1201', firstRow: 2 }, text: 'unit 1栋-1单元-1201 is already on row 2' });
    expect(plan.badRows[1]?.problems[0]).toMatchObject({ field: 'floor', params: { column: 'C', value: '12层半' }, text: 'floor "12层半" is not a whole number' });
  });

  it('says which column a problem is in, and none when the sheet has no such column', () => {
    const head = ['楼栋', '房号'];
    const plan = refused(planImport(grid(head, ['1栋', '12A']), mappingOf(head), []));
    expect(plan.badRows[0]?.problems[0]).toMatchObject({ code: 'floor_missing', params: { column: null, room: '12A' } });
  });

  it('refuses a price that cannot be per m² what the column unit says (万 read as 元)', () => {
    const head = ['楼栋', '房号', '建筑面积', '总价'];
    const plan = refused(planImport(grid(head, ['1栋', '1201', '89.46', '235']), mappingOf(head), []));
    expect(plan.badRows[0]?.problems[0]).toMatchObject({ code: 'price_implausible', params: { price: 235, area: 89.46, perM2: 3 } });
  });

  it('refuses a duplicate building-unit-room even under different sheet ids', () => {
    const head = ['编号', '楼栋', '房号'];
    const plan = refused(planImport(grid(head, ['A1', '1栋', '1201'], ['A2', '1栋', '1201室']), mappingOf(head), []));
    expect(codes(plan)).toEqual([[3, 'duplicate_unit']]);
  });

  it('refuses an unusable mapping before reading rows', () => {
    const plan = refused(planImport(sheet, { columns: { building: 0, floor: 0, price: 9 }, priceUnit: 'yuan' }, []));
    expect(plan.mappingProblems.map((p) => [p.code, p.field])).toEqual([
      ['column_required', 'room'],
      ['column_used_twice', 'floor'],
      ['column_not_in_sheet', 'price'],
    ]);
    expect(plan.badRows).toEqual([]);
  });

  it('passes over blank rows and the 合计 line under the list', () => {
    const withTotal = grid(HEAD, ['1栋', '1单元', '12', '1201', '', '125.32', '325.5'], ['', '', '', '', '', '', ''], ['合计', '', '', '', '', '125.32', '325.5']);
    const plan = accepted(planImport(withTotal, mappingOf(HEAD), []));
    expect(plan.add).toHaveLength(1);
    expect(plan.skipped).toEqual([{ rowNo: 3, why: 'blank' }, { rowNo: 4, why: 'total' }]);
  });

  it('folds full-width digits and spaces so ids are stable across input methods', () => {
    const plan = accepted(planImport(grid(['楼栋', '房号'], [' １栋 ', '１２０１']), mappingOf(['楼栋', '房号']), []));
    expect(plan.add[0]?.unit).toMatchObject({ id: '1栋-1201', floor: 12 });
  });
});

describe('gridOf', () => {
  it('finds the header under a title line', () => {
    const rows = [
      { rowNo: 1, cells: ['锦绣花园一期 房源价目表'] },
      { rowNo: 2, cells: ['制表日期：2026-03-01'] },
      { rowNo: 3, cells: HEAD },
      { rowNo: 4, cells: ['1栋', '1单元', '12', '1201', '', '125.32', '325.5'] },
    ];
    const g = gridOf(rows, looksLikeUnitHeader);
    expect([g.headerRowNo, g.headers, g.rows.map((r) => r.rowNo)]).toEqual([3, HEAD, [4]]);
  });

  it('takes the first row when no row looks like a header', () => {
    expect(gridOf([{ rowNo: 1, cells: ['a'] }, { rowNo: 2, cells: ['b'] }], looksLikeUnitHeader).headerRowNo).toBe(1);
  });

  it('letters columns as Excel does', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});
