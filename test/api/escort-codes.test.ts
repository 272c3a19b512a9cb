// CH-10 escort codes as a unit: six digits and a token per (project, report, broker, customer, window),
// accepted in their window and the next, expired after, and useless for any other report, broker or phone.
import { describe, expect, it } from 'vitest';
import { ESCORT_WINDOW_MS, EscortCodes } from '../../src/api/escort-codes.ts';

const codes = new EscortCodes(Buffer.alloc(32, 1));
const s = { project: 'p1', report: 12, broker: 'X', customer: '13900001111' };
const t0 = 1_780_000_000_000;

describe('escort codes', () => {
  it('are six digits and a token, the same for the same subject and window', () => {
    const a = codes.issue(s, t0);
    expect(a.code).toMatch(/^\d{6}$/);
    expect(codes.issue(s, t0).token).toBe(a.token);
    expect(a.expiresAt).toBeGreaterThan(t0 + ESCORT_WINDOW_MS - 1);
    expect(a.expiresAt).toBeLessThanOrEqual(t0 + 2 * ESCORT_WINDOW_MS);
  });

  it('are accepted until expiresAt, then expired', () => {
    const a = codes.issue(s, t0);
    expect(codes.check(s, { code: a.code }, a.expiresAt - 1)).toBe('ok');
    expect(codes.check(s, { token: a.token }, a.expiresAt - 1)).toBe('ok');
    expect(codes.check(s, { code: a.code }, a.expiresAt)).toBe('expired');
    expect(codes.check(s, { token: a.token }, a.expiresAt)).toBe('expired');
  });

  it('do not fit another report, broker, phone, project or secret', () => {
    const a = codes.issue(s, t0);
    for (const other of [{ ...s, report: 13 }, { ...s, broker: 'Y' }, { ...s, customer: '13900001112' }, { ...s, project: 'p2' }]) {
      expect(codes.check(other, { code: a.code }, t0)).not.toBe('ok');
      expect(codes.check(other, { token: a.token }, t0)).toBe('invalid');
    }
    expect(new EscortCodes(Buffer.alloc(32, 2)).check(s, { token: a.token }, t0)).toBe('invalid');
  });

  it('refuse malformed and future tokens', () => {
    const a = codes.issue(s, t0);
    const [v, r, w, mac] = a.token.split('.') as [string, string, string, string];
    expect(codes.check(s, { token: 'nonsense' }, t0)).toBe('invalid');
    expect(codes.check(s, { token: [v, r, String(Number(w) + 1), mac].join('.') }, t0)).toBe('invalid');
    expect(codes.check(s, { token: `${a.token}x` }, t0)).toBe('invalid');
    expect(codes.check(s, { code: '' }, t0)).toBe('invalid');
  });
});
