// RISK-1 over HTTP: a customer who walked in on their own and was reported by a broker half an hour later is
// alerted to the manager, naming both records; a consultant may not read the alerts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { p, startHarness, type Harness } from './api-harness.ts';

describe('GET /risk-alerts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
  });
  afterAll(async () => h?.close());

  it('alerts a report filed just after the customer’s own first arrival, with its records', async () => {
    await h.run({ do: 'signIn', who: 'A' });
    await h.run({ do: 'arrive', phone: '13800138555' });
    h.clock.now += 30 * 60_000;
    await h.run({ do: 'report', broker: 'X', phone: '13800138555' });
    const manager = await h.agent('manager');
    const answer = (await manager.call('GET', p('/risk-alerts'))).json() as { alerts: { kind: string; phone: string; who: string; records: number[] }[] };
    expect(answer.alerts).toHaveLength(1);
    expect(answer.alerts[0]).toMatchObject({ kind: 'reportAfterArrival', phone: '138****8555', who: 'X' });
    const facts = await h.handle.facts(0);
    expect(answer.alerts[0]?.records.map((seq) => facts.find((f) => f.seq === seq)?.type)).toEqual(['partyArrived', 'reported']);
    // A stricter knob: 10 minutes, and the same report is no longer suspicious.
    expect(((await manager.call('GET', p('/risk-alerts?reportAfterArrivalMinutes=10'))).json() as { alerts: unknown[] }).alerts).toEqual([]);
    expect((await (await h.agent('consultant')).call('GET', p('/risk-alerts'))).statusCode).toBe(403);
  });
});
