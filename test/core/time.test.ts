// Local days (ROT-1, ROT-8 and the same-day rules): the memoised calendar gives exactly what luxon gives, in any zone.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatLocalTime, HOUR_MS, LocalCalendar, localDay, MINUTE_MS } from '../../src/core/time.ts';

// Shanghai (the default, no DST), DST at 01:00/02:00 local, DST that skips or repeats midnight, a 30-minute DST
// change, and offsets that are not whole hours.
const ZONES = ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'America/Santiago', 'Asia/Beirut', 'America/Havana', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Asia/Kolkata'];

describe('local days', () => {
  it.each(ZONES)('consecutive days in %s tile the year with neither gap nor overlap', (zone) => {
    const endAt = DateTime.fromISO('2025-01-01T00:00', { zone }).toMillis();
    let day = localDay(DateTime.fromISO('2024-01-01T12:00', { zone }).toMillis(), zone);
    let days = 0;
    while (day.end < endAt) {
      const next = localDay(day.end, zone);
      expect(next.start, `${zone}: ${day.key} ends where ${next.key} starts`).toBe(day.end);
      expect(next.key > day.key, `${zone}: ${next.key} follows ${day.key}`).toBe(true);
      day = next;
      days++;
    }
    expect(days).toBe(365); // 2024 is a leap year: 366 days, the first one not counted
  });

  it.each(ZONES)('the calendar of %s answers as localDay all year round, in any order', (zone) => {
    const calendar = new LocalCalendar(zone);
    const from = DateTime.fromISO('2024-01-01T00:00', { zone }).toMillis();
    // A step of 2 h 47 min 13 s lands on every quarter of an hour of the day many times over the year, DST days included;
    // each day's first instant and the one just before it are asked about too.
    const instants: number[] = [];
    for (let t = from; t < from + 366 * 24 * HOUR_MS; t += 167 * MINUTE_MS + 13_000) instants.push(t);
    for (let day = localDay(from, zone); day.start < from + 366 * 24 * HOUR_MS; day = localDay(day.end, zone)) instants.push(day.start, day.start - 1);
    const expected = new Map(instants.map((t) => [t, localDay(t, zone)]));
    // Forwards, then backwards: the answer must not depend on which days were asked about before.
    for (const t of [...instants, ...[...instants].reverse()]) expect(calendar.dayOf(t), `${zone} at ${t}`).toEqual(expected.get(t));
  });
});

describe('formatLocalTime (the quarter-hour offset cache) writes what luxon writes', () => {
  const ZONES = ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kathmandu', 'Pacific/Chatham', 'Europe/London', 'America/Havana'];
  const luxon = (at: number, zone: string) => DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM-dd HH:mm');

  it('for random instants from 1890 to 2100 in zones with DST, half-hour and 45-minute offsets, and old local mean time', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1890, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...ZONES), (at, zone) => {
        expect(formatLocalTime(at, zone)).toBe(luxon(at, zone));
      }),
      { numRuns: 5000, seed: 13 },
    );
  });

  it('minute by minute across daylight-saving changes (New York, Lord Howe’s half hour, Havana’s midnight)', () => {
    const days = [
      ['America/New_York', Date.UTC(2026, 2, 8, 4)],
      ['America/New_York', Date.UTC(2026, 10, 1, 4)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 12)],
      ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 13)],
      ['America/Havana', Date.UTC(2026, 2, 8, 3)],
    ] as const;
    for (const [zone, from] of days) for (let at = from; at < from + 6 * HOUR_MS; at += MINUTE_MS + 7_000) expect(formatLocalTime(at, zone)).toBe(luxon(at, zone));
  });

  it('leaves what luxon cannot format to luxon (an unknown zone, an instant out of range)', () => {
    expect(formatLocalTime(Date.UTC(2026, 0, 1), 'Mars/Olympus')).toBe(luxon(Date.UTC(2026, 0, 1), 'Mars/Olympus'));
    expect(formatLocalTime(Number.NaN, 'Asia/Shanghai')).toBe(luxon(Number.NaN, 'Asia/Shanghai'));
    expect(formatLocalTime(8.64e15 + 1, 'Asia/Shanghai')).toBe(luxon(8.64e15 + 1, 'Asia/Shanghai'));
  });
});
