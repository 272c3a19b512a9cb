// REP-4: each table of the report as a spreadsheet — Chinese headers, a title naming the filter, and typed
// cells (dates as dates in the project's local time, numbers as numbers). Pure: the xlsx writer (src/export)
// only lays these out. Rows are produced lazily so a large register streams.
import type { Engine } from '../../core/engine.ts';
import type { DealStage } from '../../core/facts.ts';
import { formatLocalTime, type Instant } from '../../core/time.ts';
import type { OfficeReport } from './office-report.ts';
import type { OrderRow } from './sales.report.ts';

export type CellKind = 'text' | 'number' | 'money' | 'date' | 'percent';
export type Cell = string | number | Date | null;

export interface SheetColumn {
  readonly header: string;
  readonly kind: CellKind;
  /** In characters (a CJK character counts two). */
  readonly width: number;
}

export interface SheetSpec {
  /** The worksheet's name (≤ 31 characters). */
  readonly name: string;
  /** The first row: what the sheet is and the filter it was made with. */
  readonly title: string;
  readonly columns: readonly SheetColumn[];
  readonly rows: Iterable<readonly Cell[]>;
}

export const SHEET_NAMES = {
  visits: '来人来电登记',
  conversion: '成交转化',
  deposits: '大定登记',
  subscriptions: '认购登记',
  contracts: '签约登记',
  sales: '销售统计',
  ranking: '置业顾问排名',
  compliance: '回访达标',
  lapsing: '保护期将到期',
} as const;
export type SheetName = keyof typeof SHEET_NAMES;

const PERIOD_WORDS = { day: '日报', week: '周报', month: '月报', range: '区间' } as const;
const STAGE_WORDS: Readonly<Record<DealStage, string>> = { smallDeposit: '小定', deposit: '大定', subscription: '认购', contract: '签约', fullPayment: '全款' };

/**
 * An instant as a Date whose UTC fields are the project's local wall time: spreadsheets have no zones, so the
 * cell reads as the office's clock did.
 */
export function wallClock(at: Instant, zone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(formatLocalTime(at, zone));
  if (!m) return new Date(at);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])));
}

const col = (header: string, kind: CellKind, width?: number): SheetColumn => ({ header, kind, width: width ?? (kind === 'date' ? 18 : Math.max(10, [...header].length * 2 + 2)) });

export interface SheetContext {
  readonly engine: Engine;
  readonly zone: string;
  readonly office: string;
}

export function reportSheet(sheet: SheetName, report: OfficeReport, ctx: SheetContext): SheetSpec {
  const { engine, zone } = ctx;
  const who = (id: string | null) => (id === null ? null : (engine.staff.get(id)?.name ?? id));
  const date = (at: Instant | null) => (at === null ? null : wallClock(at, zone));
  const p = report.period;
  const title = `${ctx.office} ${SHEET_NAMES[sheet]}（${PERIOD_WORDS[p.kind]} ${p.first === p.last ? p.first : `${p.first} 至 ${p.last}`}）`;
  const spec = (columns: SheetColumn[], rows: Iterable<readonly Cell[]>): SheetSpec => ({ name: SHEET_NAMES[sheet], title, columns, rows });
  const orderSheet = (rows: readonly OrderRow[]) =>
    spec(
      [col('日期', 'date'), col('阶段', 'text'), col('楼栋', 'text'), col('房号', 'text'), col('面积(㎡)', 'number'), col('总价(元)', 'money', 16), col('本次金额(元)', 'money', 16), col('客户', 'text'), col('电话', 'text', 14), col('置业顾问', 'text'), col('已退/违约', 'text')],
      (function* () {
        for (const r of rows) yield [date(r.at), STAGE_WORDS[r.stage], r.building, r.room ?? r.unit, r.area, r.price, r.amount, r.name, r.phone, who(r.closer), r.ended ? '是' : '否'];
      })(),
    );
  switch (sheet) {
    case 'visits':
      return spec(
        [col('日期时间', 'date'), col('类型', 'text'), col('客户', 'text'), col('电话', 'text', 14), col('新/老客户', 'text'), col('接待顾问', 'text'), col('认知途径', 'text'), col('诚意度', 'text'), col('区域', 'text'), col('物业类型', 'text'), col('意向房源', 'text', 16), col('预算(万元)', 'number'), col('渠道', 'text')],
        (function* () {
          for (const e of report.entries) {
            const d = e.details;
            yield [date(e.at), e.via === 'visit' ? '来访' : '来电', e.name, e.phone, e.isNew ? '新客户' : '老客户', who(e.consultant), d.source, d.grade, d.district, d.propertyType, d.units, d.budget, e.broker];
          }
        })(),
      );
    case 'conversion': {
      const rows: Cell[][] = [];
      const dims = [['置业顾问', report.conversion.byConsultant, true], ['认知途径', report.conversion.bySource, false], ['诚意度', report.conversion.byGrade, false], ['渠道', report.conversion.byBroker, false]] as const;
      for (const [dim, cells, staff] of dims)
        for (const c of cells) rows.push([dim, c.key === null ? '未登记' : staff ? who(c.key) : c.key, c.visitors.length, c.reached.smallDeposit.length, c.reached.deposit.length, c.reached.subscription.length, c.reached.contract.length, c.visitors.length === 0 ? 0 : c.reached.contract.length / c.visitors.length]);
      return spec([col('维度', 'text'), col('分组', 'text', 14), col('来访客户', 'number'), col('小定', 'number'), col('大定', 'number'), col('认购', 'number'), col('签约', 'number'), col('签约转化率', 'percent')], rows);
    }
    case 'deposits':
      return orderSheet(report.sales.registers.deposit);
    case 'subscriptions':
      return orderSheet(report.sales.registers.subscription);
    case 'contracts':
      return orderSheet(report.sales.registers.contract);
    case 'sales':
      return spec(
        [col('置业顾问', 'text'), col('套数', 'number'), col('面积(㎡)', 'number'), col('金额(元)', 'money', 18)],
        [...report.sales.byConsultant.map((t) => [who(t.key), t.orders.length, t.area, t.amount]), ['合计', report.sales.total.orders.length, report.sales.total.area, report.sales.total.amount]],
      );
    case 'ranking':
      return spec(
        [col('名次', 'number'), col('置业顾问', 'text'), col('来访', 'number'), col('新客户', 'number'), col('来电', 'number'), col('成交套数', 'number'), col('面积(㎡)', 'number'), col('金额(元)', 'money', 18), col('业绩', 'number'), col('转化率', 'percent')],
        report.ranking.map((r) => [r.rank, who(r.who), r.visits, r.newVisits, r.calls, r.sales.length, r.area, r.amount, r.credit, r.conversion]),
      );
    case 'compliance':
      return spec(
        [col('置业顾问', 'text'), col('客户', 'text'), col('电话', 'text', 14), col('首次来访', 'date'), col('回访次数', 'number'), col('应回访次数', 'number')],
        report.compliance.byConsultant.flatMap((r) => r.missed.map((m) => [who(r.who), m.name, m.phone, date(m.firstVisit), m.followUps, report.compliance.required])),
      );
    case 'lapsing':
      return spec(
        [col('置业顾问', 'text'), col('客户', 'text'), col('电话', 'text', 14), col('保护期至', 'date'), col('最近有效联系', 'date')],
        report.lapsing.map((l) => [who(l.owner), l.name, l.phone, date(l.protectedUntil), date(l.lastContact)]),
      );
    default:
      return sheet satisfies never;
  }
}
