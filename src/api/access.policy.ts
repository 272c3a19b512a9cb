// Who may call what: the one role × endpoint table of the API, and the functions that apply it. Routes
// never decide access themselves: they name their endpoint here and call `callerFor` / `resolveInput`.
// docs/API.md prints this table; test/api/role-table.test.ts calls every endpoint as every role.
import type { Session } from '../accounts/accounts-store.ts';
import type { AccountRole } from '../accounts/roles.ts';
import type { Action } from '../app/commands.ts';
import type { StaffId } from '../core/facts.ts';

/**
 * How a role may call an endpoint:
 * - `any`: as the request says (a manager signs in a consultant);
 * - `self`: only as themselves — the subject field is filled from the session, naming anyone else is refused;
 * - `withBroker`: only arrivals a broker brings (the channel assistant);
 * - `ownCustomers`: only customers that are the caller's own or nobody's (a consultant linking family);
 * - `onBehalf`: the caller is recorded as the writer (the subject), for the consultant the request names in
 *   the `selfOnly` fields (the front desk registers a walk-in for the consultant who received them, REG-1).
 */
export type Grant = 'any' | 'self' | 'withBroker' | 'ownCustomers' | 'onBehalf';

export type ReadName =
  | 'floor' | 'today' | 'judge' | 'ownership' | 'credit' | 'timeline' | 'myCustomers' | 'recordReads' | 'stream' | 'customers' | 'staff' | 'performance'
  | 'unitGrid' | 'unitHistory' | 'unitImportPlan' | 'unitImportCommit' | 'orders' | 'order' | 'disputes' | 'publishedOrders'
  // reports (REG-3, REP-1..4, SEC-2)
  | 'registerOptions' | 'officeReport' | 'reportExport'
  // office: the violation register, risk alerts
  | 'violations' | 'riskAlerts'
  // register hygiene (issue 12.2)
  | 'judgeByName' | 'pendingEntries'
  // ownership-rules: the manager's ownership desk (OWN-9, OWN-13), my unread arrival alerts (RISK-2)
  | 'ownershipDesk' | 'myAlerts'
  // register import (issue 11.4) and the daily summary (issue 11.5)
  | 'registerImportPlan' | 'registerImportRejects' | 'registerImportCommit' | 'dailySummary' | 'dailySummaryExport';
/** The policy editor: the policy with its knobs, and the what-if of an edited one (a POST that records nothing). */
export type PolicyEditorName = 'policy' | 'policyWhatIf';
/** The broker side (CH-1..10): the broker's own reads, the desk's escort admission, the channel assistant's desk. */
export type ChannelReadName = 'myApplication' | 'myReports' | 'escortCode' | 'admitEscort' | 'channelWorkspace' | 'channelBrokers'
  // channel-finish (issue 10): the settled state of broker-brought parties
  | 'escortedToday' | 'myConfirmations';
/** tv-pairing (issue 16.1): the manager pairs floor displays, lists them and revokes them. */
export type DisplayEndpointName = 'displays' | 'pairDisplay' | 'revokeDisplay';
export type EndpointName = Action | ReadName | PolicyEditorName | ChannelReadName | DisplayEndpointName;

export interface Endpoint {
  readonly method: 'GET' | 'POST';
  /** Below `/api/projects/:project`. */
  readonly path: string;
  readonly grants: Readonly<Partial<Record<AccountRole, Grant>>>;
  /** The field naming whom the request is about; a `self` caller is put there. */
  readonly subject?: 'who' | 'by' | 'broker' | 'of';
  /** Further fields a `self` caller may only fill with themselves (a registration `for` a colleague). */
  readonly selfOnly?: readonly string[];
  /** The field recording who gave the order (a manager's reassign): always the caller's staff id. */
  readonly recorder?: 'by';
  /** The fields naming customers, checked under `ownCustomers`. */
  readonly customers?: readonly string[];
}

// Groups of grants the table repeats.
const floorSelf = { consultant: 'self', supervisor: 'any', manager: 'any' } as const;
const supervisors = { supervisor: 'any', manager: 'any' } as const;
const staffReads = { consultant: 'any', supervisor: 'any', manager: 'any', frontdesk: 'any', channelAssistant: 'any' } as const;
const setup = { admin: 'any', manager: 'any' } as const;
/** The channel manager (CH-2, CH-8): the manager and the channel assistant. */
const channelManagers = { channelAssistant: 'any', manager: 'any' } as const;

const command = (action: Action, grants: Endpoint['grants'], more: Omit<Endpoint, 'method' | 'path' | 'grants'> = {}): Endpoint => ({
  method: 'POST',
  path: `/commands/${action}`,
  grants,
  ...more,
});

export const ENDPOINTS: Readonly<Record<EndpointName, Endpoint>> = {
  // ---- the floor (ROT) ----
  signIn: command('signIn', floorSelf, { subject: 'who' }),
  signOut: command('signOut', floorSelf, { subject: 'who' }),
  away: command('away', floorSelf, { subject: 'who' }),
  back: command('back', floorSelf, { subject: 'who' }),
  done: command('done', floorSelf, { subject: 'who' }),
  reclassify: command('reclassify', floorSelf, { subject: 'who' }),
  decline: command('decline', floorSelf, { subject: 'who' }),
  arrive: command('arrive', { frontdesk: 'any', channelAssistant: 'withBroker', supervisor: 'any', manager: 'any' }),
  reorder: command('reorder', supervisors, { recorder: 'by' }),
  outOfTurn: command('outOfTurn', supervisors, { recorder: 'by' }),
  suspend: command('suspend', { manager: 'any' }),
  // ---- customers (REG, OWN) ----
  register: command('register', { ...floorSelf, frontdesk: 'onBehalf' }, { subject: 'by', selfOnly: ['for'] }),
  followUp: command('followUp', floorSelf, { subject: 'by' }),
  link: command('link', { consultant: 'ownCustomers', supervisor: 'any', manager: 'any' }, { customers: ['phone', 'to'], recorder: 'by' }),
  merge: command('merge', supervisors),
  reassign: command('reassign', { manager: 'any' }, { recorder: 'by' }),
  assignIntroduced: command('assignIntroduced', { manager: 'any' }, { recorder: 'by' }),
  freezeRegister: command('freezeRegister', { manager: 'any' }, { recorder: 'by' }),
  markAlertRead: command('markAlertRead', { consultant: 'self' }, { subject: 'who' }),
  depart: command('depart', { manager: 'any' }),
  // ---- brokers (CH) ----
  report: command('report', { broker: 'self', channelAssistant: 'any', manager: 'any' }, { subject: 'broker' }),
  // ---- deals (DEAL) ----
  deal: command('deal', floorSelf, { subject: 'by' }),
  dispute: command('dispute', floorSelf, { subject: 'by' }),
  refund: command('refund', floorSelf, { subject: 'by' }),
  swap: command('swap', floorSelf, { subject: 'by' }),
  changeBuyer: command('changeBuyer', floorSelf, { subject: 'by' }),
  resolve: command('resolve', { manager: 'any' }, { recorder: 'by' }),
  hold: command('hold', { manager: 'any' }, { recorder: 'by' }),
  release: command('release', { manager: 'any' }, { recorder: 'by' }),
  // ---- setting up ----
  addStaff: command('addStaff', setup),
  addBroker: command('addBroker', setup),
  addUnit: command('addUnit', setup, { recorder: 'by' }),
  importUnits: command('importUnits', setup, { recorder: 'by' }),
  editUnit: command('editUnit', { manager: 'any' }, { recorder: 'by' }),
  withdrawUnit: command('withdrawUnit', { manager: 'any' }, { recorder: 'by' }),
  setPolicy: command('setPolicy', setup, { recorder: 'by' }),
  // ---- office: the violation register (PEN-1, ROT-14): the manager records and decides; the person appeals ----
  recordViolation: command('recordViolation', { manager: 'any' }, { recorder: 'by' }),
  appeal: command('appeal', { consultant: 'self', supervisor: 'self', frontdesk: 'self', channelAssistant: 'self', manager: 'any' }, { subject: 'by' }),
  decideAppeal: command('decideAppeal', { manager: 'any' }, { recorder: 'by' }),
  // ---- register hygiene (issue 12.2): the manager decides late entries (REG-5); the entry's people identify a visitor (REG-7) ----
  decideLateEntry: command('decideLateEntry', { manager: 'any' }, { recorder: 'by' }),
  identify: command('identify', { consultant: 'self', frontdesk: 'self', supervisor: 'any', manager: 'any' }, { subject: 'by' }),
  // ---- register import (issue 11.4, REG-5): the manager approves every imported entry ----
  importEntry: command('importEntry', { manager: 'any' }, { recorder: 'by' }),
  // ---- reads ----
  floor: { method: 'GET', path: '/floor', grants: staffReads },
  today: { method: 'GET', path: '/today', grants: staffReads },
  stream: { method: 'GET', path: '/stream', grants: staffReads },
  judge: { method: 'GET', path: '/judge', grants: staffReads },
  ownership: { method: 'GET', path: '/customers/:phone/ownership', grants: staffReads },
  timeline: { method: 'GET', path: '/customers/:phone/timeline', grants: { consultant: 'any', supervisor: 'any', manager: 'any' } },
  myCustomers: { method: 'GET', path: '/my-customers', grants: floorSelf, subject: 'of' },
  credit: { method: 'GET', path: '/units/:unit/credit', grants: { consultant: 'any', supervisor: 'any', manager: 'any' } },
  recordReads: { method: 'GET', path: '/record-reads', grants: { manager: 'any' } },
  // ---- the money side (DEAL-1..6) ----
  unitGrid: { method: 'GET', path: '/units/grid', grants: { consultant: 'any', supervisor: 'any', manager: 'any', frontdesk: 'any' } },
  unitHistory: { method: 'GET', path: '/units/:unit', grants: { consultant: 'any', supervisor: 'any', manager: 'any' } },
  unitImportPlan: { method: 'POST', path: '/units/import', grants: setup },
  unitImportCommit: { method: 'POST', path: '/units/import/commit', grants: setup, recorder: 'by' },
  orders: { method: 'GET', path: '/orders', grants: floorSelf, subject: 'of' },
  order: { method: 'GET', path: '/orders/:order', grants: { consultant: 'any', supervisor: 'any', manager: 'any' } },
  disputes: { method: 'GET', path: '/disputes', grants: supervisors },
  publishedOrders: { method: 'GET', path: '/orders/published', grants: staffReads },
  // ---- the whole office: register and pool (SEC-1, OWN-10), roster (ROT-14), month (REP-1) ----
  customers: { method: 'GET', path: '/customers', grants: supervisors },
  staff: { method: 'GET', path: '/staff', grants: { ...supervisors, admin: 'any' } },
  performance: { method: 'GET', path: '/performance', grants: floorSelf, subject: 'of' },
  // ---- the policy editor: supervisors read it; the manager tries changes out, and saves with setPolicy ----
  policy: { method: 'GET', path: '/policy', grants: { ...supervisors, admin: 'any' } },
  policyWhatIf: { method: 'POST', path: '/policy/what-if', grants: { manager: 'any' } },
  // ---- the broker side (CH-1..10): the channel manager is the manager and the channel assistant ----
  applyBroker: command('applyBroker', { consultant: 'any', channelAssistant: 'any', manager: 'any' }, { recorder: 'by' }),
  approveBroker: command('approveBroker', channelManagers, { recorder: 'by' }),
  rejectBroker: command('rejectBroker', channelManagers, { recorder: 'by' }),
  leave: command('leave', { frontdesk: 'any', channelAssistant: 'any', supervisor: 'any', manager: 'any' }, { recorder: 'by' }),
  confirmViewing: command('confirmViewing', { consultant: 'self', manager: 'any' }, { subject: 'by' }),
  refuseConfirmation: command('refuseConfirmation', { consultant: 'self', manager: 'any' }, { subject: 'by' }),
  markFake: command('markFake', { manager: 'any' }, { recorder: 'by' }),
  decideManualCheck: command('decideManualCheck', channelManagers, { recorder: 'by' }),
  myApplication: { method: 'GET', path: '/channel/my-application', grants: { broker: 'self' }, subject: 'broker' },
  myReports: { method: 'GET', path: '/channel/my-reports', grants: { broker: 'self' }, subject: 'broker' },
  escortCode: { method: 'GET', path: '/channel/reports/:report/escort', grants: { broker: 'self' }, subject: 'broker' },
  admitEscort: { method: 'POST', path: '/channel/admit', grants: { frontdesk: 'any', channelAssistant: 'any', supervisor: 'any', manager: 'any' } },
  channelWorkspace: { method: 'GET', path: '/channel/workspace', grants: channelManagers },
  channelBrokers: { method: 'GET', path: '/channel/brokers', grants: channelManagers },
  // ---- reports: the register's options for every form (REG-3); the report (REP-1..3); bulk export only for the manager (REP-4, SEC-2) ----
  registerOptions: { method: 'GET', path: '/register-options', grants: staffReads },
  officeReport: { method: 'GET', path: '/reports', grants: supervisors },
  reportExport: { method: 'GET', path: '/reports/export', grants: { manager: 'any' } },
  // ---- office: the violation register (PEN-1): the managers see all; staff see their own ----
  riskAlerts: { method: 'GET', path: '/risk-alerts', grants: supervisors },
  ownershipDesk: { method: 'GET', path: '/ownership-desk', grants: supervisors },
  myAlerts: { method: 'GET', path: '/alerts/mine', grants: { consultant: 'any' } },
  violations: { method: 'GET', path: '/violations', grants: { consultant: 'self', frontdesk: 'self', channelAssistant: 'self', supervisor: 'any', manager: 'any' }, subject: 'of' },
  // ---- register import (issue 11.4): the manager brings paper registers in (REG-5); the daily summary (issue 11.5) ----
  registerImportPlan: { method: 'POST', path: '/register-import', grants: { manager: 'any' } },
  registerImportRejects: { method: 'POST', path: '/register-import/rejects', grants: { manager: 'any' } },
  registerImportCommit: { method: 'POST', path: '/register-import/commit', grants: { manager: 'any' }, recorder: 'by' },
  dailySummary: { method: 'GET', path: '/daily-summary', grants: supervisors },
  dailySummaryExport: { method: 'GET', path: '/daily-summary/export', grants: { manager: 'any' } },
  // ---- channel-finish (issue 10): the desk's broker-brought parties with their exit (who may log it reads it); the confirmations a consultant owes ----
  escortedToday: { method: 'GET', path: '/channel/escorted-today', grants: { frontdesk: 'any', channelAssistant: 'any', supervisor: 'any', manager: 'any' } },
  myConfirmations: { method: 'GET', path: '/channel/my-confirmations', grants: { consultant: 'self', manager: 'any' }, subject: 'of' },
  // ---- register hygiene (issue 12.2): the desk judges by name (REG-4); entries waiting for a decision or an identification (REG-5, REG-7) ----
  judgeByName: { method: 'GET', path: '/judge/by-name', grants: staffReads },
  pendingEntries: { method: 'GET', path: '/register/pending', grants: { consultant: 'self', frontdesk: 'any', supervisor: 'any', manager: 'any' }, subject: 'of' },
  // ---- tv-pairing (issue 16.1): paired floor displays, the manager's alone ----
  displays: { method: 'GET', path: '/displays', grants: { manager: 'any' } },
  pairDisplay: { method: 'POST', path: '/displays', grants: { manager: 'any' } },
  revokeDisplay: { method: 'POST', path: '/displays/:display/revoke', grants: { manager: 'any' } },
};

/**
 * tv-pairing (issue 16.1): all a paired display may read — the board and its live stream, in its own project
 * (names and states, never a phone or a customer). A display is not a person: it holds no role in the table
 * above, and its credential opens nothing else.
 */
export const DISPLAY_MAY: readonly EndpointName[] = ['floor', 'stream'];

/** Endpoints an approved broker is yet to be: before approval a broker may only read their application (CH-2). */
export const UNAPPROVED_BROKER_MAY: readonly EndpointName[] = ['myApplication'];
// ---- floor-day (issue 16.4): the table as the screens receive it ----
/** The endpoints `role` may call in some way, by name: sent with the session so the web shows only these actions. */
export function allowedEndpoints(role: AccountRole): EndpointName[] {
  return (Object.keys(ENDPOINTS) as EndpointName[]).filter((name) => ENDPOINTS[name].grants[role] !== undefined);
}

/** Endpoints outside a project: who may call them. */
export type SiteAccess = 'public' | 'session' | 'admin' | 'display';

/** The person calling a project endpoint, as the table lets them. */
export interface Caller {
  readonly userId: string;
  readonly login: string;
  /** `display`: a paired floor TV (DISPLAY_MAY), never a membership's role. */
  readonly role: AccountRole | 'display';
  readonly grant: Grant;
  /** The staff id they act as in this project, if any. */
  readonly staffId: StaffId | null;
  readonly brokerId: string | null;
}

/** The caller's role in the project if the table lets it call the endpoint; null → 403. A membership's role is tried before admin. */
export function callerFor(endpoint: Endpoint, session: Pick<Session, 'user' | 'memberships'>, project: string): Caller | null {
  const m = session.memberships.find((x) => x.project === project);
  const base = { userId: session.user.id, login: session.user.login };
  const asMember = m ? endpoint.grants[m.role] : undefined;
  if (m && asMember) return { ...base, role: m.role, grant: asMember, staffId: m.staffId, brokerId: m.brokerId };
  const asAdmin = session.user.admin ? endpoint.grants.admin : undefined;
  // As admin they act for the installation, not as a member of staff: nothing is recorded under a staff id.
  if (asAdmin) return { ...base, role: 'admin', grant: asAdmin, staffId: null, brokerId: null };
  return null;
}

export type Resolved = { readonly ok: true; readonly input: Record<string, unknown> } | { readonly ok: false; readonly code: 'forbidden' | 'not_yourself'; readonly detail: string };

/**
 * Fills the identity fields of a request from the caller, as the grant says, and refuses acting for
 * others: a `self` caller's subject is themselves; a recorder is always the caller; under `any` an
 * absent subject defaults to the caller. `ownerOf` answers who owns a phone now (for `ownCustomers`).
 */
export async function resolveInput(
  endpoint: Endpoint,
  caller: Caller,
  input: Readonly<Record<string, unknown>>,
  ownerOf: (phone: string) => Promise<StaffId | null>,
): Promise<Resolved> {
  const out: Record<string, unknown> = { ...input };
  const notYou = (field: string): Resolved => ({ ok: false, code: 'not_yourself', detail: `${field} must be yourself` });
  if (endpoint.recorder) {
    const field = endpoint.recorder;
    if (out[field] !== undefined && out[field] !== caller.staffId) return notYou(field);
    if (caller.staffId !== null) out[field] = caller.staffId;
  }
  if (endpoint.subject) {
    const field = endpoint.subject;
    const me = field === 'broker' ? caller.brokerId : caller.staffId;
    if (caller.grant === 'self' || caller.grant === 'onBehalf') {
      if (me === null) return { ok: false, code: 'forbidden', detail: `your membership names no ${field === 'broker' ? 'broker' : 'staff'} id to act as` };
      const mine = caller.grant === 'self' ? [field, ...(endpoint.selfOnly ?? [])] : [field];
      for (const f of mine) if (out[f] !== undefined && out[f] !== me) return notYou(f);
      out[field] = me;
    } else if (out[field] === undefined && me !== null) out[field] = me;
  }
  if (caller.grant === 'withBroker' && out.broker === undefined) return { ok: false, code: 'forbidden', detail: 'you may record arrivals brought by a broker only (broker)' };
  if (caller.grant === 'ownCustomers') {
    for (const field of endpoint.customers ?? []) {
      const phone = out[field];
      const owner = typeof phone === 'string' ? await ownerOf(phone) : null;
      if (owner !== null && owner !== caller.staffId) return { ok: false, code: 'forbidden', detail: `${field} is another consultant's customer` };
    }
  }
  return { ok: true, input: out };
}

/**
 * SEC-1: who sees a customer's full record (phone, name, history). Managers and supervisors see every
 * customer; a consultant sees their own; everyone else sees the masked phone and the owner's name.
 */
export function seesFull(caller: Caller, owner: StaffId | null): boolean {
  if (caller.role === 'manager' || caller.role === 'supervisor') return true;
  return caller.role === 'consultant' && owner !== null && owner === caller.staffId;
}
