// (b) Malformed requests to every endpoint — wrong types, huge strings, nulls, unicode, missing and
// unknown fields, bad JSON, wrong content types, bad params, queries and headers — are answered 4xx
// with a JSON {code, message}, never 5xx, and no answer carries a stack trace.
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../src/api/access.policy.ts';
import { COMMAND_BODIES } from '../../src/contracts/commands.contract.ts';
import type { Action } from '../../src/app/commands.ts';
import { STANDARD_POLICY } from '../../src/core/policy.ts';
import { p, STACK_TRACE, startHarness, type Agent, type CallOptions, type Harness } from './api-harness.ts';
import { scale } from '../support/reliability-scale.ts';

/** fast-check runs per endpoint (RELIABILITY=heavy: ten times as many). */
const RUNS = scale(25, 250, 'ANCHANG_FUZZ_RUNS');
/** Every request this file sends, and those answered 5xx (each also fails its own test). */
const tally = { sent: 0, fiveHundreds: 0 };
const counted = (call: Agent['call']): Agent['call'] => async (method, url, o) => {
  const res = await call(method, url, o);
  tally.sent++;
  if (res.statusCode >= 500) tally.fiveHundreds++;
  return res;
};

/** Bodies the schemas accept, as the starting point of one-field mutations. */
const VALID: Readonly<Record<Action, Record<string, unknown>>> = {
  signIn: { who: 'A' },
  signOut: { who: 'A' },
  away: { who: 'A', reason: 'private' },
  back: { who: 'A' },
  done: { who: 'A' },
  reclassify: { who: 'A' },
  decline: { who: 'A' },
  arrive: { phone: '13800138000', name: '张先生', plate: '沪A12345', asksFor: 'A', nonCustomer: false, broker: 'X', referrer: '13900139000' },
  register: { by: 'A', via: 'visit', phone: '13800138000', name: '张先生', gender: 'M', needs: '三房', plate: '沪A12345', for: 'A', outreach: { site: 'stand', smsAt: 1 }, visitedAt: 1, corrects: 1, group: 1, appearance: '灰外套', referrer: '13800138001' },
  followUp: { by: 'A', phone: '13800138000', reached: true, via: 'call' },
  link: { phone: '13800138000', to: '13900139000', relation: 'spouse' },
  merge: { phone: '13800138000', into: '13900139000' },
  depart: { who: 'NOBODY' },
  reassign: { phone: '13800138000', to: 'B', by: 'M', reason: 'service' },
  assignIntroduced: { phone: '13800138000', name: '领导介绍', source: '总经理', by: 'M' },
  freezeRegister: { by: 'M', note: '开盘前' },
  markAlertRead: { who: 'A', arrival: 1 },
  suspend: { who: 'NOBODY', days: 3 },
  report: { broker: 'X', phone: '13800138000', name: '张先生' },
  deal: { phone: '13800138000', unit: 'U1', by: 'A', stage: 'deposit', amount: 50000 },
  dispute: { unit: 'U1', by: 'A', phone: '13900139000' },
  refund: { unit: 'U1', by: 'A', reason: '家庭原因', end: 'refund' },
  swap: { unit: 'U1', to: 'U2', by: 'A', reason: '换楼层' },
  changeBuyer: { unit: 'U1', by: 'A', change: 'addName', name: '李女士', reason: '夫妻共有' },
  resolve: { unit: 'U1', by: 'M', override: { credit: { A: 0.5, B: 0.5 }, reason: '协商' } },
  hold: { unit: 'U1', by: 'M', reason: '预留' },
  release: { unit: 'U1', by: 'M', reason: '放开' },
  importUnits: { units: [{ id: 'NEWU2', building: '1栋', floor: 3, room: '0301', price: 100 }], by: 'M', file: 'units.xlsx' },
  editUnit: { unit: { id: 'U1', price: 200 }, by: 'M', reason: '调价' },
  withdrawUnit: { unit: 'NEWU', by: 'M', reason: '开发商自留' },
  reorder: { by: 'M', order: ['A'], reason: 'late' },
  outOfTurn: { who: 'A', by: 'M' },
  addStaff: { staff: { id: 'NEW', role: 'consultant', team: 'T', name: '新人' } },
  addBroker: { broker: { id: 'NEWB', kind: 'agency', approved: true } },
  addUnit: { unit: { id: 'NEWU', price: 100 } },
  setPolicy: { policy: STANDARD_POLICY, by: 'M' },
  // the broker side
  applyBroker: { broker: { id: 'NEWB2', kind: 'individual', name: '王经纪' }, by: 'A' },
  approveBroker: { broker: 'NEWB2', by: 'M' },
  rejectBroker: { broker: 'NEWB2', by: 'M', reason: '资料不全' },
  leave: { arrival: 1, by: 'M' },
  confirmViewing: { arrival: 1, by: 'A', customerConfirmed: true },
  refuseConfirmation: { arrival: 1, by: 'A', reason: '非本人带访' },
  markFake: { arrival: 1, by: 'M', reason: '假客户' },
  decideManualCheck: { ref: 1, by: 'M', recognised: false, reason: '核对不符' },
  recordViolation: { who: 'A', rule: 'quarrel', evidence: [1], sanction: { kind: 'warning' }, by: 'M' },
  appeal: { violation: 1, by: 'A', grounds: '没有吵架' },
  decideAppeal: { violation: 1, by: 'M', upheld: true, reason: '证据充分' },
  decideLateEntry: { entry: 1, by: 'M', approved: true, reason: '补录' },
  identify: { entry: 1, by: 'A', phone: '13800138000' },
  importEntry: { by: 'M', batch: 'b1', row: 2, entry: { kind: 'visit', at: 1_700_000_000_000, phone: '13900000010', consultant: 'A', name: '王先生' } },
};

const HUGE = 'x'.repeat(70_000);
const MUTATIONS: readonly unknown[] = [null, 12345, -1, 1e308, true, {}, [], [null], '', ' ', HUGE, '😀'.repeat(100), '\u0000\u202e', { nested: { deeper: [1, 2, 3] } }];
const NON_OBJECTS: readonly unknown[] = [null, 0, 'text', [], true, [{}], '😀'];
const RAW_JSON: readonly string[] = ['not json', '{', '{"a":', 'null', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '[' .repeat(5000) + ']'.repeat(5000), '{"who":"\ud800"}'];
const CONTENT_TYPES: readonly [string, string][] = [
  ['text/plain', 'hello'],
  ['application/xml', '<a/>'],
  ['multipart/form-data; boundary=x', '--x--'],
  ['application/x-www-form-urlencoded', 'who=A'],
  ['application/octet-stream', '{}'],
];

function expectCleanRejection(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  expectNoLeak(res, what);
}

function expectNoLeak(res: LightMyRequestResponse, what: string): void {
  expect(res.body, what).not.toMatch(STACK_TRACE);
  if (res.statusCode >= 400) {
    const body = res.json() as { code?: unknown; message?: unknown };
    expect(typeof body.code, what).toBe('string');
    expect(typeof body.message, what).toBe('string');
  }
}

describe('malformed requests', () => {
  let h: Harness;
  let m: Agent;
  let a: Agent;
  let admin: Agent;
  let anonymous: Agent['call'];
  beforeAll(async () => {
    h = await startHarness();
    const agent = async (who: Parameters<Harness['agent']>[0]): Promise<Agent> => {
      const found = await h.agent(who);
      return { ...found, call: counted(found.call) };
    };
    m = await agent('manager');
    a = await agent('consultant');
    admin = await agent('admin');
    anonymous = counted(h.anonymous);
  });
  afterAll(async () => {
    await h?.close();
    console.log(`fuzz: ${tally.sent} malformed or random requests, ${tally.fiveHundreds} answered 5xx`);
  });

  const actions = Object.keys(COMMAND_BODIES) as Action[];

  it.each(actions)('%s: malformed bodies, payloads, content types and headers', async (action) => {
    const url = p(ENDPOINTS[action].path);
    const schema = COMMAND_BODIES[action] as z.ZodType;
    const post = (o: CallOptions) => m.call('POST', url, o);
    for (const body of NON_OBJECTS) expectCleanRejection(await post({ body }), `body ${JSON.stringify(body)}`);
    expectCleanRejection(await post({ body: { ...VALID[action], zzz: 1 } }), 'unknown field');
    expectCleanRejection(await post({ body: { ...VALID[action], ['ключ😀'.repeat(50)]: HUGE } }), 'unicode unknown field');
    const valid = VALID[action];
    expect(schema.safeParse(valid).success, `VALID.${action} must pass its schema`).toBe(true);
    for (const field of Object.keys(valid)) {
      for (const value of MUTATIONS) {
        const body = { ...valid, [field]: value };
        // Only what the schema rejects is malformed; a mutation it accepts (e.g. '' for an optional name) is not this test's business.
        if (schema.safeParse(body).success) continue;
        expectCleanRejection(await post({ body }), `${field} = ${JSON.stringify(value).slice(0, 40)}`);
      }
      const { [field]: _dropped, ...missing } = valid;
      const res = await post({ body: missing });
      if (!schema.safeParse(missing).success) expectCleanRejection(res, `missing ${field}`);
      else expectNoLeak(res, `missing optional ${field}`);
    }
    for (const payload of RAW_JSON) expectCleanRejection(await post({ payload, headers: { 'content-type': 'application/json' } }), `raw ${payload.slice(0, 30)}`);
    for (const [type, payload] of CONTENT_TYPES) expectCleanRejection(await post({ payload, headers: { 'content-type': type } }), type);
    expectCleanRejection(await post({ payload: JSON.stringify({ ...valid, pad: 'y'.repeat(300_000) }), headers: { 'content-type': 'application/json' } }), 'too large');
    for (const key of ['x'.repeat(300), 'has space', 'ÿ']) expectCleanRejection(await post({ body: valid, headers: { 'idempotency-key': key } }), `idempotency key ${key.slice(0, 10)}`);
    expectCleanRejection(await post({ body: valid, headers: { 'x-csrf-token': 'forged' } }), 'forged csrf');
    for (const project of ['%00', encodeURIComponent('项目☃'), 'x'.repeat(300), '..%2F..']) {
      expectCleanRejection(await m.call('POST', `/api/projects/${project}${ENDPOINTS[action].path}`, { body: valid }), `project ${project.slice(0, 20)}`);
    }
  });

  it.each(actions)('%s: random JSON never breaks the server', async (action) => {
    const url = p(ENDPOINTS[action].path);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), fc.boolean(), async (body, asConsultant) => {
        const res = await (asConsultant ? a : m).call('POST', url, { body });
        expect(res.statusCode).toBeLessThan(500);
        expectNoLeak(res, JSON.stringify(body).slice(0, 80));
      }),
      { seed: 20260302, numRuns: RUNS },
    );
  });

  // Every endpoint of the table that is not a command (the reads, the import and what-if, the broker side's
  // reads and the escort admission): random queries and path segments, random JSON bodies. An endpoint another
  // branch adds to ENDPOINTS is fuzzed here without a line of this file changing.
  const others = (Object.keys(ENDPOINTS) as (keyof typeof ENDPOINTS)[]).filter((n) => !(n in COMMAND_BODIES) && n !== 'stream');
  it.each(others)('%s: random queries, path segments and bodies never break the server', async (name) => {
    const e = ENDPOINTS[name];
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('13800138000', '-1', '1e308', '%FF', '😀', '..', '2026-13-40'));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), text, { maxKeys: 4 }), text, fc.jsonValue({ maxDepth: 3 }), fc.boolean(), async (query, segment, body, asConsultant) => {
        const path = e.path.replace(/:[a-z]+/g, encodeURIComponent(segment) || 'x');
        const qs = new URLSearchParams(query).toString();
        const url = p(path + (qs ? `?${qs}` : ''));
        const res = await (asConsultant ? a : m).call(e.method, url, e.method === 'GET' ? {} : { body });
        expect(res.statusCode, `${e.method} ${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        expectNoLeak(res, `${e.method} ${url}`);
      }),
      { seed: 20260302, numRuns: RUNS },
    );
  });

  it('reads: bad queries, params and headers', async () => {
    const bad: readonly string[] = [
      '/judge',
      '/judge?phone=abc',
      '/judge?phone=',
      '/judge?phone=1&phone=2',
      '/judge?surname=张',
      '/judge?surname=&plate=',
      `/judge?surname=${'张'.repeat(50)}&plate=A1`,
      '/judge?phone=13800138000&zzz=1',
      '/judge?phone=%FF%FE',
      `/judge?phone=${'9'.repeat(5000)}`,
      '/customers/abc/ownership',
      `/customers/${encodeURIComponent('😀')}/ownership`,
      `/customers/${'1'.repeat(500)}/timeline`,
      '/customers/%/timeline',
      `/units/${'u'.repeat(100)}/credit`,
      '/units/%20/credit',
      '/units/NO-SUCH-UNIT/credit',
      '/my-customers?of=',
      `/my-customers?of=${'x'.repeat(100)}`,
      '/my-customers?zzz=1',
      '/record-reads?limit=0',
      '/record-reads?limit=501',
      '/record-reads?limit=abc',
      '/record-reads?limit=-1',
      '/record-reads?before=1.5',
      '/record-reads?customer=abc',
      '/channel/my-confirmations?of=',
      `/channel/my-confirmations?of=${'x'.repeat(100)}`,
      '/channel/my-confirmations?zzz=1',
      '/channel/reports/abc/escort',
      '/no-such-endpoint',
    ];
    for (const path of bad) expectCleanRejection(await m.call('GET', p(path)), path);
    for (const id of ['abc', '-1', '1.5', 'x'.repeat(100), '1e5']) expectCleanRejection(await m.call('GET', p('/stream'), { headers: { 'last-event-id': id } }), `last-event-id ${id}`);
    expectCleanRejection(await anonymous('GET', p('/floor'), { headers: { cookie: `anchang_session=${'z'.repeat(4000)}` } }), 'forged cookie');
    expectCleanRejection(await anonymous('GET', p('/floor'), { headers: { cookie: '\u0001;;==;anchang_session' } }), 'garbage cookie');
    const weird = await m.call('GET', p('/floor'), { headers: { 'accept-language': `${'zh;q=abc,'.repeat(200)}` } });
    expect(weird.statusCode).toBe(200);
  });

  it('site endpoints: sign-in and project creation bodies', async () => {
    for (const body of [null, {}, 'x', { login: 1, password: 'x' }, { login: 'a' }, { login: 'a', password: 'p'.repeat(300) }, { login: 'a', password: 'x', extra: true }]) {
      expectCleanRejection(await anonymous('POST', '/api/session', { body }), `login ${JSON.stringify(body)}`);
    }
    expectCleanRejection(await anonymous('POST', '/api/session', { payload: '{"login":', headers: { 'content-type': 'application/json' } }), 'login bad json');
    for (const body of [{ id: 'Bad Id', name: 'x' }, { id: 'ok', name: 'x', zone: 'Mars/Olympus' }, { id: 'ok', name: 'x', policy: {} }, { id: 'ok' }, [] as unknown]) {
      expectCleanRejection(await admin.call('POST', '/api/projects', { body }), `project ${JSON.stringify(body)}`);
    }
  });
  // register-import (issue 11.4): files that are not registers, and mappings that do not fit the file
  it('register import: unreadable files and bad mappings are specific answers, never a 5xx', async () => {
    const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
    const csv = '日期,姓名,电话,置业顾问\n2026-01-05,张先生,13800000001,王磊\n';
    const files = [b64(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3])), b64(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9])), b64(''), b64('\u0000'.repeat(500)), '%%%not-base64%%%', b64(new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 97) % 256)))];
    for (const path of ['/register-import', '/register-import/rejects', '/register-import/commit']) {
      for (const contentBase64 of files) {
        const res = await m.call('POST', p(path), { body: { fileName: 'x.csv', contentBase64 } });
        expect(res.statusCode, `${path} ${contentBase64.slice(0, 20)}`).toBeLessThan(500);
        expectNoLeak(res, path);
      }
      for (const mapping of [{ columns: { date: 99, phone: 1, consultant: 2 }, kind: 'visit' }, { columns: { date: 0, phone: 0, consultant: 0 }, kind: 'visit' }, { columns: {}, kind: 'visit' }, { columns: { date: -1 }, kind: 'visit' }, { columns: { date: 0 }, kind: 'party' }, { columns: { nosuch: 1 }, kind: 'visit' }]) {
        const res = await m.call('POST', p(path), { body: { fileName: 'r.csv', contentBase64: b64(csv), mapping } });
        expect(res.statusCode, `${path} ${JSON.stringify(mapping)}`).toBeLessThan(500);
        expectNoLeak(res, path);
      }
    }
  });

  // tv-pairing (issue 16.1): the pairing endpoints with bad bodies, params and cookies
  it('displays: bad pairing bodies, display ids and display cookies', async () => {
    for (const body of [null, {}, 'x', { code: '12345', name: '电视' }, { code: '1234567', name: '电视' }, { code: 'abcdef', name: '电视' }, { code: '123456' }, { code: '123456', name: '' }, { code: '123456', name: '电'.repeat(41) }, { code: 123456, name: '电视' }, { code: '123456', name: '电视', extra: 1 }, { code: HUGE, name: HUGE }]) {
      expectCleanRejection(await m.call('POST', p('/displays'), { body }), `pair ${JSON.stringify(body).slice(0, 40)}`);
    }
    for (const id of ['%00', 'x'.repeat(300), encodeURIComponent('😀'), 'NOBODY']) expectCleanRejection(await m.call('POST', p(`/displays/${id}/revoke`)), `revoke ${id.slice(0, 20)}`);
    for (const cookie of [`anchang_display=${'z'.repeat(4000)}`, 'anchang_display=', '\u0001;;==;anchang_display']) {
      expectCleanRejection(await h.anonymous('GET', '/api/display', { headers: { cookie } }), `display cookie ${cookie.slice(0, 20)}`);
      expectCleanRejection(await h.anonymous('GET', p('/floor'), { headers: { cookie } }), `floor with display cookie ${cookie.slice(0, 20)}`);
      const state = await h.anonymous('GET', '/api/display-pairing', { headers: { cookie } });
      expect(state.statusCode).toBe(200);
      expect(state.json()).toEqual({ state: 'none' });
    }
  });
});
