// The typed API client: one function per endpoint the web app calls, project-scoped below
// /api/projects/:project. Writes are commands (POST /commands/:action) carrying an idempotency key.
import { request, requestIfChanged, query, seg, setCsrfToken, type Conditional, type WriteOptions } from './http.ts';
import type { OfficeReportView, RegisterOptions, ReportSheet } from '../../contracts/index.ts';
import type {
  Answer,
  Board,
  ColumnMappingInput,
  CommandAction,
  CommandAnswer,
  CommandBody,
  Judgement,
  MonthReport,
  MyCustomers,
  PolicyCatalogue,
  PolicyDoc,
  RecordRead,
  RegisterPage,
  RegisterStatus,
  RosterMember,
  SessionInfo,
  Timeline,
  TodayAnswer,
  UnitGridView,
  UnitHistory,
  UnitImportPlan,
  WhatIfAnswer,
} from '../../contracts/index.ts';

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

// The bodies are the contract's (src/contracts/commands.contract.ts), save the policy editor's draft: the
// editor holds a policy loosely while it is edited, and the server checks it when it is tried or saved.
export type CommandBodies = { readonly [A in Exclude<CommandAction, 'setPolicy'>]: CommandBody<A> } & { readonly setPolicy: { readonly policy: PolicyDoc } };
export type CommandName = keyof CommandBodies;
export type ArriveInput = CommandBody<'arrive'>;
export type RegisterInput = CommandBody<'register'>;
export type FollowUpInput = CommandBody<'followUp'>;

/** POST /commands/:name answers {answer, seq, replayed}; a refusal is an ApiError with the refusal's code. */
export async function command<C extends CommandName>(project: string, name: C, body: CommandBodies[C], options?: WriteOptions): Promise<Answer> {
  const done = await request<CommandAnswer>('POST', `/api/projects/${seg(project)}/commands/${name}`, body, options);
  return done.answer;
}

// ---- reads ----

const base = (project: string) => `/api/projects/${seg(project)}`;

export function getFloor(project: string): Promise<Board> {
  return request<Board>('GET', `${base(project)}/floor`);
}

export function getToday(project: string): Promise<TodayAnswer> {
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
export function getMyCustomers(project: string, of?: string): Promise<MyCustomers['customers']> {
  return request<MyCustomers>('GET', `${base(project)}/my-customers${query({ of })}`).then((r) => r.customers);
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

// ---- units (DEAL-1) ----

/** The 销控 grid; `etag` from the last answer turns an unchanged grid into `body: null` (304). */
/** `since`: the log position of the grid the screen holds; the answer may then be a delta (`since` set). */
export function getUnitGrid(project: string, etag: string | null, since?: number): Promise<Conditional<UnitGridView>> {
  return requestIfChanged<UnitGridView>(`${base(project)}/units/grid${since === undefined ? '' : `?since=${since}`}`, etag);
}

export function getUnitHistory(project: string, unit: string): Promise<UnitHistory> {
  return request<UnitHistory>('GET', `${base(project)}/units/${seg(unit)}`);
}

/** A unit list to import: the file as base64, and the mapping (the server suggests one when left out). */
export interface UnitImportInput {
  readonly fileName: string;
  readonly contentBase64: string;
  readonly mapping?: ColumnMappingInput;
}

/** Dry run: what the sheet would add and change, or every bad row; records nothing. */
export function planUnitImport(project: string, body: UnitImportInput): Promise<UnitImportPlan> {
  return request<UnitImportPlan>('POST', `${base(project)}/units/import`, body);
}

/** The import as one fact (all rows or none); the same key on a retry records it once. */
export function commitUnitImport(project: string, body: UnitImportInput, options?: WriteOptions): Promise<UnitImportPlan> {
  return request<UnitImportPlan>('POST', `${base(project)}/units/import/commit`, body, options);
}

export function streamUrl(project: string): string {
  return `${base(project)}/stream`;
}

// ---- reports (REG-3, REP-1..4) ----
/** The office's options for the register's fields (every staff role). */
export function getRegisterOptions(project: string): Promise<RegisterOptions> {
  return request<RegisterOptions>('GET', `${base(project)}/register-options`);
}

/** The office report for a period (managers, supervisors). */
export function getOfficeReport(project: string, q: { readonly period: 'day' | 'week' | 'month'; readonly date: string }): Promise<OfficeReportView> {
  return request<OfficeReportView>('GET', `${base(project)}/reports${query({ ...q })}`);
}

/** Where one table of the report downloads as .xlsx (the manager; a plain link, the session cookie goes along). */
export function reportExportUrl(project: string, q: { readonly period: 'day' | 'week' | 'month'; readonly date: string; readonly sheet: ReportSheet }): string {
  return `${base(project)}/reports/export${query({ ...q })}`;
}
