// The broker side over HTTP (CH-1..10): the public broker application, the broker's own application and
// reports (with the escort code of each live report), the desk's escort admission, and the channel
// manager's workspace and broker list. Customers appear as the caller may see them (SEC-1): a broker sees
// what they reported, a company lead their colleagues' reports masked; refusals say only "already protected".
import type { FastifyInstance } from 'fastify';
import { AccountError, addUser, findUser, grant } from '../accounts/accounts-store.ts';
import { brokerReportRow, channelWorkspace, myReports, readableBrokers, type BrokerReportRow } from '../app/channel.queries.ts';
import type { BrokerApplicationRecord } from '../core/channel-book.ts';
import type { Engine } from '../core/engine.ts';
import { displayMasked, maskPhone, normalisePhone } from '../core/phone.ts';
import { ruleIds } from '../core/reasons.ts';
import { projectParams } from '../contracts/common.contract.ts';
import {
  brokerApplyAnswerSchema,
  brokerApplyBody,
  myApplicationSchema,
  channelBrokersSchema,
  channelWorkspaceSchema,
  escortAdmitAnswerSchema,
  escortAdmitBody,
  escortCodeSchema,
  myReportsQuery,
  myReportsSchema,
  reportParams,
  type BrokerApplication,
  type BrokerReport,
  type ChannelWorkspace,
} from '../contracts/channel.contract.ts';
import { addProjectRoute, addRoute, inProject, type RouteDeps } from './api-route.ts';
import { arrivalView, reportedCustomer, staffSide } from './channel-customers.ts';
import { channelVisitRoutes } from './channel-visits.routes.ts';
import { localTime, maskName, staffNames } from './customer-view.ts';
import { EscortCodes } from './escort-codes.ts';
import { EscortAttempts } from './escort-attempts.ts';
import { ApiError } from './error-map.ts';

export interface ChannelRouteDeps extends RouteDeps {
  readonly escortCodes: EscortCodes;
}

function applicationView(a: BrokerApplicationRecord, zone: string): BrokerApplication {
  const p = a.profile;
  return {
    broker: { id: p.id, kind: p.kind, company: p.company ?? null, store: p.store ?? null, companyLead: p.companyLead === true, name: p.name ?? null },
    status: a.status,
    appliedAt: a.appliedAt,
    appliedAtLocal: localTime(a.appliedAt, zone),
    decidedAt: a.decidedAt,
    decidedAtLocal: localTime(a.decidedAt, zone),
    decidedBy: a.decidedBy,
    reason: a.reason,
    enteredBy: a.enteredBy,
  };
}

function reportView(r: BrokerReportRow, me: string, zone: string): BrokerReport {
  const e = r.entry;
  return {
    seq: e.seq,
    at: e.at,
    atLocal: localTime(e.at, zone),
    broker: e.broker,
    customer: reportedCustomer({ key: e.key, masked: e.masked, name: e.name }, e.broker === me),
    expectedAt: e.expectedAt,
    expectedAtLocal: localTime(e.expectedAt, zone),
    status: r.status,
    stage: r.stage,
    protectedUntil: r.protectedUntil,
    protectedUntilLocal: localTime(r.protectedUntil, zone),
    visitedAt: r.visitedAt,
    escortAvailable: r.escortAvailable && e.broker === me,
    reasons: r.reasons,
    rules: ruleIds(r.reasons),
  };
}

function brokerOf(caller: { brokerId: string | null }): string {
  if (caller.brokerId === null) throw new ApiError('forbidden', { detail: 'your membership names no broker id' });
  return caller.brokerId;
}

export function channelRoutes(app: FastifyInstance, deps: ChannelRouteDeps): void {
  const { db, clock, offices, escortCodes } = deps;
  const perDesk = new EscortAttempts(20);
  const perPhone = new EscortAttempts(5);

  // ---- the public sign-up (CH-2): the account is made with role broker; it can do nothing until approved ----
  addRoute(app, {
    method: 'POST',
    url: '/api/channel/apply',
    access: 'public',
    summary: 'A broker applies: creates their account (role broker, pending) and records the application (CH-1, CH-2)',
    tags: ['channel'],
    body: brokerApplyBody,
    answer: brokerApplyAnswerSchema,
    status: 201,
    config: { rateLimit: { max: deps.loginRateLimit.max, timeWindow: deps.loginRateLimit.timeWindowMs } },
    handler: async ({ body }, _req, reply) => {
      const handle = await offices.open(body.project);
      if (!handle) throw new ApiError('unknown_project', { detail: `no project "${body.project}"` });
      if (body.kind !== 'individual' && !body.company) throw new ApiError('validation', { issues: [{ in: 'body', path: 'company', code: 'custom', message: 'a channel company broker names the company' }] });
      if (await findUser(db, body.login)) throw new ApiError('login_taken');
      const brokerId = `b-${body.login.trim().toLowerCase()}`;
      const engine = await handle.engine();
      if (engine.brokers.has(brokerId)) throw new ApiError('login_taken');
      let user;
      try {
        user = await addUser(db, { login: body.login, displayName: body.name, password: body.password }, { now: clock(), hashCost: deps.hashCost });
      } catch (e) {
        if (e instanceof AccountError) throw new ApiError(/taken/.test(e.message) ? 'login_taken' : 'validation', { detail: e.message });
        throw e;
      }
      const profile = { id: brokerId, kind: body.kind, name: body.name, ...(body.company ? { company: body.company } : {}), ...(body.store ? { store: body.store } : {}), ...(body.companyLead ? { companyLead: true } : {}) };
      const executed = await handle.execute({ do: 'applyBroker', broker: profile }, { kind: 'user', id: user.id });
      if (!executed.ok) throw new ApiError(executed.refusal.code, { detail: executed.refusal.message });
      await grant(db, { login: user.login, project: body.project, role: 'broker', brokerId }, { now: clock() });
      const app = (await handle.engine()).channelBook.applications.get(brokerId);
      if (!app) throw new Error('the application was recorded but is not in the channel book');
      void reply.status(201);
      return { login: user.login, project: body.project, application: applicationView(app, handle.project.zone) };
    },
  });

  // ---- the broker's own reads ----
  addProjectRoute(app, 'myApplication', {
    summary: "The broker's application and its decision (CH-2), with what the report form asks: the number style (CH-8) and the lead time (CH-5); all an unapproved broker may see",
    tags: ['channel'],
    params: projectParams,
    answer: myApplicationSchema,
    handler: async (_input, req) => {
      const { caller, handle } = inProject(req);
      const engine = await handle.engine();
      const app = engine.channelBook.applications.get(brokerOf(caller));
      if (!app) throw new ApiError('not_found', { detail: 'no application for your broker id' });
      const { reportNumber, minLeadMinutes } = engine.policy.channel;
      // CH-5's lead time binds distributors (分销) only: judgeArrivalChannel asks it of no other kind.
      return { ...applicationView(app, handle.project.zone), reportNumber, leadMinutes: app.profile.kind === 'distributor' ? minLeadMinutes : 0 };
    },
  });

  addProjectRoute(app, 'myReports', {
    summary: "The broker's reports with status (protected until, CH-9 stage, visited, lapsed, refused and why); a company lead may ask for the company's",
    tags: ['channel'],
    params: projectParams,
    query: myReportsQuery,
    answer: myReportsSchema,
    handler: async ({ query }, req) => {
      const { caller, handle } = inProject(req);
      const me = brokerOf(caller);
      const engine = await handle.engine();
      const now = clock();
      const rows = myReports(engine, readableBrokers(engine, me, query.scope ?? 'own'), now);
      return { now, reports: rows.map((r) => reportView(r, me, handle.project.zone)), names: {} };
    },
  });

  addProjectRoute(app, 'escortCode', {
    summary: "A live report's escort code (CH-10): six digits and a signed QR token, short-lived",
    tags: ['channel'],
    params: reportParams,
    answer: escortCodeSchema,
    handler: async ({ params }, req) => {
      const { caller, handle } = inProject(req);
      const me = brokerOf(caller);
      const engine = await handle.engine();
      const entry = engine.channelBook.reports.get(params.report);
      // Another broker's report is as unknown as a missing one: nothing tells a broker what others reported.
      if (!entry || entry.broker !== me) throw new ApiError('not_found', { detail: 'no such report of yours' });
      const now = clock();
      if (engine.channelBook.escortUsed.has(entry.seq)) throw new ApiError('escort_used');
      const row = brokerReportRow(engine, entry, now);
      if (!row.escortAvailable) throw new ApiError('escort_expired', { detail: 'the report is not protecting its customer now' });
      return { report: entry.seq, ...escortCodes.issue({ project: handle.project.id, report: entry.seq, broker: me, customer: entry.key }, now) };
    },
  });

  // ---- the desk: a broker-brought party arrives with its escort code (CH-10, CH-5, CH-6) ----
  addProjectRoute(app, 'admitEscort', {
    summary: 'Admit a broker-brought party by the escort code (typed six digits with the phone, or the scanned token): records the arrival with broker and report (CH-10)',
    tags: ['channel'],
    params: projectParams,
    body: escortAdmitBody,
    answer: escortAdmitAnswerSchema,
    handler: async ({ body }, req) => {
      const { caller, handle } = inProject(req);
      const now = clock();
      const phone = normalisePhone(body.phone);
      if (phone === null) throw new ApiError('invalid_phone', { detail: `"${body.phone}" is not a valid phone number` });
      const deskKey = [`${handle.project.id}|${caller.userId}`];
      const phoneKey = [`${handle.project.id}|${phone}`];
      const wait = Math.max(perDesk.blocked(deskKey, now) ?? -1, perPhone.blocked(phoneKey, now) ?? -1);
      if (wait >= 0) throw new ApiError('escort_attempts', { retryAfterSeconds: wait });
      const engine = await handle.engine();
      const live = engine.channel(phone, now);
      const entry = live ? engine.channelBook.reports.get(live.report.seq) : undefined;
      const verdict = live && entry ? escortCodes.check({ project: handle.project.id, report: entry.seq, broker: entry.broker, customer: entry.key }, body, now) : 'invalid';
      if (verdict !== 'ok' || !live) {
        perDesk.fail(deskKey, now);
        perPhone.fail(phoneKey, now);
        throw new ApiError(verdict === 'expired' ? 'escort_expired' : 'escort_invalid');
      }
      perPhone.clear(phoneKey);
      if (engine.channelBook.escortUsed.has(live.report.seq)) throw new ApiError('escort_used');
      const executed = await handle.execute({ do: 'arrive', phone, ...(body.name ? { name: body.name } : {}), broker: live.broker, escortOf: live.report.seq }, { kind: 'user', id: caller.userId });
      if (!executed.ok) throw new ApiError(executed.refusal.code, { detail: executed.refusal.message, ...(executed.refusal.reasons ? { reasons: executed.refusal.reasons } : {}) });
      const a = executed.answer;
      return { seq: executed.seq ?? null, report: live.report.seq, broker: live.broker, receiver: a.receiver ?? null, channel: a.channel ?? null, reasons: a.reasons };
    },
  });

  // ---- the channel manager (CH-2, CH-6..8) ----
  addProjectRoute(app, 'channelWorkspace', {
    summary: "The channel assistant's desk: today's expected broker arrivals, pending approvals, manual checks (CH-8), confirmations outstanding (CH-7), natural visits (CH-10), probing, broker ranking",
    tags: ['channel'],
    params: projectParams,
    answer: channelWorkspaceSchema,
    handler: async (_input, req) => {
      const { handle } = inProject(req);
      const engine = await handle.engine();
      const now = clock();
      return presentWorkspace(engine, now, handle.project.zone);
    },
  });

  addProjectRoute(app, 'channelBrokers', {
    summary: 'Every broker with their standing: pending, approved or rejected, and why (CH-1, CH-2)',
    tags: ['channel'],
    params: projectParams,
    answer: channelBrokersSchema,
    handler: async (_input, req) => {
      const { handle } = inProject(req);
      const engine = await handle.engine();
      return { brokers: [...engine.channelBook.applications.values()].map((a) => applicationView(a, handle.project.zone)) };
    },
  });

  channelVisitRoutes(app, deps);
}

function presentWorkspace(engine: Engine, now: number, zone: string): ChannelWorkspace {
  const w = channelWorkspace(engine, now);
  const style = engine.policy.channel.reportNumber;
  const masked = (key: string) => ({ phone: style === 'full' ? displayMasked(key) : (maskPhone(key, style) ?? displayMasked(key)), name: maskName(engine.customers.get(key)?.name ?? null), masked: true });
  const people = new Set<string>();
  for (const c of w.confirmationsOutstanding) if (c.receiver) people.add(c.receiver);
  for (const a of w.pendingApprovals) if (a.enteredBy) people.add(a.enteredBy);
  return {
    now,
    expectedToday: w.expectedToday.map((x) => ({ ...x, customer: staffSide(x.customer), expectedAtLocal: localTime(x.expectedAt, zone) })),
    pendingApprovals: w.pendingApprovals.map((a) => applicationView(a, zone)),
    manualChecks: w.manualChecks.map((m) => ({ ...m, atLocal: localTime(m.at, zone), candidates: m.candidates.map(masked) })),
    confirmationsOutstanding: w.confirmationsOutstanding.map((c) => arrivalView(c, zone)),
    naturalVisits: w.naturalVisits.map((n) => ({ ...n, customer: staffSide(n.customer), atLocal: localTime(n.at, zone) })),
    probes: w.probes,
    ranking: w.ranking,
    names: staffNames(engine, people),
  };
}
