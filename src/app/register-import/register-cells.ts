// Reading one cell of a paper-era register as the office wrote it: dates in the ways offices write them
// (2025-03-04 14:30, 2025/3/4, 2025年3月4日 下午2:30, 2025.3.4), 来访/来电/跟进, 男/女, 是/否, 电话/短信/微信.
import type { ContactVia } from '../../core/facts.ts';
import { DAY_MS, formatLocalTime, localDay, parseLocalTime, type Instant } from '../../core/time.ts';
import type { EntryKind } from './register-columns.ts';

const pad = (n: string) => n.padStart(2, '0');

/** A date (and maybe a time) of the register → `YYYY-MM-DD HH:mm` local; null when it is not one. */
function wallTimeOf(dateText: string, timeText: string): string | null {
  const text = `${dateText} ${timeText}`.normalize('NFKC').trim();
  const d = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(.*)$/.exec(text);
  if (!d) return null;
  const [, y, mo, day, rest = ''] = d as unknown as [string, string, string, string, string];
  let clock = rest.trim();
  let afternoon = false;
  if (/^(下午|晚上|pm)/i.test(clock)) afternoon = true;
  clock = clock.replace(/^(上午|早上|中午|下午|晚上|am|pm)\s*/i, '');
  let h = '00';
  let m = '00';
  if (clock !== '') {
    const t = /^(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?(?:[:：]\d{1,2}(?:\.\d+)?)?\s*$/.exec(clock) ?? /^(\d{1,2})\s*[时点]\s*$/.exec(clock);
    if (!t) return null;
    let hour = Number(t[1]);
    if (afternoon && hour < 12) hour += 12;
    if (hour > 23) return null;
    h = String(hour);
    m = t[2] ?? '00';
  }
  return `${y}-${pad(mo)}-${pad(day)} ${pad(h)}:${pad(m)}`;
}

/** The instant a register row gives, in the office's zone; null when the cells are not a date. */
export function registerTime(dateText: string, timeText: string, zone: string): Instant | null {
  const wall = wallTimeOf(dateText, timeText);
  if (wall === null) return null;
  const hours = Number(wall.slice(11, 13));
  const minutes = Number(wall.slice(14, 16));
  if (minutes > 59) return null;
  // A register's rows fall on few distinct days: each local day is looked up in the zone once (luxon is slow). On a
  // day of 24 hours the wall clock is the day's start plus the time; a day with a DST change asks luxon for each row.
  const key = `${zone}|${wall.slice(0, 10)}`;
  let day = DAYS.get(key);
  if (day === undefined) {
    const start = parseLocalTime(`${wall.slice(0, 10)} 00:00`, zone);
    day = start === null || formatLocalTime(start, zone).slice(0, 10) !== wall.slice(0, 10) ? null : { start, plain: localDay(start, zone).end - start === DAY_MS };
    if (DAYS.size > 100_000) DAYS.clear();
    DAYS.set(key, day);
  }
  if (day === null) return null;
  return day.plain ? day.start + hours * 3_600_000 + minutes * 60_000 : parseLocalTime(wall, zone);
}

/** Local day (`zone|YYYY-MM-DD`) → its first instant and whether it has 24 hours; null when no such day (2025-02-30). */
const DAYS = new Map<string, { readonly start: Instant; readonly plain: boolean } | null>();

const KIND_WORDS: Readonly<Record<string, EntryKind>> = {
  来访: 'visit', 到访: 'visit', 来人: 'visit', 访: 'visit', visit: 'visit',
  来电: 'call', 电话: 'call', 电: 'call', call: 'call',
  跟进: 'followUp', 回访: 'followUp', 跟踪: 'followUp', followup: 'followUp',
};

/** 来访 / 来电 / 跟进 (and their variants) → the kind; null when the cell says something else. */
export function kindOf(text: string): EntryKind | null {
  return KIND_WORDS[text.normalize('NFKC').replace(/\s|-/g, '').toLowerCase()] ?? null;
}

export function genderOf(text: string): 'M' | 'F' | null {
  const t = text.normalize('NFKC').trim().toLowerCase();
  if (['男', 'm', 'male', '先生'].includes(t)) return 'M';
  if (['女', 'f', 'female', '女士'].includes(t)) return 'F';
  return null;
}

const VIA_WORDS: Readonly<Record<string, ContactVia>> = { 电话: 'call', 致电: 'call', call: 'call', 短信: 'sms', sms: 'sms', 上门: 'visit', 来访: 'visit', 面谈: 'visit', visit: 'visit', 微信: 'wechat', wechat: 'wechat' };

export function contactViaOf(text: string): ContactVia | null {
  return VIA_WORDS[text.normalize('NFKC').trim().toLowerCase()] ?? null;
}

export function reachedOf(text: string): boolean | null {
  const t = text.normalize('NFKC').trim().toLowerCase();
  if (['是', '接通', '已接通', '联系上', '有', 'y', 'yes', 'true', '1', '√'].includes(t)) return true;
  if (['否', '未接通', '未接', '没接', '未联系上', '无', 'n', 'no', 'false', '0', '×'].includes(t)) return false;
  return null;
}

/** 预算 in 万元: "150", "150万", "1,500,000元" → 150; null when not a number. */
export function budgetOf(text: string): number | null {
  const t = text.normalize('NFKC').replace(/[,\s]/g, '');
  const m = /^(\d+(?:\.\d+)?)(万元|万|元)?$/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === '元' ? n / 10_000 : n;
}
