// Issue 11.5: which day's summary the dashboard shows, from the clock given and the policy's hour — in the office's
// zone, across midnight, and on a day whose clocks change.
import { describe, expect, it } from 'vitest';
import { summaryDay } from '../../src/app/reports/daily-summary.ts';
import { STANDARD_POLICY, type Policy } from '../../src/core/policy.ts';
import { formatLocalTime, parseLocalTime } from '../../src/core/time.ts';

const policy = (at: string): Policy => ({ ...STANDARD_POLICY, reports: { ...STANDARD_POLICY.reports, dailySummaryAt: at } });
const local = (text: string, zone: string) => parseLocalTime(text, zone) as number;

describe('the daily summary day', () => {
  it('is yesterday before the hour and today from it (Asia/Shanghai, 21:00)', () => {
    const zone = 'Asia/Shanghai';
    const before = summaryDay(policy('21:00'), zone, local('2026-03-03 20:59', zone));
    expect([before.period.first, formatLocalTime(before.readyAt, zone), formatLocalTime(before.nextAt, zone)]).toEqual(['2026-03-02', '2026-03-02 21:00', '2026-03-03 21:00']);
    const at = summaryDay(policy('21:00'), zone, local('2026-03-03 21:00', zone));
    expect([at.period.first, formatLocalTime(at.readyAt, zone), formatLocalTime(at.nextAt, zone)]).toEqual(['2026-03-03', '2026-03-03 21:00', '2026-03-04 21:00']);
    const night = summaryDay(policy('21:00'), zone, local('2026-03-04 00:30', zone));
    expect(night.period.first).toBe('2026-03-03');
  });

  it('follows the knob: an office that reads its summary at 08:00 sees the day before until then', () => {
    const zone = 'Asia/Shanghai';
    expect(summaryDay(policy('08:00'), zone, local('2026-03-03 07:59', zone)).period.first).toBe('2026-03-02');
    expect(summaryDay(policy('08:00'), zone, local('2026-03-03 08:00', zone)).period.first).toBe('2026-03-03');
  });

  it('keeps the wall-clock hour on a day the clocks change (America/New_York, 2026-03-08)', () => {
    const zone = 'America/New_York';
    const day = summaryDay(policy('21:00'), zone, local('2026-03-08 21:30', zone));
    expect([day.period.first, formatLocalTime(day.readyAt, zone), formatLocalTime(day.nextAt, zone)]).toEqual(['2026-03-08', '2026-03-08 21:00', '2026-03-09 21:00']);
  });
});
