import { describe, expect, it } from 'vitest';
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
