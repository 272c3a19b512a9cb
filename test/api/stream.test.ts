// (h) Live updates over a real listening socket: an arrival reaches an open stream within a second,
// a reconnect with Last-Event-ID is sent what it missed, heartbeats flow, and SEC-4 closes the stream.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { p, startHarness, type Agent, type Harness } from './api-harness.ts';
import { connectStream, type SseClient } from './sse-client.ts';

describe('live stream (SSE) on a real socket', () => {
  let h: Harness;
  let port: number;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    // The SQL Offices, as deployed: commits reach the stream through its subscription.
    h = await startHarness('sqlite', { store: 'sql', heartbeatMs: 100 });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    port = (h.app.server.address() as AddressInfo).port;
    await h.run({ do: 'signIn', who: 'A' });
    await h.run({ do: 'signIn', who: 'B' });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await h?.close();
  });

  async function connect(agent: Agent, lastEventId?: number): Promise<SseClient> {
    const client = await connectStream(port, agent, lastEventId);
    clients.push(client);
    return client;
  }

  it('pushes an arrival with the fresh floor within a second', async () => {
    const viewer = await connect(await h.agent('consultantB'));
    expect(viewer.response.headers['content-type']).toMatch(/^text\/event-stream/);
    const opening = await viewer.waitFor((e) => e.event === 'update', 1000);
    expect(JSON.parse(opening.data ?? '{}').floor.queue).toEqual(['A', 'B']);
    const desk = await h.agent('frontdesk');
    const sent = Date.now();
    const res = await desk.call('POST', p('/commands/arrive'), { body: { phone: '138 0013 8000' } });
    const seq = res.json().seq as number;
    const update = await viewer.waitFor((e) => e.id === String(seq), 1000);
    expect(Date.now() - sent).toBeLessThan(1000);
    const data = JSON.parse(update.data ?? '{}');
    expect(data.facts).toEqual([{ seq, type: 'partyArrived', at: h.clock.now }]);
    expect(data.floor.seats.find((s: { who: string }) => s.who === 'A').state).toBe('busy');
    expect(data.floor.up.who).toBe('B');
    // Types and seq only: no personal data on the floor-wide stream.
    expect(update.data).not.toContain('13800138000');
    await viewer.waitFor((e) => e.comment === 'heartbeat', 1000);
  });

  it('a reconnect with Last-Event-ID is sent the facts it missed', async () => {
    const b = await h.agent('consultantB');
    const first = await connect(b);
    const opening = await first.waitFor((e) => e.event === 'update', 1000);
    const seen = Number(opening.id);
    first.close();
    await h.run({ do: 'done', who: 'A' });
    await h.run({ do: 'away', who: 'B', reason: 'business' });
    const again = await connect(b, seen);
    const catchUp = await again.waitFor((e) => e.event === 'update', 1000);
    const data = JSON.parse(catchUp.data ?? '{}');
    expect(data.facts.map((f: { type: string }) => f.type)).toEqual(['receptionEnded', 'wentAway']);
    expect(Number(catchUp.id)).toBe(seen + 2);
    expect(data.floor.seats.find((s: { who: string }) => s.who === 'B').state).toBe('business');
  });

  it('SEC-4: a departure closes the departed consultant’s open stream', async () => {
    const a = await h.agent('consultant');
    const stream = await connect(a);
    await stream.waitFor((e) => e.event === 'update', 1000);
    await (await h.agent('manager')).call('POST', p('/commands/depart'), { body: { who: 'A' } });
    await stream.waitForEnd(1000);
  });

  it('anonymous or forbidden callers get no stream', async () => {
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: p('/stream'), headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status({})).toBe(401);
    expect(await status({ cookie: `anchang_session=${(await h.agent('broker')).token}` })).toBe(403);
  });
});
