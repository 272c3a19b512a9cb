// The broker side's pure pieces of the web app: the CH-8 masks the report form sends, what the desk's
// escort field accepts (six digits typed, or a scanned token), and the countdown's wording.
import { describe, expect, it } from 'vitest';
import { countdownParts } from '../../src/web/broker/countdown-parts.ts';
import { fullNumberProblem, maskedNumber, maskPartProblem } from '../../src/web/broker/masked-phone.ts';
import { readEscortCode, spacedDigits } from '../../src/web/shared/escort-code-text.ts';

describe('the broker portal (CH-8, CH-10)', () => {
  it('masks 前三后四 and 前四后三 into eleven characters', () => {
    expect(maskedNumber('first3last4', '138', '5678')).toBe('138****5678');
    expect(maskedNumber('first4last3', '1380', '678')).toBe('1380****678');
  });

  it('asks for exactly the digits each part of a mask has', () => {
    expect(maskPartProblem('138', 3)).toBeNull();
    expect(maskPartProblem('13', 3)).toBe('broker.maskDigits');
    expect(maskPartProblem('13a', 3)).toBe('broker.maskDigits');
    expect(maskPartProblem('', 4)).toBe('check.phoneRequired');
  });

  it('checks a full number as the server does (REG-4)', () => {
    expect(fullNumberProblem('139 5550 1234')).toBeNull();
    expect(fullNumberProblem('12345')).toBe('check.phoneInvalid');
    expect(fullNumberProblem(' ')).toBe('check.phoneRequired');
  });

  it('reads the escort code typed (six digits, spaces allowed) or scanned (a token), nothing else', () => {
    expect(readEscortCode(' 123 456 ')).toBe('123456');
    expect(readEscortCode('12345')).toBeNull();
    expect(readEscortCode('eyJyIjoxMiwiZSI6MTc2NTAwMH0.c2lnbmF0dXJl')).toBe('eyJyIjoxMiwiZSI6MTc2NTAwMH0.c2lnbmF0dXJl');
    expect(readEscortCode('not a code at all')).toBeNull();
    expect(spacedDigits('123456')).toBe('123 456');
  });

  it('words the countdown in days and a clock', () => {
    expect(countdownParts(3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000 + 6_000)).toEqual({ days: 3, clock: '04:05:06' });
    expect(countdownParts(-5)).toEqual({ days: 0, clock: '00:00:00' });
  });
});
