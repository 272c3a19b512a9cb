// Pure pieces of the web client: reading error bodies, the phone check (mirrors the server, REG-4), and
// the floor board's grouping (ROT-15).
import { describe, expect, it } from 'vitest';
import { errorFromBody } from '../../src/web/api/api-error.ts';
import type { Board } from '../../src/contracts/index.ts';
import { boardModel } from '../../src/web/floor/board-model.ts';
import { loadPhoneParser, phoneProblem } from '../../src/web/shared/phone-check.ts';

describe('errorFromBody', () => {
  it('keeps the code and the fields the validation issues name', () => {
    const e = errorFromBody(400, { code: 'validation', message: '请求参数无效', issues: [{ path: 'body.phone', message: 'x' }] });
    expect(e.code).toBe('validation');
    expect(e.fields).toEqual([{ field: 'body.phone', code: 'validation' }]);
  });

  it('survives a body that is not JSON', () => {
    expect(errorFromBody(502, undefined).code).toBe('http_502');
  });
});

describe('phoneProblem (REG-4)', () => {
  it('accepts what people type and refuses what the server refuses', () => {
    expect(phoneProblem('+86 138-0013-8000', true)).toBeNull();
    expect(phoneProblem('0086 13800138000', true)).toBeNull();
    expect(phoneProblem('12345', true)).toBe('invalid');
    expect(phoneProblem('  ', true)).toBe('required');
    expect(phoneProblem('', false)).toBeNull();
  });

  it('checks other numbers with the full parser once it has arrived, loosely before', async () => {
    expect(phoneProblem('10123456789', true)).toBeNull(); // 11 digits, no mobile prefix: plausible until the parser is here
    await loadPhoneParser();
    expect(phoneProblem('10123456789', true)).toBe('invalid');
    expect(phoneProblem('010-6552 9988', true)).toBeNull(); // a Beijing landline
    expect(phoneProblem('+1 415 555 2671', true)).toBeNull();
    expect(phoneProblem('+1 415 555', true)).toBe('invalid');
  });
});

describe('boardModel', () => {
  const seat = (who: string, state: Board['seats'][number]['state']) => ({ who, unit: who, state, busySince: state === 'busy' ? 1 : null, newToday: 0 });
  const board: Board = {
    day: '2026-03-02',
    up: { unit: 'b', who: 'b', via: 'makeUp', reasons: [] },
    queue: ['a', 'b', 'c', 'd', 'e'],
    makeUps: { b: 1 },
    seats: [seat('a', 'busy'), seat('b', 'available'), seat('c', 'private'), seat('d', 'available'), seat('e', 'suspended')],
    names: {},
  };

  it('puts the one who is up first, then the available queue, and groups the rest by why', () => {
    const m = boardModel(board);
    expect(m.up?.unit).toBe('b');
    expect(m.next.map((e) => e.unit)).toEqual(['d']);
    expect(m.busy.map((s) => s.who)).toEqual(['a']);
    expect(m.away.map((s) => s.who)).toEqual(['c']);
    expect(m.suspended.map((s) => s.who)).toEqual(['e']);
    expect(m.owed.map((e) => [e.unit, e.owed])).toEqual([['b', 1]]);
  });
});
