// What a caller sees of a customer (SEC-1) and the record of what they saw (SEC-2). A Viewer is made per
// request: every customer shown passes through it, in full or masked as `seesFull` decides, and the full
// ones are written to the append-only read log before the answer leaves.
import { logReads } from '../accounts/record-reads-store.ts';
import type { Engine } from '../core/engine.ts';
import type { Recorded, StaffId } from '../core/facts.ts';
import type { OwnershipAnswer } from '../core/ownership.rules.ts';
import { displayMasked, type PhoneKey } from '../core/phone.ts';
import { ruleIds, type Reason } from '../core/reasons.ts';
import { formatLocalTime, type Instant } from '../core/time.ts';
import type { Db } from '../store/sql/db.ts';
import { seesFull, type Caller } from './access.policy.ts';
import type { ChannelInfo, Judgement, OwnedCustomer, Timeline } from '../app/customers.queries.ts';
import type { RegisterPage } from '../app/register.queries.ts';
import type * as Answers from '../contracts/index.ts';
import type { ChannelView, Explained, OwnershipView, ShownCustomer, StaffRef } from '../contracts/index.ts';

export type { ShownCustomer, StaffRef };

export function staffRef(engine: Engine, id: StaffId): StaffRef {
  return { id, name: engine.staff.get(id)?.name ?? null };
}

/** Display names of the staff among `ids` (the rest are not staff: phones, units, brokers), so no page shows a bare id. */
export function staffNames(engine: Engine, ids: Iterable<unknown>): Record<StaffId, string | null> {
  const names: Record<StaffId, string | null> = {};
  for (const id of ids) if (typeof id === 'string' && engine.staff.has(id)) names[id] = engine.staff.get(id)?.name ?? null;
  return names;
}

export function localTime(at: Instant | null, zone: string): string | null {
  return at === null ? null : formatLocalTime(at, zone);
}

/** 张先生 → 张**: the surname is what the floor needs to greet a customer. */
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const chars = [...name.trim()];
  return chars.length === 0 ? null : `${chars[0]}${'*'.repeat(Math.min(3, Math.max(1, chars.length - 1)))}`;
}

export class Viewer {
  private readonly fullReads = new Set<PhoneKey>();

  constructor(
    readonly caller: Caller,
    private readonly endpoint: string,
  ) {}

  /** Whether the caller sees a customer owned by `owner` in full (SEC-1). */
  seesFull(owner: StaffId | null): boolean {
    return seesFull(this.caller, owner);
  }

  /** A customer as this caller may see it; a full view is remembered for the read log. */
  customer(phone: PhoneKey, name: string | null, owner: StaffId | null): ShownCustomer {
    if (!this.seesFull(owner)) return { phone: displayMasked(phone), name: maskName(name), masked: true };
    this.fullReads.add(phone);
    return { phone, name, masked: false };
  }

  /** SEC-2: writes the full reads of this request to the read log. */
  async log(db: Db, project: string, at: Instant): Promise<void> {
    await logReads(
      db,
      [...this.fullReads].map((customer) => ({ at, userId: this.caller.userId, login: this.caller.login, project, customer, endpoint: this.endpoint })),
    );
  }
}

/** Presents an answer through a Viewer (SEC-1) and logs the full reads it made (SEC-2) before it leaves. */
export async function shownTo<T>(db: Db, caller: Caller, project: string, endpoint: string, now: Instant, present: (viewer: Viewer) => T): Promise<T> {
  const viewer = new Viewer(caller, endpoint);
  const body = present(viewer);
  await viewer.log(db, project, now);
  return body;
}

const explained = (reasons: readonly Reason[]): Explained => ({ reasons, rules: ruleIds(reasons) });

function channelView(c: ChannelInfo | null, zone: string): ChannelView | null {
  if (!c) return null;
  // CH-9: the stage is the one the protection's reason names (one-stage protection is report→deal).
  const staged = c.reasons.find((r) => r.rule === 'CH-9')?.code;
  const stage = staged === 'visitToDeal' || staged === 'reportToVisit' ? staged : 'reportToDeal';
  return { broker: c.broker, until: c.until, untilLocal: localTime(c.until, zone), ...explained(c.reasons), stage: { stage, until: c.until, untilLocal: localTime(c.until, zone) } };
}

function ownershipView(engine: Engine, o: OwnershipAnswer | null, zone: string): OwnershipView {
  return {
    owner: o?.owner ? staffRef(engine, o.owner) : null,
    protectedUntil: o?.protectedUntil ?? null,
    protectedUntilLocal: localTime(o?.protectedUntil ?? null, zone),
    lastContact: o?.lastContact ?? null,
  };
}

/** GET /judge. A consultant sees another's customer masked, with the owner's name (SEC-1). */
export function presentJudgement(j: Judgement, engine: Engine, viewer: Viewer, zone: string): Answers.Judgement {
  const owner = j.ownership?.owner ?? null;
  return {
    status: owner ? ('owned' as const) : ('new' as const),
    identifiedBy: j.identifiedBy,
    known: j.known,
    customer: j.phone ? viewer.customer(j.phone, j.name, owner) : null,
    ...ownershipView(engine, j.ownership, zone),
    channel: channelView(j.channel, zone),
    family: j.family.map((m) => ({ ...viewer.customer(m.phone, m.name, owner), relation: m.relation })),
    suggested: {
      receiver: j.suggested.receiver ? staffRef(engine, j.suggested.receiver) : null,
      as: j.suggested.as,
      ...explained(j.suggested.reasons),
    },
    ...explained(j.reasons),
    lastArrival: j.lastArrival,
  };
}

/** GET /customers/:phone/ownership: the scenario checks owner, protectedUntil and channel. */
export function presentOwnership(engine: Engine, o: OwnershipAnswer, channel: ChannelInfo | null, zone: string): Answers.OwnershipAnswer {
  return { ...ownershipView(engine, o, zone), channel: channelView(channel, zone), ...explained([...o.reasons, ...(channel?.reasons ?? [])]) };
}

function recordView(f: Recorded, zone: string): Answers.RecordedFact {
  return { ...f, atLocal: localTime(f.at, zone) };
}

/** The staff a fact names (who did it, received it, was given it). */
function staffIdsOf(f: Recorded): unknown[] {
  const r = f as unknown as Record<string, unknown>;
  return [r.by, r.for, r.who, r.to, r.designee, r.asksFor, (r.reception as { receiver?: unknown } | undefined)?.receiver];
}

/** GET /customers/:phone/timeline: the history in full, or for another's customer only what SEC-1 allows. */
export function presentTimeline(t: Timeline, engine: Engine, viewer: Viewer, zone: string): Answers.Timeline {
  const owner = t.ownership.owner;
  const full = viewer.seesFull(owner);
  const named = [owner, ...t.ownership.reasons.flatMap((r) => Object.values(r.params ?? {})), ...(full ? [...t.ownership.spans.map((s) => s.owner), ...t.records.flatMap(staffIdsOf)] : [])];
  return {
    names: staffNames(engine, named),
    customer: viewer.customer(t.phone, t.name, owner),
    household: t.household.map((k) => viewer.customer(k, engine.customers.get(k)?.name ?? null, owner)),
    ...ownershipView(engine, t.ownership, zone),
    spans: full ? t.ownership.spans : null,
    channel: channelView(t.channel, zone),
    ...explained(t.ownership.reasons),
    records: full ? t.records.map((f) => recordView(f, zone)) : null,
  };
}

/** GET /my-customers. */
export function presentOwned(list: readonly OwnedCustomer[], viewer: Viewer, owner: StaffId, zone: string): Answers.OwnedCustomer[] {
  return list.map((c) => ({
    ...viewer.customer(c.phone, c.name, owner),
    protectedUntil: c.protectedUntil,
    protectedUntilLocal: localTime(c.protectedUntil, zone),
    lastContact: c.lastContact,
    channel: c.channel,
    // The next step is the consultant's own note about their own customer: shown to them as written.
    nextStep: c.nextStep,
    ...(c.pending ? { pending: true as const } : {}),
  }));
}

/** GET /customers: a page of the whole register (SEC-1: managers and supervisors; SEC-2: each row shown is logged). */
export function presentRegister(page: RegisterPage, engine: Engine, viewer: Viewer, zone: string): Answers.RegisterPage {
  return {
    total: page.total,
    page: page.page,
    size: page.size,
    counts: page.counts,
    customers: page.rows.map((r) => ({
      ...viewer.customer(r.phone, r.name, r.owner),
      owner: r.owner ? staffRef(engine, r.owner) : null,
      protectedUntil: r.protectedUntil,
      protectedUntilLocal: localTime(r.protectedUntil, zone),
      lastContact: r.lastContact,
      since: r.since,
      sinceLocal: localTime(r.since, zone),
      formerOwner: r.formerOwner ? staffRef(engine, r.formerOwner) : null,
      why: r.why,
      lastActivity: r.lastAt,
      channel: r.channel,
    })),
  };
}
