// The broker side over HTTP (CH-1..10, issue 10; issue 14 item 5): applications and approval, what a broker
// may read (the authorisation matrix), refusals that name nobody, probing held back, the idempotent report,
// escort codes (forged, expired, reused, another broker's: refused), the desk's admission, the viewing
// confirmation, and the channel assistant's workspace.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBE_LIMIT } from '../../src/core/channel.rules.ts';
import { brokerApplyAnswerSchema, myApplicationSchema, channelBrokersSchema, channelWorkspaceSchema, escortAdmitAnswerSchema, escortCodeSchema, myReportsSchema } from '../../src/contracts/channel.contract.ts';
import { p, PASSWORD, startHarness, type Agent, type Harness } from './api-harness.ts';

interface Json {
  [k: string]: unknown;
}

async function signInAs(h: Harness, login: string, password = PASSWORD): Promise<Agent> {
  const res = await h.app.inject({ method: 'POST', url: '/api/session', payload: { login, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${login}: ${res.statusCode} ${res.body}`);
  const token = res.cookies.find((c) => c.name === 'anchang_session')?.value ?? '';
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    token,
    csrf,
    call: (method, url, o = {}) => {
      const headers: Record<string, string> = { cookie: `anchang_session=${token}`, ...(o.headers ?? {}) };
      if (method !== 'GET') headers['x-csrf-token'] = csrf;
      if (o.body !== undefined) headers['content-type'] = 'application/json';
      return h.app.inject({ method: method as 'GET', url, headers, ...(o.body !== undefined ? { payload: JSON.stringify(o.body) } : {}) });
    },
  };
}

async function apply(h: Harness, login: string, extra: Json = {}): Promise<LightMyRequestResponse> {
  return h.app.inject({ method: 'POST', url: '/api/channel/apply', payload: { project: 'p1', login, password: 'broker-pass-1', kind: 'agency', name: `经纪人${login}`, company: '链家', store: '徐汇店', ...extra } });
}

const report = (agent: Agent, phone: string, more: Json = {}, headers: Record<string, string> = {}) => agent.call('POST', p('/commands/report'), { body: { phone, name: '钱先生', ...more }, headers });
const reasonsOf = (res: LightMyRequestResponse) => (res.json() as { answer: { accepted: boolean; reasons: { code: string }[] } }).answer;

describe('the broker side', () => {
  let h: Harness;
  let lead: Agent;
  let member: Agent;
  let x: Agent;
  let ca: Agent;
  let desk: Agent;
  beforeAll(async () => {
    h = await startHarness();
    await h.run({ do: 'signIn', who: 'A' });
    ca = await h.agent('channelAssistant');
    desk = await h.agent('frontdesk');
    x = await h.agent('broker');
    expect((await apply(h, 'lead1', { companyLead: true })).statusCode).toBe(201);
    expect((await apply(h, 'member1')).statusCode).toBe(201);
    lead = await signInAs(h, 'lead1', 'broker-pass-1');
    member = await signInAs(h, 'member1', 'broker-pass-1');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('CH-2: an application makes a pending broker account that can do nothing but see its application', async () => {
    const mine = await member.call('GET', p('/channel/my-application'));
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ status: 'pending', broker: { id: 'b-member1', kind: 'agency', company: '链家' } });
    for (const [method, path, body] of [
      ['POST', '/commands/report', { phone: '13900007001', name: '钱' }],
      ['GET', '/channel/my-reports', undefined],
      ['GET', '/channel/reports/1/escort', undefined],
    ] as const) {
      const res = await member.call(method, p(path), body ? { body } : {});
      expect(res.statusCode, path).toBe(403);
      expect(res.json()).toMatchObject({ code: 'broker_not_approved' });
    }
    for (const path of ['/judge?phone=13900007001', '/customers', '/floor', '/channel/workspace', '/customers/13900007001/timeline']) expect((await member.call('GET', p(path))).statusCode, path).toBe(403);
    // the same login again is refused; a company broker must name the company
    expect((await apply(h, 'member1')).statusCode).toBe(409);
    expect((await apply(h, 'solo1', { company: undefined })).statusCode).toBe(400);
  });

  it('CH-2: the channel manager approves or rejects with a reason; every change is a fact', async () => {
    const pending = (await ca.call('GET', p('/channel/workspace'))).json() as { pendingApprovals: { broker: { id: string } }[] };
    expect(pending.pendingApprovals.map((a) => a.broker.id)).toEqual(expect.arrayContaining(['b-lead1', 'b-member1']));
    for (const id of ['b-lead1', 'b-member1']) expect((await ca.call('POST', p('/commands/approveBroker'), { body: { broker: id } })).statusCode).toBe(200);
    expect((await apply(h, 'bad1')).statusCode).toBe(201);
    const rejected = await ca.call('POST', p('/commands/rejectBroker'), { body: { broker: 'b-bad1', reason: '营业执照过期' } });
    expect(rejected.statusCode).toBe(200);
    const bad = await signInAs(h, 'bad1', 'broker-pass-1');
    expect((await bad.call('GET', p('/channel/my-application'))).json()).toMatchObject({ status: 'rejected', reason: '营业执照过期', decidedBy: 'CA' });
    expect((await report(bad, '13900007002')).statusCode).toBe(403);
    const facts = await h.handle.facts(0);
    expect(facts.filter((f) => f.type === 'brokerApplied').length).toBeGreaterThanOrEqual(3);
    expect(facts.filter((f) => f.type === 'brokerApproved').length).toBe(2);
    expect(facts.filter((f) => f.type === 'brokerRejected').length).toBe(1);
    // a consultant may enter an individual broker (全民经纪人) on their behalf, not a company's
    const a = await h.agent('consultant');
    expect((await a.call('POST', p('/commands/applyBroker'), { body: { broker: { id: 'ind1', kind: 'individual', name: '赵阿姨' } } })).statusCode).toBe(200);
    expect((await a.call('POST', p('/commands/applyBroker'), { body: { broker: { id: 'ag2', kind: 'agency', company: '我爱我家', name: '钱' } } })).statusCode).toBe(422);
  });

  it('a broker reads their own reports; a company lead the company’s (masked); never another company’s', async () => {
    expect(reasonsOf(await report(member, '13900007010', { expectedAt: h.clock.now + 3 * 3600_000 })).accepted).toBe(true);
    expect(reasonsOf(await report(x, '13900007011')).accepted).toBe(true);
    const own = (await member.call('GET', p('/channel/my-reports'))).json() as { reports: Json[] };
    expect(own.reports).toHaveLength(1);
    expect(own.reports[0]).toMatchObject({ customer: { phone: '13900007010', masked: false }, status: 'protected', stage: 'reportToDeal', escortAvailable: true });
    const company = (await lead.call('GET', p('/channel/my-reports?scope=company'))).json() as { reports: Json[] };
    expect(company.reports.map((r) => r.broker)).toEqual(['b-member1']);
    expect(company.reports[0]).toMatchObject({ customer: { phone: '139****7010', masked: true }, escortAvailable: false });
    // a plain broker asking for the company gets their own only
    const xs = (await x.call('GET', p('/channel/my-reports?scope=company'))).json() as { reports: Json[] };
    expect(xs.reports.map((r) => r.broker)).toEqual(['X']);
    expect(JSON.stringify(xs)).not.toContain('13900007010');
    // another broker's escort code is as unknown as no report
    const theirs = own.reports[0]?.seq as number;
    expect((await x.call('GET', p(`/channel/reports/${theirs}/escort`))).statusCode).toBe(404);
    // and none of the internal reads
    for (const path of ['/judge?phone=13900007010', '/customers', '/customers/13900007010/timeline', '/customers/13900007010/ownership', '/my-customers', '/floor', '/orders']) expect((await x.call('GET', p(path))).statusCode, path).toBe(403);
  });

  it('issue 14 item 5: a refusal tells a broker only "already protected", never the owner or the rival broker', async () => {
    const a = await h.agent('consultant');
    expect((await a.call('POST', p('/commands/register'), { body: { via: 'visit', phone: '13900007020', name: '孙女士', gender: 'F', needs: '三房' } })).statusCode).toBe(200);
    const owned = await report(member, '13900007020');
    expect(reasonsOf(owned)).toEqual({ accepted: false, reasons: [expect.objectContaining({ rule: 'CH-3', code: 'alreadyProtected' })] });
    expect(owned.body).not.toMatch(/王磊|"A"|owner|customerOwned/);
    const rival = await report(member, '13900007011');
    expect(reasonsOf(rival).reasons).toEqual([expect.objectContaining({ code: 'alreadyProtected' })]);
    expect(rival.body).not.toMatch(/"X"|brokerProtected/);
    // the channel assistant, reporting for a broker, is told whose
    const staff = await ca.call('POST', p('/commands/report'), { body: { broker: 'b-member1', phone: '13900007011' } });
    expect(reasonsOf(staff).reasons[0]).toMatchObject({ code: 'brokerProtected' });
    const mine = (await member.call('GET', p('/channel/my-reports'))).json() as { reports: { status: string; reasons: { code: string }[] }[] };
    expect(mine.reports.filter((r) => r.status === 'refused').every((r) => r.reasons[0]?.code === 'alreadyProtected')).toBe(true);
  });

  it('the report is idempotent: a double tap with one Idempotency-Key makes one report', async () => {
    const key = { 'idempotency-key': 'tap-7030' };
    const first = await report(member, '13900007030', {}, key);
    const second = await report(member, '13900007030', {}, key);
    expect(first.json()).toMatchObject({ replayed: false, answer: { accepted: true } });
    expect(second.json()).toMatchObject({ replayed: true, answer: { accepted: true } });
    const facts = await h.handle.facts(0);
    expect(facts.filter((f) => f.type === 'reported' && f.phone === '13900007030')).toHaveLength(1);
  });

  it('issue 14 item 5: probing is held back after too many refused reports, and the channel manager sees it', async () => {
    expect((await apply(h, 'prober1')).statusCode).toBe(201);
    await ca.call('POST', p('/commands/approveBroker'), { body: { broker: 'b-prober1' } });
    const prober = await signInAs(h, 'prober1', 'broker-pass-1');
    for (let i = 0; i < PROBE_LIMIT; i++) expect(reasonsOf(await report(prober, '13900007011')).accepted).toBe(false);
    const held = await report(prober, '13900007099');
    expect(held.statusCode).toBe(429);
    expect(held.json()).toMatchObject({ code: 'probe_limited' });
    const ws = (await ca.call('GET', p('/channel/workspace'))).json() as { probes: { broker: string; limited: boolean; refusedLastHour: number }[] };
    expect(ws.probes.find((r) => r.broker === 'b-prober1')).toEqual({ broker: 'b-prober1', refusedLastHour: PROBE_LIMIT, limited: true });
  });

  describe('CH-10 escort codes', () => {
    const escort = async (agent: Agent, phone: string) => {
      const rows = ((await agent.call('GET', p('/channel/my-reports'))).json() as { reports: { seq: number; customer: { phone: string }; status: string }[] }).reports;
      const row = rows.find((r) => r.customer.phone === phone && r.status === 'protected');
      if (!row) throw new Error(`no live report of ${phone}`);
      const res = await agent.call('GET', p(`/channel/reports/${row.seq}/escort`));
      expect(res.statusCode).toBe(200);
      return res.json() as { report: number; code: string; token: string; expiresAt: number };
    };
    const admit = (body: Json, as: Agent = desk) => as.call('POST', p('/channel/admit'), { body });

    it('a forged code, another broker’s code, and a forged token are refused; the right code admits once', async () => {
      expect(reasonsOf(await report(x, '13900007040')).accepted).toBe(true);
      const mine = await escort(x, '13900007040');
      const other = await escort(member, '13900007010');
      const forged = String((Number(mine.code) + 1) % 1_000_000).padStart(6, '0');
      expect((await admit({ phone: '13900007040', code: forged })).json()).toMatchObject({ code: 'escort_invalid' });
      // the other broker's (valid) code for their own customer does not admit this one
      expect((await admit({ phone: '13900007040', code: other.code })).json()).toMatchObject({ code: 'escort_invalid' });
      // nor does this broker's code for another phone
      expect((await admit({ phone: '13900007010', code: mine.code })).json()).toMatchObject({ code: 'escort_invalid' });
      const parts = mine.token.split('.');
      const tampered = [...parts.slice(0, 3), `${(parts[3] as string).slice(0, -2)}AA`].join('.');
      expect((await admit({ phone: '13900007040', token: tampered })).json()).toMatchObject({ code: 'escort_invalid' });
      const moved = [parts[0], String(other.report), ...parts.slice(2)].join('.');
      expect((await admit({ phone: '13900007010', token: moved })).json()).toMatchObject({ code: 'escort_invalid' });

      const ok = await admit({ phone: '13900007040', code: mine.code, name: '钱先生' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ report: mine.report, broker: 'X', channel: 'X', receiver: 'A' });
      const arrival = (await h.handle.facts(0)).find((f) => f.seq === (ok.json() as { seq: number }).seq);
      expect(arrival).toMatchObject({ type: 'partyArrived', broker: 'X', escortOf: mine.report, channel: 'X' });
      // single use: the same code, or the token, again
      expect((await admit({ phone: '13900007040', code: mine.code })).json()).toMatchObject({ code: 'escort_used' });
      expect((await admit({ phone: '13900007040', token: mine.token })).json()).toMatchObject({ code: 'escort_used' });
      expect((await x.call('GET', p(`/channel/reports/${mine.report}/escort`))).statusCode).toBe(409);
    });

    it('a code expires; a scanned token admits while fresh', async () => {
      expect(reasonsOf(await report(x, '13900007050')).accepted).toBe(true);
      const old = await escort(x, '13900007050');
      h.clock.now = old.expiresAt + 1000;
      expect((await admit({ phone: '13900007050', code: old.code })).json()).toMatchObject({ code: 'escort_expired' });
      expect((await admit({ phone: '13900007050', token: old.token })).json()).toMatchObject({ code: 'escort_expired' });
      const fresh = await escort(x, '13900007050');
      const ok = await admit({ phone: '13900007050', token: fresh.token }, ca);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ broker: 'X', channel: 'X' });
    });

    it('wrong codes are limited per desk and per phone', async () => {
      expect(reasonsOf(await report(x, '13900007060')).accepted).toBe(true);
      const sup = await h.agent('supervisor');
      for (let i = 0; i < 5; i++) expect((await admit({ phone: '13900007060', code: '000001' }, sup)).statusCode).toBe(422);
      const held = await admit({ phone: '13900007060', code: '000001' }, sup);
      expect(held.statusCode).toBe(429);
      expect(held.json()).toMatchObject({ code: 'escort_attempts' });
      // the right code from another desk is held back too: the phone is being guessed
      const right = await escort(x, '13900007060');
      expect((await admit({ phone: '13900007060', code: right.code })).statusCode).toBe(429);
    });
  });

  it('the channel assistant’s desk admits broker-brought parties (and only those)', async () => {
    expect(reasonsOf(await report(x, '13900007070')).accepted).toBe(true);
    h.clock.now += 31 * 60_000;
    const ok = await ca.call('POST', p('/commands/arrive'), { body: { phone: '13900007070', broker: 'X' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ answer: { channel: 'X' } });
    expect((await ca.call('POST', p('/commands/arrive'), { body: { phone: '13900007071' } })).statusCode).toBe(403);
  });

  it('CH-6, CH-7: exit logged, confirmation outstanding until the consultant completes it; the broker sees "visited"', async () => {
    const ws = (await ca.call('GET', p('/channel/workspace'))).json() as { confirmationsOutstanding: { arrival: number; broker: string; receiver: string | null; customer: { masked: boolean } }[]; expectedToday: { report: number }[]; ranking: { broker: string; visits: number }[] };
    const open = ws.confirmationsOutstanding.filter((c) => c.broker === 'X');
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(open.every((c) => c.customer.masked)).toBe(true);
    expect(ws.expectedToday.length).toBeGreaterThanOrEqual(1);
    expect(ws.ranking.find((r) => r.broker === 'X')?.visits).toBeGreaterThanOrEqual(2);
    const first = open[0] as { arrival: number; receiver: string | null };
    expect((await desk.call('POST', p('/commands/leave'), { body: { arrival: first.arrival } })).statusCode).toBe(200);
    const a = await h.agent('consultant');
    const b = await h.agent('consultantB');
    expect((await b.call('POST', p('/commands/confirmViewing'), { body: { arrival: first.arrival, customerConfirmed: true } })).statusCode).toBe(422);
    expect((await a.call('POST', p('/commands/confirmViewing'), { body: { arrival: first.arrival, customerConfirmed: true } })).statusCode).toBe(200);
    const second = open[1] as { arrival: number };
    const m = await h.agent('manager');
    expect((await m.call('POST', p('/commands/markFake'), { body: { arrival: second.arrival, reason: '只领礼品' } })).statusCode).toBe(200);
    const after = (await ca.call('GET', p('/channel/workspace'))).json() as { confirmationsOutstanding: { arrival: number }[]; ranking: { broker: string; violations: number }[] };
    expect(after.confirmationsOutstanding.map((c) => c.arrival)).not.toContain(first.arrival);
    expect(after.ranking.find((r) => r.broker === 'X')?.violations).toBe(1);
    const mine = (await x.call('GET', p('/channel/my-reports'))).json() as { reports: { customer: { phone: string }; status: string; visitedAt: number | null }[] };
    expect(mine.reports.find((r) => r.customer.phone === '13900007040')).toMatchObject({ status: 'visited' });
  });

  it('CH-9 on the judge card: the protection’s stage and when it ends', async () => {
    const res = await desk.call('GET', p('/judge?phone=13900007011'));
    expect(res.statusCode).toBe(200);
    const j = res.json() as { channel: { broker: string; until: number; stage: { stage: string; until: number } } };
    expect(j.channel).toMatchObject({ broker: 'X', stage: { stage: 'reportToDeal' } });
    expect(j.channel.stage.until).toBe(j.channel.until);
  });

  it('every broker-side answer parses strictly with its contract schema', async () => {
    const applied = await apply(h, 'contract1');
    expect(brokerApplyAnswerSchema.parse(applied.json())).toBeTruthy();
    myApplicationSchema.parse((await x.call('GET', p('/channel/my-application'))).json());
    myReportsSchema.parse((await lead.call('GET', p('/channel/my-reports?scope=company'))).json());
    channelWorkspaceSchema.parse((await ca.call('GET', p('/channel/workspace'))).json());
    channelBrokersSchema.parse((await ca.call('GET', p('/channel/brokers'))).json());
    expect(reasonsOf(await report(x, '13900007080')).accepted).toBe(true);
    const rows = ((await x.call('GET', p('/channel/my-reports'))).json() as { reports: { seq: number; customer: { phone: string } }[] }).reports;
    const seq = rows.find((r) => r.customer.phone === '13900007080')?.seq;
    const code = escortCodeSchema.parse((await x.call('GET', p(`/channel/reports/${seq}/escort`))).json());
    escortAdmitAnswerSchema.parse((await desk.call('POST', p('/channel/admit'), { body: { phone: '13900007080', code: code.code } })).json());
  });
});
