// Issue 14 item 9: the server logs every request, refusal and 5xx as a JSON line with a request id (also
// sent back as X-Request-Id), the route pattern rather than the URL, and no phone number in full (SEC-1).
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, maskDeep, maskPhones } from '../../src/server/logger.ts';
import type { Offices } from '../../src/store/offices.ts';
import { failingEngine, p, startHarness, type Harness } from './api-harness.ts';
import { FULL_PHONE } from '../support/full-phone.ts';

describe('the request log', () => {
  let h: Harness;
  const lines: Record<string, unknown>[] = [];
  const failNext = { on: false };
  const failing = (offices: Offices): Offices => failingEngine(offices, failNext, 'lost while reading customer 13800138000');

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    h = await startHarness('sqlite', { wrapOffices: failing, loggerInstance: createLogger({ level: 'info', file: null }, sink) });
  });
  afterAll(async () => h?.close());
  const of = (id: unknown) => lines.filter((l) => l.reqId === id);

  it('logs a request, a refusal with its code, and a 5xx as an error, each under the id it answered with', async () => {
    const m = await h.agent('manager');
    const ok = await m.call('GET', p('/judge?phone=13800138000'));
    expect(ok.statusCode).toBe(200);
    const okId = ok.headers['x-request-id'];
    expect(okId).toMatch(/^[0-9a-f-]{36}$/);
    expect(of(okId)).toEqual([expect.objectContaining({ msg: 'request', route: '/api/projects/:project/judge', status: 200, level: 30 })]);

    const refused = await m.call('POST', p('/commands/suspend'), { body: { who: 'NOBODY', days: 2 } });
    expect(refused.statusCode).toBe(422);
    expect(of(refused.headers['x-request-id'])).toEqual([expect.objectContaining({ msg: 'request refused', status: 422, code: 'unknown_staff' })]);

    failNext.on = true;
    const failed = await m.call('GET', p('/floor')).finally(() => (failNext.on = false));
    expect(failed.statusCode).toBe(500);
    const logged = of(failed.headers['x-request-id']);
    expect(logged.map((l) => [l.msg, l.level])).toEqual([
      ['internal error', 50],
      ['request failed', 50],
    ]);
    expect(logged[1]).toMatchObject({ status: 500, code: 'internal' });
  });

  it('masks every phone number, in fields and messages alike', () => {
    const text = JSON.stringify(lines);
    expect(text).toContain('138****8000');
    expect(text).not.toMatch(FULL_PHONE);
    expect(maskPhones('call +86 139-0013-9000 or 13800138000')).toBe('call 139****9000 or 138****8000');
  });

  it('masks every string of a logged value, however deep, and leaves one with nothing to mask as it is', () => {
    const line = { method: 'GET', route: '/api/projects/:project/judge', status: 200, ms: 1, tags: ['a', 'b'] };
    expect(maskDeep(line)).toBe(line);
    const nested = { ok: 'fine', n: 3, deep: { list: ['x', { phone: '+86 13800138000' }] }, after: '13900139000 called' };
    expect(maskDeep(nested)).toEqual({ ok: 'fine', n: 3, deep: { list: ['x', { phone: '138****8000' }] }, after: '139****9000 called' });
    expect(nested.deep.list[1]).toEqual({ phone: '+86 13800138000' }); // the value logged is not changed
    expect(JSON.stringify(maskDeep(new Error('lost 13800138000')))).not.toMatch(FULL_PHONE);
  });
});
