// The violation register's read (PEN-1; its writes are commands: recordViolation, appeal, decideAppeal) and the risk alerts (RISK-1).
import type { RiskAnswer, ViolationsAnswer } from '../../contracts/index.ts';
import { query, request, seg } from './http.ts';

export function getViolations(project: string, of?: string): Promise<ViolationsAnswer> {
  return request<ViolationsAnswer>('GET', `/api/projects/${seg(project)}/violations${query({ of })}`);
}

/** RISK-1: the anomaly alerts of the last `days` (managers, supervisors). */
export function getRiskAlerts(project: string, days?: number): Promise<RiskAnswer> {
  return request<RiskAnswer>('GET', `/api/projects/${seg(project)}/risk-alerts${query({ days })}`);
}
