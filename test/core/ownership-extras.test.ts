// The pure pieces of issue 12 item 3: OWN-9's turn, OWN-13's register lookup, OWN-11's sweep instant.
import { describe, expect, it } from 'vitest';
import { frozenOwner, type FrozenRegister } from '../../src/core/frozen-register.rules.ts';
import { introducedTurn } from '../../src/core/introduced.rules.ts';
import type { PhoneKey } from '../../src/core/phone.ts';
import { formatLocalTime, monthStartOnOrAfter, parseLocalTime } from '../../src/core/time.ts';

const given = (...to: string[]) => to.map((who, i) => ({ seq: i + 1, at: i, to: who }));

describe('OWN-9: introduced customers in turn', () => {
  it('starts with the first consultant and goes round after the last one given', () => {
    expect(introducedTurn(['A', 'B', 'C'], [])?.who).toBe('A');
    expect(introducedTurn(['A', 'B', 'C'], given('A'))?.who).toBe('B');
    expect(introducedTurn(['A', 'B', 'C'], given('A', 'B', 'C'))?.who).toBe('A');
  });
  it('passes over someone who cannot take one now, and goes on to whoever was never given one', () => {
    // B (given the last) is suspended: of A and C, C was never given one.
    expect(introducedTurn(['A', 'C'], given('A', 'B'))?.who).toBe('C');
    expect(introducedTurn(['A', 'C'], given('A', 'C', 'B'))?.who).toBe('A');
  });
  it('names nobody when nobody can take a customer, and explains the turn with OWN-9', () => {
    expect(introducedTurn([], given('A'))).toBeNull();
    expect(introducedTurn(['A', 'B'], given('A'))?.reason).toMatchObject({ rule: 'OWN-9', code: 'introducedTurn', params: { who: 'B', last: 'A', assigned: 1 } });
  });
});

describe('OWN-13: the frozen register', () => {
  const key = (s: string) => s as PhoneKey;
  const register = (seq: number, at: number, owners: [string, string][]): FrozenRegister => ({ seq, at, by: 'M', owners: new Map(owners.map(([p, o]) => [key(p), o])) });
  const registers = [register(5, 100, [['1', 'A'], ['2', 'B']]), register(9, 200, [['1', 'C']])];

  it('the last register frozen before the order decides, for any member of the household', () => {
    expect(frozenOwner(registers, [key('1')], 150)?.owner).toBe('A');
    expect(frozenOwner(registers, [key('x'), key('1')], 250)?.owner).toBe('C');
    expect(frozenOwner(registers, [key('1')], 150)?.reason).toMatchObject({ rule: 'OWN-13', code: 'frozenRegister', params: { owner: 'A', frozenAt: 100 }, record: { seq: 5, type: 'registerFrozen' } });
  });
  it('a customer the last register leaves out, an order before any freeze: not decided by a register', () => {
    expect(frozenOwner(registers, [key('2')], 250)).toBeNull();
    expect(frozenOwner(registers, [key('1')], 100)).toBeNull();
  });
});

describe('OWN-11: when the monthly sweep happens', () => {
  const z = 'Asia/Shanghai';
  const at = (s: string, zone = z) => parseLocalTime(s, zone) as number;
  it('the first instant of the next local month, or the instant itself when it is one', () => {
    expect(formatLocalTime(monthStartOnOrAfter(at('2026-04-10 10:00'), z), z)).toBe('2026-05-01 00:00');
    expect(formatLocalTime(monthStartOnOrAfter(at('2026-05-01 00:00'), z), z)).toBe('2026-05-01 00:00');
    expect(formatLocalTime(monthStartOnOrAfter(at('2026-12-31 23:59'), z), z)).toBe('2027-01-01 00:00');
  });
  it('in a zone with daylight saving the sweep is still the local midnight of the 1st', () => {
    const santiago = 'America/Santiago';
    const start = monthStartOnOrAfter(at('2024-08-20 12:00', santiago), santiago);
    expect(formatLocalTime(start, santiago)).toBe('2024-09-01 00:00');
    expect(start).toBeGreaterThan(at('2024-08-31 23:59', santiago));
  });
});
