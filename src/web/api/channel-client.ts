// The broker side's reads and its two non-command writes (CH-1..10), one function per endpoint: the public
// broker sign-up, the broker's reports and a report's escort code, the desk's escort admission, the channel
// assistant's workspace and the broker list. Other writes (report, approve, leave, confirm…) are commands
// through api-client's `command`.
import { query, request, seg, type WriteOptions } from './http.ts';
import type { BrokerApplyAnswer, BrokerApplyBody, ChannelBrokers, ChannelWorkspace, EscortAdmitAnswer, EscortAdmitBody, EscortCode, EscortedToday, MyApplication, MyConfirmations, MyReports } from '../../contracts/index.ts';

const base = (project: string) => `/api/projects/${seg(project)}/channel`;

/** POST /api/channel/apply: a broker signs up; the account waits for the channel manager (CH-2). */
export function applyAsBroker(body: BrokerApplyBody, options?: WriteOptions): Promise<BrokerApplyAnswer> {
  return request<BrokerApplyAnswer>('POST', '/api/channel/apply', body, options);
}

/** GET /channel/my-application: the broker's own application and its decision (CH-2), with the report form's number style and lead time; the one read before approval. */
export function getMyApplication(project: string): Promise<MyApplication> {
  return request<MyApplication>('GET', `${base(project)}/my-application`);
}

/** GET /channel/my-reports: the broker's own reports (a company lead: `company`, the company's), newest first. */
export function getMyReports(project: string, scope: 'own' | 'company' = 'own'): Promise<MyReports> {
  return request<MyReports>('GET', `${base(project)}/my-reports${query({ scope })}`);
}

/** GET /channel/reports/:report/escort: a fresh escort code of a live report (CH-10). */
export function getEscortCode(project: string, report: number): Promise<EscortCode> {
  return request<EscortCode>('GET', `${base(project)}/reports/${report}/escort`);
}

/** POST /channel/admit: the desk admits a broker-brought party on the broker's code (CH-10, CH-6). */
export function admitEscorted(project: string, body: EscortAdmitBody, options?: WriteOptions): Promise<EscortAdmitAnswer> {
  return request<EscortAdmitAnswer>('POST', `${base(project)}/admit`, body, options);
}

/** GET /channel/workspace: the channel assistant's desk. */
export function getChannelWorkspace(project: string): Promise<ChannelWorkspace> {
  return request<ChannelWorkspace>('GET', `${base(project)}/workspace`);
}

/** GET /channel/brokers: every broker with their standing. */
export function getBrokers(project: string): Promise<ChannelBrokers> {
  return request<ChannelBrokers>('GET', `${base(project)}/brokers`);
}

/** GET /channel/escorted-today: today's broker-brought parties with their logged exit and confirmation (CH-6, CH-7). */
export function getEscortedToday(project: string): Promise<EscortedToday> {
  return request<EscortedToday>('GET', `${base(project)}/escorted-today`);
}

/** GET /channel/my-confirmations: the viewing confirmations the signed-in consultant still owes (CH-7). */
export function getMyConfirmations(project: string): Promise<MyConfirmations> {
  return request<MyConfirmations>('GET', `${base(project)}/my-confirmations`);
}
