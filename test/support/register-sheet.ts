// A paper-era register for the import tests (issue 11.4): visits, calls and follow-ups of an office's last
// years under its own Chinese headers, with a chosen fraction of rows made bad in known ways — bad phone,
// missing name, date in the future, unreadable date, a duplicate inside the file, an entry the live register
// already has, a consultant the office does not have — so a test can check the import rejects exactly those.
// Deterministic: a seeded generator.
import { mulberry32 } from '../../bench/history.ts';
import type { RejectCode } from '../../src/app/register-import/register-import-plan.ts';
import { formatLocalTime, type Instant } from '../../src/core/time.ts';

export const REGISTER_HEADERS = ['登记日期', '时间', '类型', '客户姓名', '性别', '联系电话', '置业顾问', '客户需求', '认知途径', '诚意度', '跟进方式', '是否接通'] as const;

export interface RegisterSheetOptions {
  readonly rows: number;
  /** Share of rows made bad, spread through the file. */
  readonly badFraction?: number;
  readonly seed?: number;
  /** The consultants' names as the office's roster has them. */
  readonly consultants: readonly string[];
  /** The import's "now": every good row is before it; the file covers `days` days up to it. */
  readonly now: Instant;
  readonly days?: number;
  readonly zone: string;
  /** Live entries the office already has (phone, local day): rows made "already registered" use them. */
  readonly live?: readonly { readonly phone: string; readonly at: Instant }[];
}

export interface RegisterSheet {
  readonly rows: readonly (readonly string[])[];
  /** Each bad row (spreadsheet row number: the header is row 1) and the reason it was made to have. */
  readonly bad: ReadonlyMap<number, RejectCode>;
}

const KINDS = ['来访', '来电', '跟进'] as const;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const SOURCES = ['路过', '朋友介绍', '网络', '户外广告'];
const DEFECTS: readonly RejectCode[] = ['bad_phone', 'missing_name', 'future_date', 'bad_date', 'duplicate_in_file', 'already_registered', 'unknown_consultant'];

/** Phone i of the register: distinct 11-digit mobiles (1370…, 1380…). */
export const registerPhone = (i: number): string => `13${7 + Math.floor(i / 100_000_000)}${String(i % 100_000_000).padStart(8, '0')}`;

export function registerSheet(o: RegisterSheetOptions): RegisterSheet {
  const random = mulberry32(o.seed ?? 11);
  const days = o.days ?? 720;
  const minute = 60_000;
  const f = o.badFraction ?? 0;
  const rows: string[][] = [];
  const bad = new Map<number, RejectCode>();
  const good: string[][] = [];
  let defect = 0;
  let live = 0;
  for (let i = 0; i < o.rows; i++) {
    const rowNo = i + 2;
    // Distinct minutes, oldest first, never later than a minute before now.
    const at = o.now - Math.floor(((o.rows - i) / o.rows) * days * 1440) * minute - minute;
    const [day, clock] = formatLocalTime(at, o.zone).split(' ') as [string, string];
    const kind = KINDS[i % 3] as string;
    const consultant = o.consultants[i % o.consultants.length] as string;
    const surname = SURNAMES[Math.floor(random() * SURNAMES.length)] as string;
    // A customer is visited, called and followed up: three consecutive rows share a phone, on different days.
    const row = [day, clock, kind, kind === '跟进' ? '' : `${surname}先生`, random() < 0.5 ? '男' : '女', registerPhone(Math.floor(i / 3)), consultant, kind === '跟进' ? '' : '三房', kind === '跟进' ? '' : (SOURCES[i % SOURCES.length] as string), kind === '跟进' ? '' : 'B', kind === '跟进' ? '电话' : '', kind === '跟进' ? '是' : ''];
    // Exactly rows × fraction bad rows, spread evenly.
    if (Math.floor((i + 1) * f + 1e-9) > Math.floor(i * f + 1e-9)) {
      let code = DEFECTS[defect++ % DEFECTS.length] as RejectCode;
      if (code === 'duplicate_in_file' && good.length === 0) code = 'bad_phone';
      if (code === 'already_registered' && (o.live?.length ?? 0) === 0) code = 'unknown_consultant';
      switch (code) {
        case 'bad_phone':
          row[5] = `1${String(i).slice(0, 6)}`;
          break;
        case 'missing_name':
          row[2] = '来访';
          row[3] = '';
          row[7] = '三房';
          break;
        case 'future_date':
          row[0] = formatLocalTime(o.now + 3 * 86_400_000, o.zone).slice(0, 10);
          break;
        case 'bad_date':
          row[0] = '去年春天';
          break;
        case 'duplicate_in_file': {
          const copy = good[Math.floor(random() * good.length)] as string[];
          rows.push([...copy]);
          bad.set(rowNo, code);
          continue;
        }
        case 'already_registered': {
          const entry = (o.live as NonNullable<typeof o.live>)[live++ % (o.live as NonNullable<typeof o.live>).length] as { phone: string; at: Instant };
          const [liveDay] = formatLocalTime(entry.at, o.zone).split(' ') as [string];
          row[0] = liveDay;
          row[1] = '08:00';
          row[2] = '来访';
          row[3] = '孙先生';
          row[5] = entry.phone;
          row[7] = '三房';
          break;
        }
        default:
          row[6] = '不在职的人';
      }
      rows.push(row);
      bad.set(rowNo, code);
      continue;
    }
    rows.push(row);
    good.push(row);
  }
  return { rows, bad };
}

/** The register as a CSV file (UTF-8 with a BOM, as Excel saves "CSV UTF-8"). */
export function registerCsv(sheet: RegisterSheet, headers: readonly string[] = REGISTER_HEADERS): Buffer {
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const lines = [headers.join(','), ...sheet.rows.map((r) => r.map(quote).join(','))];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]);
}
