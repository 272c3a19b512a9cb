// Instants on every screen read in the project's zone, whatever the browser's zone (here TZ=Asia/Shanghai).
import { describe, expect, it } from 'vitest';
import { clock, dateTime, monthOf } from '../../src/web/shared/format-time.ts';
import { recentMonths } from '../../src/web/shared/months.ts';

const AT = Date.UTC(2026, 11, 31, 17, 5); // 2027-01-01 01:05 in Shanghai, 2026-12-31 12:05 in New York

describe('project time', () => {
  it('formats in the zone given, not the machine’s', () => {
    expect(dateTime(AT, 'Asia/Shanghai')).toBe('2027-01-01 01:05');
    expect(dateTime(AT, 'America/New_York')).toBe('2026-12-31 12:05');
    expect(clock(AT, 'zh-CN', 'America/New_York')).toBe('12:05');
    expect(clock(Date.UTC(2026, 0, 1, 16, 0), 'en', 'Asia/Shanghai')).toBe('00:00');
  });

  it('names months in the zone, across a year end', () => {
    expect(monthOf(AT, 'Asia/Shanghai')).toBe('2027-01');
    expect(recentMonths(AT, 3, 'Asia/Shanghai')).toEqual(['2027-01', '2026-12', '2026-11']);
    expect(recentMonths(AT, 2, 'America/New_York')).toEqual(['2026-12', '2026-11']);
  });
});
