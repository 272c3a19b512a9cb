// Issue 14 item 8: an Idempotency-Key sent again with a different body is a mistake, not a retry. It is
// refused 422 `idempotency_key_reused` and records nothing; the same body with the same key is still a retry.
import { afterEach, describe, expect, it } from 'vitest';
import { p, startHarness, type Harness } from './api-harness.ts';

describe.each(['memory', 'sql'] as const)('Idempotency-Key reuse, offices %s', (store) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('answers 422 idempotency_key_reused for another body under a used key, and records nothing', async () => {
    h = await startHarness('sqlite', { store });
    await h.run({ do: 'signIn', who: 'A' });
    await h.run({ do: 'signIn', who: 'B' });
    const desk = await h.agent('frontdesk');
    const arrive = (phone: string) => desk.call('POST', p('/commands/arrive'), { body: { phone }, headers: { 'idempotency-key': 'k-1' } });
    expect((await arrive('139 0013 9000')).statusCode).toBe(200);
    const before = (await h.handle.facts(0)).length;
    const reused = await arrive('139 0013 9111');
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'idempotency_key_reused' });
    expect((await h.handle.facts(0)).length).toBe(before);
    // The first request sent again is still a retry.
    expect((await arrive('139 0013 9000')).json()).toMatchObject({ replayed: true, answer: { receiver: 'A' } });
  });
});
