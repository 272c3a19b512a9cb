// (a) Every endpoint called by every role: a role the table does not grant gets 403, nobody signed in
// gets 401, and a granted role gets past access (whatever the domain then answers). The requests are
// harmless samples: departures and suspensions name nobody real, so the roster stays as it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS, type EndpointName } from '../../src/api/access.policy.ts';
import { ACCOUNT_ROLES, type AccountRole } from '../../src/accounts/roles.ts';
import { STANDARD_POLICY } from '../../src/core/policy.ts';
import { OTHER_PROJECT, p, PROJECT, ROLE_USER, startHarness, type Harness } from './api-harness.ts';
import { DISPLAY_MAY } from '../../src/api/access.policy.ts';
import { pairedDisplay } from './display-agent.ts';

interface Sample {
  readonly path?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** A request to each endpoint that a permitted caller may send without changing who is on the roster. */
const SAMPLES: Readonly<Record<EndpointName, Sample>> = {
  signIn: { body: {} },
  signOut: { body: {} },
  away: { body: { reason: 'business' } },
  back: { body: {} },
  done: { body: {} },
  reclassify: { body: {} },
  decline: { body: {} },
  arrive: { body: { phone: '139 0000 0001', broker: 'X' } },
  reorder: { body: { order: [], reason: 'role table' } },
  outOfTurn: { body: { who: 'NOBODY' } },
  suspend: { body: { who: 'NOBODY', days: 1 } },
  register: { body: { via: 'call', phone: '13900000002' } },
  followUp: { body: { phone: '13900000002', reached: false } },
  link: { body: { phone: '13900000003', to: '13900000004', relation: 'spouse' } },
  merge: { body: { phone: '13900000005', into: '13900000006' } },
  reassign: { body: { phone: '13900000007', to: 'NOBODY' } },
  assignIntroduced: { body: { phone: 'not a phone', source: '角色表' } },
  freezeRegister: { body: { note: '角色表' } },
  markAlertRead: { body: { arrival: 999999 } },
  depart: { body: { who: 'NOBODY' } },
  report: { body: { phone: '13900000008' } },
  deal: { body: { phone: '13900000009', unit: 'NO-UNIT', stage: 'deposit' } },
  dispute: { body: { unit: 'NO-UNIT' } },
  refund: { body: { unit: 'NO-UNIT', reason: 'role table' } },
  swap: { body: { unit: 'NO-UNIT', to: 'NO-UNIT-2' } },
  changeBuyer: { body: { unit: 'NO-UNIT', change: 'addName', name: '李', reason: 'role table' } },
  resolve: { body: { unit: 'NO-UNIT' } },
  hold: { body: { unit: 'NO-UNIT', reason: 'role table' } },
  release: { body: { unit: 'NO-UNIT' } },
  importUnits: { body: { units: [{ id: 'NO-UNIT' }], file: 'role-table.xlsx' } },
  editUnit: { body: { unit: { id: 'NO-UNIT' } } },
  withdrawUnit: { body: { unit: 'NO-UNIT', reason: 'role table' } },
  addStaff: { body: { staff: { id: 'A', role: 'consultant' } } },
  addBroker: { body: { broker: { id: 'X', kind: 'agency', approved: true } } },
  addUnit: { body: { unit: { id: 'U1' } } },
  setPolicy: { body: { policy: STANDARD_POLICY } },
  recordViolation: { body: { who: 'NOBODY', rule: 'quarrel', evidence: [], sanction: { kind: 'warning' } } },
  appeal: { body: { violation: 999999, grounds: '角色表' } },
  decideAppeal: { body: { violation: 999999, upheld: true, reason: '角色表' } },
  decideLateEntry: { body: { entry: 999999, approved: true } },
  identify: { body: { entry: 999999, phone: '13800138000' } },
  violations: {},
  riskAlerts: {},
  judgeByName: { path: '/judge/by-name?name=' + encodeURIComponent('张三') },
  pendingEntries: {},
  importEntry: { body: { batch: 'role-table', row: 1, entry: { kind: 'visit', at: 0, phone: '13900000999', consultant: 'NOBODY', name: '角色表' } } },
  // A register of one header line: read, planned, nothing to commit.
  registerImportPlan: { body: { fileName: 'r.csv', contentBase64: Buffer.from('日期,姓名,电话,置业顾问\n').toString('base64') } },
  registerImportRejects: { body: { fileName: 'r.csv', contentBase64: Buffer.from('日期,姓名,电话,置业顾问\n').toString('base64') } },
  registerImportCommit: { body: { fileName: 'r.csv', contentBase64: Buffer.from('日期,姓名,电话,置业顾问\n').toString('base64') } },
  dailySummary: {},
  dailySummaryExport: {},
  ownershipDesk: {},
  myAlerts: {},
  floor: {},
  today: {},
  // An invalid Last-Event-ID is refused after access is granted, so no stream is opened under inject().
  stream: { headers: { 'last-event-id': 'not-a-number' } },
  judge: { path: '/judge?phone=13900000010' },
  ownership: { path: '/customers/13900000010/ownership' },
  timeline: { path: '/customers/13900000010/timeline' },
  myCustomers: {},
  credit: { path: '/units/U1/credit' },
  unitGrid: { path: '/units/grid' },
  unitHistory: { path: '/units/U1' },
  unitImportPlan: { body: { fileName: 'x.csv', contentBase64: Buffer.from('楼栋,房号\n1栋,0101\n').toString('base64') } },
  unitImportCommit: { body: { fileName: 'x.csv', contentBase64: 'bm90IGEgZmlsZQ==' } },
  orders: {},
  order: { path: '/orders/1' },
  disputes: {},
  publishedOrders: { path: '/orders/published?day=2026-03-02' },
  recordReads: {},
  customers: { path: '/customers?q=139&status=pool' },
  staff: {},
  performance: { path: '/performance?month=2026-03' },
  policy: {},
  policyWhatIf: { body: { policy: STANDARD_POLICY, days: 1 } },
  // the broker side: samples that name no real record, so nothing changes
  applyBroker: { body: { broker: { id: 'X', kind: 'individual', name: '角色表' } } },
  approveBroker: { body: { broker: 'NOBODY' } },
  rejectBroker: { body: { broker: 'NOBODY', reason: 'role table' } },
  leave: { body: { arrival: 999999 } },
  confirmViewing: { body: { arrival: 999999, customerConfirmed: true } },
  refuseConfirmation: { body: { arrival: 999999, reason: 'role table' } },
  markFake: { body: { arrival: 999999, reason: 'role table' } },
  decideManualCheck: { body: { ref: 999999, recognised: false, reason: 'role table' } },
  myApplication: {},
  myReports: {},
  escortCode: { path: '/channel/reports/999999/escort' },
  admitEscort: { body: { phone: '13900000011', code: '000000' } },
  channelWorkspace: {},
  channelBrokers: {},
  // channel-finish (issue 10)
  escortedToday: {},
  myConfirmations: {},
  // reports
  registerOptions: {},
  officeReport: { path: '/reports?period=day&date=2026-03-02' },
  reportExport: { path: '/reports/export?sheet=visits&date=2026-03-02' },
  // tv-pairing: a code nobody shows, a display nobody paired
  displays: {},
  pairDisplay: { body: { code: '000000', name: '角色表' } },
  revokeDisplay: { path: '/displays/NOBODY/revoke' },
};

const names = Object.keys(ENDPOINTS) as EndpointName[];

describe('role × endpoint table', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
    // Every case above that did not hold has failed its test, so the figure printed is the leak-free size.
    console.log(`role × endpoint × project matrix: ${matrix.endpoints.size} endpoints (all of ENDPOINTS: ${names.length}), ${ACCOUNT_ROLES.length} roles + anonymous + outsider, 2 projects: ${matrix.cases} cases`);
  });
  const matrix = { cases: 0, endpoints: new Set<EndpointName>() };

  const requestOf = (name: EndpointName) => {
    const e = ENDPOINTS[name];
    const s = SAMPLES[name];
    return { method: e.method, url: p(s.path ?? e.path), options: { ...(s.body !== undefined ? { body: s.body } : {}), ...(s.headers ? { headers: s.headers } : {}) } };
  };

  it('every endpoint in the table has its route', () => {
    for (const name of names) {
      const e = ENDPOINTS[name];
      expect(h.app.hasRoute({ method: e.method, url: `/api/projects/:project${e.path}` }), name).toBe(true);
    }
  });

  it.each(names)('%s: 401 without a session', async (name) => {
    const { method, url, options } = requestOf(name);
    const res = await h.anonymous(method, url, options);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it.each(names)('%s: each role as the table says', async (name) => {
    const { method, url, options } = requestOf(name);
    for (const role of ACCOUNT_ROLES as readonly AccountRole[]) {
      const agent = await h.agent(ROLE_USER[role]);
      const res = await agent.call(method, url, options);
      if (ENDPOINTS[name].grants[role]) {
        expect([401, 403], `${role} on ${name}: ${res.body}`).not.toContain(res.statusCode);
        expect(res.statusCode, `${role} on ${name}: ${res.body}`).toBeLessThan(500);
      } else {
        expect(res.statusCode, `${role} on ${name}: ${res.body}`).toBe(403);
        expect(res.json()).toMatchObject({ code: 'forbidden' });
      }
    }
    // A member of another project only is refused everywhere in this one.
    const outsider = await h.agent('outsider');
    expect((await outsider.call(method, url, options)).statusCode).toBe(403);
    // And every member of this project is refused in the other, whatever their role here (the × project of
    // the matrix); the admin, installation-wide, is the table's everywhere and is checked above.
    const elsewhere = url.replace(`/api/projects/${PROJECT}/`, `/api/projects/${OTHER_PROJECT}/`);
    for (const role of ACCOUNT_ROLES.filter((r) => r !== 'admin')) {
      const res = await (await h.agent(ROLE_USER[role])).call(method, elsewhere, options);
      expect(res.statusCode, `${role} of ${PROJECT} on ${name} in ${OTHER_PROJECT}: ${res.body}`).toBe(403);
    }
    matrix.cases += 1 + ACCOUNT_ROLES.length + 1 + ACCOUNT_ROLES.length - 1;
    matrix.endpoints.add(name);
  });

  it('self-only callers may not act for others', async () => {
    const a = await h.agent('consultant');
    for (const [action, body] of [
      ['signIn', { who: 'B' }],
      ['away', { who: 'B', reason: 'private' }],
      ['register', { by: 'B', via: 'visit', phone: '13900000011' }],
      ['register', { via: 'visit', phone: '13900000011', for: 'B' }],
      ['followUp', { by: 'B', phone: '13900000011', reached: true }],
      ['deal', { by: 'B', phone: '13900000011', unit: 'U1', stage: 'deposit' }],
    ] as const) {
      const res = await a.call('POST', p(`/commands/${action}`), { body });
      expect(res.statusCode, `${action} ${JSON.stringify(body)}`).toBe(403);
      expect(res.json()).toMatchObject({ code: 'not_yourself' });
    }
    expect((await a.call('GET', p('/my-customers?of=B'))).json()).toMatchObject({ code: 'not_yourself' });
    const broker = await h.agent('broker');
    expect((await broker.call('POST', p('/commands/report'), { body: { broker: 'Y', phone: '13900000012' } })).json()).toMatchObject({ code: 'not_yourself' });
    // A manager's order is recorded as given by the manager, whatever the body says.
    const m = await h.agent('manager');
    expect((await m.call('POST', p('/commands/reorder'), { body: { by: 'S', order: [], reason: 'x' } })).json()).toMatchObject({ code: 'not_yourself' });
  });

  it('fills the caller in: a consultant signs themself in; a broker reports as their broker id', async () => {
    const a = await h.agent('consultant');
    await a.call('POST', p('/commands/signIn'), { body: {} });
    expect((await a.call('GET', p('/floor'))).json().queue).toContain('A');
    const broker = await h.agent('broker');
    const res = await broker.call('POST', p('/commands/report'), { body: { phone: '137 0000 0013', name: '钱先生' } });
    expect(res.statusCode).toBe(200);
    const facts = await h.handle.facts(0);
    expect(facts.at(-1)).toMatchObject({ type: 'reported', broker: 'X', phone: '13700000013' });
  });

  it('a channel assistant records only arrivals a broker brings', async () => {
    const ca = await h.agent('channelAssistant');
    expect((await ca.call('POST', p('/commands/arrive'), { body: { phone: '13900000014' } })).json()).toMatchObject({ code: 'forbidden' });
    expect((await ca.call('POST', p('/commands/arrive'), { body: { phone: '13900000014', broker: 'X' } })).statusCode).toBe(200);
  });

  it("a consultant links family only among their own customers; a link that hands a phone to an owner is the manager's (OWN-7)", async () => {
    await h.run({ do: 'signIn', who: 'B' });
    await h.run({ do: 'register', by: 'B', via: 'visit', phone: '13600000001', name: '孙先生', needs: '两房' });
    const a = await h.agent('consultant');
    const res = await a.call('POST', p('/commands/link'), { body: { phone: '13600000002', to: '13600000001', relation: 'spouse' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden' });
    // The linked phone is nobody's yet: the link would make it B's, so B cannot make it alone; the manager can.
    const b = await h.agent('consultantB');
    const byB = await b.call('POST', p('/commands/link'), { body: { phone: '13600000002', to: '13600000001', relation: 'spouse' } });
    expect(byB.statusCode).toBe(409);
    expect(byB.json()).toMatchObject({ code: 'link_needs_confirmation' });
    const m = await h.agent('manager');
    expect((await m.call('POST', p('/commands/link'), { body: { phone: '13600000002', to: '13600000001', relation: 'spouse' } })).statusCode).toBe(200);
  });

  it('site endpoints: the session for anyone signed in, creating projects for the admin only', async () => {
    for (const [method, url] of [
      ['GET', '/api/session'],
      ['GET', '/api/projects'],
      ['POST', '/api/projects'],
      ['DELETE', '/api/session'],
    ] as const) {
      expect((await h.anonymous(method, url)).statusCode, `${method} ${url}`).toBe(401);
    }
    const m = await h.agent('manager');
    expect((await m.call('POST', '/api/projects', { body: { id: 'p3', name: '三号' } })).statusCode).toBe(403);
    expect((await m.call('GET', '/api/projects')).json().projects.map((x: { id: string }) => x.id)).toEqual(['p1']);
    const admin = await h.agent('admin');
    expect((await admin.call('POST', '/api/projects', { body: { id: 'p3', name: '三号' } })).statusCode).toBe(201);
    expect((await admin.call('POST', '/api/projects', { body: { id: 'p3', name: '三号' } })).json()).toMatchObject({ code: 'project_exists' });
    expect((await admin.call('GET', '/api/projects')).json().projects.map((x: { id: string }) => x.id)).toEqual(['p1', 'p2', 'p3']);
    // An admin sets a new project up but reads no customer data in it.
    expect((await admin.call('POST', '/api/projects/p3/commands/addStaff', { body: { staff: { id: 'Z', role: 'consultant' } } })).statusCode).toBe(200);
    expect((await admin.call('GET', '/api/projects/p3/judge?phone=13800138000')).statusCode).toBe(403);
    expect((await admin.call('GET', '/api/projects/nope/floor')).statusCode).toBe(403);
    expect((await admin.call('POST', '/api/projects/nope/commands/addUnit', { body: { unit: { id: 'U9' } } })).statusCode).toBe(404);
  });

  // tv-pairing (issue 16.1): a paired display is not a person — its credential reaches the board and nothing else.
  it('a paired display: the board and its stream in its own project, nothing else anywhere', async () => {
    const tv = await pairedDisplay(h, '角色表电视');
    for (const name of names) {
      const { method, url, options } = requestOf(name);
      const res = await tv.call(method, url, options);
      if (DISPLAY_MAY.includes(name)) {
        expect([401, 403], `display on ${name}: ${res.body}`).not.toContain(res.statusCode);
        expect(res.statusCode, `display on ${name}: ${res.body}`).toBeLessThan(500);
      } else {
        expect(res.statusCode, `display on ${name}: ${res.body}`).toBe(403);
        expect(res.json()).toMatchObject({ code: 'forbidden' });
      }
      // Not even the board of another project.
      expect((await tv.call(method, url.replace('/projects/p1/', '/projects/p2/'), options)).statusCode, `display on p2 ${name}`).toBe(403);
    }
    for (const [method, url] of [['GET', '/api/session'], ['GET', '/api/projects'], ['GET', '/api/admin/users'], ['POST', '/api/projects']] as const) {
      expect((await tv.call(method, url, method === 'POST' ? { body: { id: 'tv', name: 'tv' } } : {})).statusCode, `${method} ${url}`).toBe(401);
    }
  });
});
