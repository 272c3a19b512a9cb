// The register import (issue 11.4) and the daily summary (issue 11.5) over HTTP, for the manager's workspace.
import type { DailySummaryView, RegisterImportBody, RegisterImportPlanView } from '../../contracts/index.ts';
import { request, requestFile, seg, type WriteOptions } from './http.ts';

const base = (project: string) => `/api/projects/${seg(project)}`;

/** The dry run: the mapping (remembered, suggested or the one sent), what would be imported, the rejects. */
export function planRegisterImport(project: string, body: RegisterImportBody): Promise<RegisterImportPlanView> {
  return request<RegisterImportPlanView>('POST', `${base(project)}/register-import`, body, { timeoutMs: 120_000 });
}

/** The commit: each planned entry recorded once; a long file takes a while. */
export function commitRegisterImport(project: string, body: RegisterImportBody, options: WriteOptions = {}): Promise<RegisterImportPlanView> {
  return request<RegisterImportPlanView>('POST', `${base(project)}/register-import/commit`, body, { ...options, timeoutMs: 30 * 60_000 });
}

/** The rejected rows as an .xlsx file. */
export function registerImportRejects(project: string, body: RegisterImportBody): Promise<Blob> {
  return requestFile(`${base(project)}/register-import/rejects`, body);
}

export function getDailySummary(project: string): Promise<DailySummaryView> {
  return request<DailySummaryView>('GET', `${base(project)}/daily-summary`);
}

/** The summary as .xlsx (the manager; a plain link, the session cookie goes along). */
export function dailySummaryExportUrl(project: string): string {
  return `${base(project)}/daily-summary/export`;
}
