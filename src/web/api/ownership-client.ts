// The ownership rules' reads (issue 12 item 3, RISK-2); their writes are commands (assignIntroduced,
// freezeRegister, markAlertRead).
import type { MyAlerts, OwnershipDeskView } from '../../contracts/index.ts';
import { request, seg } from './http.ts';

/** The manager's desk: whose turn the next introduced customer is, the rate, the last frozen register. */
export function getOwnershipDesk(project: string): Promise<OwnershipDeskView> {
  return request<OwnershipDeskView>('GET', `/api/projects/${seg(project)}/ownership-desk`);
}

/** RISK-2: my customers' arrivals I have not marked read. */
export function getMyAlerts(project: string): Promise<MyAlerts> {
  return request<MyAlerts>('GET', `/api/projects/${seg(project)}/alerts/mine`);
}
