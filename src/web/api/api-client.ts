// The typed API client: one function per endpoint the web app calls, project-scoped below
// /api/projects/:project. Writes are commands (POST /commands/:action) carrying an idempotency key.
import { request, query, seg, setCsrfToken, type WriteOptions } from './http.ts';
import type { Answer, AwayReason, Board, ContactVia, Judgement, MonthReport, OwnedCustomer, PolicyCatalogue, PolicyDoc, RecordRead, RegisterPage, RegisterStatus, Relation, RosterMember, SessionInfo, Timeline, TodayReception, WhatIfAnswer } from './api-types.ts';

// ---- session ----

export async function signIn(login: string, password: string): Promise<SessionInfo> {
  const session = await request<SessionInfo>('POST', '/api/session', { login, password });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function currentSession(): Promise<SessionInfo> {
  const session = await request<SessionInfo>('GET', '/api/session');
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  await request<unknown>('DELETE', '/api/session');
  setCsrfToken(null);
}

// ---- commands ----

export interface ArriveInput {
  readonly phone?: string;
  readonly name?: string;
  readonly plate?: string;
  readonly asksFor?: string;
  readonly nonCustomer?: boolean;
  readonly broker?: string;
  readonly referrer?: string;
}

export interface RegisterInput {
  readonly via: 'visit' | 'call';
  readonly by?: string;
  readonly phone?: string;
  readonly name?: string;
  readonly gender?: 'M' | 'F';
  readonly needs?: string;
  readonly plate?: string;
  readonly for?: string;
}

export interface FollowUpInput {
  readonly phone: string;
  readonly reached: boolean;
  readonly via?: ContactVia;
}

export interface CommandBodies {
  readonly signIn: { readonly who?: string };
  readonly signOut: { readonly who?: string };
  readonly away: { readonly who?: string; readonly reason: AwayReason };
  readonly back: { readonly who?: string };
  readonly done: { readonly who?: string };
  readonly reclassify: { readonly who?: string };
  readonly arrive: ArriveInput;
  readonly register: RegisterInput;
  readonly followUp: FollowUpInput;
  readonly link: { readonly phone: string; readonly to: string; readonly relation: Relation };
  readonly reassign: { readonly phone: string; readonly to: string; readonly reason?: string };
  readonly depart: { readonly who: string };
  readonly suspend: { readonly who: string; readonly days: number };
  readonly reorder: { readonly order: readonly string[]; readonly reason: string };
  readonly setPolicy: { readonly policy: PolicyDoc };
}

export type CommandName = keyof CommandBodies;

/** POST /commands/:name answers {answer, seq, replayed}; a refusal is an ApiError with the refusal's code. */
export async function command<C extends CommandName>(project: string, name: C, body: CommandBodies[C], options?: WriteOptions): Promise<Answer> {
  const done = await request<{ answer: Answer }>('POST', `/api/projects/${seg(project)}/commands/${name}`, body, options);
  return done.answer;
}

// ---- reads ----

const base = (project: string) => `/api/projects/${seg(project)}`;

export function getFloor(project: string): Promise<Board> {
  return request<Board>('GET', `${base(project)}/floor`);
}

export function getToday(project: string): Promise<{ readonly floor: Board; readonly receptions: readonly TodayReception[] }> {
  return request('GET', `${base(project)}/today`);
}

export type JudgeQuery = { readonly phone: string } | { readonly surname: string; readonly plate: string };

export function judge(project: string, q: JudgeQuery): Promise<Judgement> {
  return request<Judgement>('GET', `${base(project)}/judge${query(q)}`);
}

export function getTimeline(project: string, phone: string): Promise<Timeline> {
  return request<Timeline>('GET', `${base(project)}/customers/${seg(phone)}/timeline`);
}

/** The caller's customers, or (managers, supervisors) those of consultant `of`. */
export function getMyCustomers(project: string, of?: string): Promise<readonly OwnedCustomer[]> {
  return request<{ customers: readonly OwnedCustomer[] }>('GET', `${base(project)}/my-customers${query({ of })}`).then((r) => r.customers);
}

export function getRecordReads(project: string, customer?: string): Promise<readonly RecordRead[]> {
  return request<{ reads: readonly RecordRead[] }>('GET', `${base(project)}/record-reads${query({ customer })}`).then((r) => r.reads);
}

export interface RegisterQuery {
  readonly q?: string;
  readonly owner?: string;
  readonly status?: RegisterStatus;
  readonly page?: number;
  readonly size?: number;
}

/** The whole register, a page at a time (managers, supervisors; each customer shown is logged, SEC-2). */
export function getRegister(project: string, q: RegisterQuery = {}): Promise<RegisterPage> {
  return request<RegisterPage>('GET', `${base(project)}/customers${query({ ...q })}`);
}

/** Every member of staff, on today's board or not. */
export function getStaff(project: string): Promise<readonly RosterMember[]> {
  return request<{ staff: readonly RosterMember[] }>('GET', `${base(project)}/staff`).then((r) => r.staff);
}

/** The consultants' month (a consultant gets their own row only). */
export function getPerformance(project: string, q: { readonly month?: string; readonly of?: string } = {}): Promise<MonthReport> {
  return request<MonthReport>('GET', `${base(project)}/performance${query({ ...q })}`);
}

/** The policy in force and every knob of it (managers, supervisors, admins). */
export function getPolicy(project: string): Promise<PolicyCatalogue> {
  return request<PolicyCatalogue>('GET', `${base(project)}/policy`);
}

/** What would differ had `policy` been in force for the last `days` (default 30); records nothing. */
export function policyWhatIf(project: string, policy: PolicyDoc, days?: number): Promise<WhatIfAnswer> {
  return request<WhatIfAnswer>('POST', `${base(project)}/policy/what-if`, days === undefined ? { policy } : { policy, days });
}

export function streamUrl(project: string): string {
  return `${base(project)}/stream`;
}
