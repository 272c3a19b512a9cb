// The money side's reads (DEAL-2..6), one function per endpoint below /api/projects/:project: the order
// register and one order's story, the disputes inbox, the day's published orders, and the free units a
// unit picker offers (from the 销控 grid). Writes go through api-client's `command`.
import { query, request, seg } from './http.ts';
import type { DisputesInbox, GridCell, OrderDetailView, OrderRegister, PublishedOrders, UnitGridView } from '../../contracts/index.ts';

const base = (project: string) => `/api/projects/${seg(project)}`;

export type OrderStateFilter = 'live' | 'refund' | 'default' | 'all';

export interface OrderRegisterQuery {
  readonly state?: OrderStateFilter;
  /** A consultant whose orders (closed or credited) to list; a consultant always gets their own. */
  readonly of?: string;
  /** Local days, YYYY-MM-DD, both included. */
  readonly from?: string;
  readonly to?: string;
}

/** GET /orders: the register (认购/签约台账); a consultant gets the orders that credit them. */
export function getOrders(project: string, q: OrderRegisterQuery = {}): Promise<OrderRegister> {
  return request<OrderRegister>('GET', `${base(project)}/orders${query({ ...q })}`);
}

/** GET /orders/:id: stages with amounts, swaps, name changes, credit with reasons, the dispute and its dossier. */
export function getOrder(project: string, id: number): Promise<OrderDetailView> {
  return request<OrderDetailView>('GET', `${base(project)}/orders/${id}`);
}

/** GET /disputes: every open dispute with its dossier (managers, supervisors). */
export function getDisputes(project: string): Promise<DisputesInbox> {
  return request<DisputesInbox>('GET', `${base(project)}/disputes`);
}

/** GET /orders/published (DEAL-6): the day's orders for the whole floor, phones masked; today when no day. */
export function getPublishedOrders(project: string, day?: string): Promise<PublishedOrders> {
  return request<PublishedOrders>('GET', `${base(project)}/orders/published${query({ day })}`);
}

/** The units on sale now (status free) from GET /units/grid, for a unit picker. */
export function getFreeUnits(project: string): Promise<readonly GridCell[]> {
  return request<UnitGridView>('GET', `${base(project)}/units/grid`).then((grid) => grid.cells.filter((c) => c.status === 'free'));
}
