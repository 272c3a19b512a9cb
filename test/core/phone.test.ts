import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/metadata.max.json';
import { MAINLAND_MOBILE_PATTERN } from '../../src/core/mainland-mobile.ts';
import { maskPhone, normaliseMask, normalisePhone } from '../../src/core/phone.ts';

describe('REG-4 phone identity', () => {
  it.each(['+86 138-0013-8000', '138 0013 8000', '13800138000', '0086 13800138000', '+86 (138) 0013.8000'])('%s is 13800138000', (typed) => {
    expect(normalisePhone(typed)).toBe('13800138000');
  });
  it.each(['', '12345', '1380013800', '138001380001', 'abc', '138-0013-800O'])('%j is not a phone', (typed) => {
    expect(normalisePhone(typed)).toBeNull();
  });
  it('keeps foreign numbers in E.164', () => {
    expect(normalisePhone('+1 415 555 2671')).toBe('+14155552671');
  });
});

describe('CH-8 masks', () => {
  it('masks first three and last four, or first four and last three', () => {
    expect(maskPhone('13800138000', 'first3last4')).toBe('138****8000');
    expect(maskPhone('13800138000', 'first4last3')).toBe('1380****000');
  });
  it('reads a masked number as brokers type it', () => {
    expect(normaliseMask('138 **** 8000', 'first3last4')).toBe('138****8000');
    expect(normaliseMask('138***8000', 'first3last4')).toBeNull();
    expect(normaliseMask('138****8000', 'first4last3')).toBeNull();
  });
});

describe('REG-4 the mainland-mobile fast path agrees with the parser', () => {
  // The parser's own answer, without the fast path: the same steps normalisePhone takes after it.
  const parsed = (typed: string): string | null => {
    const trimmed = typed.trim().replace(/^00/, '+');
    if (trimmed === '' || /[^\d\s+\-().]/.test(trimmed)) return null;
    const p = parsePhoneNumberFromString(trimmed, 'CN');
    if (!p || !p.isValid()) return null;
    return p.countryCallingCode === '86' ? String(p.nationalNumber) : p.number;
  };
  const forms = (n: string): string[] => [n, `+86 ${n}`, `0086${n}`, `86${n}`, `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`, `(+86) ${n.slice(0, 3)} ${n.slice(3)}`, `86 ${n.slice(0, 3)}.${n.slice(3)}`];

  it('uses the CN mobile pattern of the metadata the parser validates with', () => {
    const types = (metadata as unknown as { countries: Record<string, unknown[]> }).countries['CN']?.[11] as unknown[][];
    expect(types[1]?.[0]).toBe(MAINLAND_MOBILE_PATTERN);
  });

  it('over every five-digit prefix 10000–19999, in the ways people type', () => {
    let disagreements: string[] = [];
    let fastValid = 0;
    for (let prefix = 10000; prefix <= 19999; prefix++) {
      for (const suffix of ['000000', '837261']) {
        for (const typed of forms(`${prefix}${suffix}`)) {
          const got = normalisePhone(typed);
          if (got !== parsed(typed)) disagreements.push(typed);
          if (got !== null) fastValid++;
        }
      }
    }
    disagreements = disagreements.slice(0, 10);
    expect(disagreements).toEqual([]);
    expect(fastValid).toBeGreaterThan(60_000); // most mobile prefixes are real: the sample is not trivially all-invalid
  });
});
