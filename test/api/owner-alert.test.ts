// RISK-2 over a real socket: when a customer with a protected owner walks in, the owner's open streams get
// an `ownerAlert` (who, when, who is covering) within a second; no other consultant's stream does (SEC-1),
// the read is logged (SEC-2), and an owner who reconnects is told of the arrivals they missed.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { p, startHarness, type Agent, type Harness } from './api-harness.ts';
import { connectStream, type SseClient } from './sse-client.ts';

describe('RISK-2: the owner is told at once when their customer arrives', () => {
  let h: Harness;
  let port: number;
  const clients: SseClient[] = [];
  const connect = async (agent: Agent, lastEventId?: number) => {
    const client = await connectStream(port, agent, lastEventId);
    clients.push(client);
    await client.waitFor((e) => e.event === 'update', 1000);
    return client;
  };
  const alerts = (c: SseClient) => c.events.filter((e) => e.event === 'ownerAlert');

  beforeAll(async () => {
    h = await startHarness('sqlite', { store: 'sql' });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    port = (h.app.server.address() as AddressInfo).port;
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', needs: '三房' });
    await h.run({ do: 'signIn', who: 'A' });
    await h.run({ do: 'signIn', who: 'B' });
    // A steps out: their customer is received by whoever covers (ROT-11).
    await h.run({ do: 'away', who: 'A', reason: 'private' });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await h?.close();
  });

  it('the owner gets who, when and who is covering within a second; another consultant gets nothing', async () => {
    const owner = await connect(await h.agent('consultant'));
    const other = await connect(await h.agent('consultantB'));
    const desk = await connect(await h.agent('frontdesk'));
    const sent = Date.now();
    const res = await (await h.agent('frontdesk')).call('POST', p('/commands/arrive'), { body: { phone: '138 0013 8000' } });
    expect(res.json().answer).toMatchObject({ receiver: 'B', as: 'cover' });
    const seq = res.json().seq as number;
    const alert = await owner.waitFor((e) => e.event === 'ownerAlert', 1000);
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(JSON.parse(alert.data ?? '{}')).toEqual({
      seq,
      at: h.clock.now,
      atLocal: '2026-03-02 09:00',
      customer: { phone: '13800138000', name: '张先生' },
      receiver: { id: 'B', name: '李娜' },
      as: 'cover',
      covering: true,
      broker: null,
    });
    // The others saw the same commit on the board, and no alert.
    await other.waitFor((e) => e.event === 'update' && e.id === String(seq), 1000);
    await desk.waitFor((e) => e.event === 'update' && e.id === String(seq), 1000);
    expect(alerts(other)).toEqual([]);
    expect(alerts(desk)).toEqual([]);
    expect(other.events.map((e) => e.data ?? '').join('')).not.toContain('13800138000');
    // SEC-2: the owner was shown their customer in full.
    const reads = (await (await h.agent('manager')).call('GET', p('/record-reads?customer=13800138000'))).json().reads;
    expect(reads[0]).toMatchObject({ login: 'a', endpoint: 'ownerAlert' });
  });

  it('a customer nobody owns raises no alert', async () => {
    const owner = await connect(await h.agent('consultant'));
    const res = await (await h.agent('frontdesk')).call('POST', p('/commands/arrive'), { body: { phone: '139 0000 0000' } });
    await owner.waitFor((e) => e.event === 'update' && e.id === String(res.json().seq), 1000);
    expect(alerts(owner)).toEqual([]);
  });

  it('an owner reconnecting with Last-Event-ID is told of the arrival they missed', async () => {
    const a = await h.agent('consultant');
    const first = await connect(a);
    const seen = Number(first.events.at(-1)?.id);
    first.close();
    await h.run({ do: 'done', who: 'B' });
    await h.run({ do: 'arrive', phone: '13800138000' });
    const again = await connect(a, seen);
    const missed = await again.waitFor((e) => e.event === 'ownerAlert', 1000);
    expect(JSON.parse(missed.data ?? '{}')).toMatchObject({ customer: { phone: '13800138000' }, covering: true });
  });
});
