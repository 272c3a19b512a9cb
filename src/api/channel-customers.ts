// How the broker side's customers appear (SEC-1): a broker sees their own report as they typed it and a
// colleague's masked; staff see a broker-brought customer masked, the full number staying with the desk's
// judge and the owner's timeline.
import type { WorkspaceCustomer } from '../app/channel.queries.ts';
import type { ShownCustomer } from '../contracts/common.contract.ts';
import { displayMasked } from '../core/phone.ts';
import type { Instant } from '../core/time.ts';
import { localTime, maskName } from './customer-view.ts';

/** A reported customer as a broker may see it: their own report as they typed it; a colleague's masked. */
export function reportedCustomer(c: WorkspaceCustomer, own: boolean): ShownCustomer {
  if (c.masked) return { phone: c.key, name: own ? c.name : maskName(c.name), masked: true };
  return own ? { phone: c.key, name: c.name, masked: false } : { phone: displayMasked(c.key), name: maskName(c.name), masked: true };
}

/** The channel manager, the desk and the receiving consultant see a broker-brought customer masked (SEC-1). */
export function staffSide(c: WorkspaceCustomer): ShownCustomer {
  return c.masked ? { phone: c.key, name: maskName(c.name), masked: true } : { phone: displayMasked(c.key), name: maskName(c.name), masked: true };
}

/** A broker-brought arrival as staff read it: the customer masked, the arrival and the exit in local time. */
export function arrivalView<R extends { readonly customer: WorkspaceCustomer; readonly at: Instant; readonly leftAt: Instant | null }>(r: R, zone: string): Omit<R, 'customer'> & { customer: ShownCustomer; atLocal: string | null; leftAtLocal: string | null } {
  return { ...r, customer: staffSide(r.customer), atLocal: localTime(r.at, zone), leftAtLocal: localTime(r.leftAt, zone) };
}
