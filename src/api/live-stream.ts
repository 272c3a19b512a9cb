// Live updates (ROT-15: the floor sees it live) as Server-Sent Events. One subscription to Offices feeds
// every open stream of a project: on each commit, the new facts' seq and type (never their personal
// data) and the fresh floor board, computed once per commit. An event's id is the last seq it carries,
// so a client reconnecting with Last-Event-ID is sent what it missed.
// RISK-2: when a customer with a protected owner walks in, the owner's streams alone (SEC-1) also get an
// `ownerAlert` event naming the customer, when, and who is with them; the read is logged first (SEC-2).
import type { ServerResponse } from 'node:http';
import type { RecordRead } from '../accounts/record-reads-store.ts';
import type { Engine } from '../core/engine.ts';
import type { Recorded, StaffId } from '../core/facts.ts';
import type { Offices } from '../store/offices.ts';
import { board, ownedArrivals } from '../app/floor.queries.ts';
import type { LiveUpdate, OwnerAlert } from '../contracts/floor.contract.ts';
import { presentOwnerAlerts } from './floor.presenters.ts';

export interface FactSummary {
  readonly seq: number;
  readonly type: string;
  readonly at: number;
}

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // Proxies (nginx) must pass events on as they come, not buffer them.
  'x-accel-buffering': 'no',
} as const;

export function summaries(facts: readonly Recorded[]): FactSummary[] {
  return facts.map((f) => ({ seq: f.seq, type: f.type, at: f.at }));
}

export function sseEvent(id: number, event: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** One open stream. Until its opening backlog is written, commits are queued, then sent if newer. */
export class LiveStream {
  private queued: { seq: number; text: string }[] | null = [];
  private sentSeq = 0;

  constructor(
    readonly project: string,
    readonly userId: string,
    private readonly raw: ServerResponse,
    /** Whom the caller acts as (their owner alerts, RISK-2), and their login (the read log, SEC-2). */
    readonly staffId: StaffId | null = null,
    readonly login: string = '',
    /** The session it belongs to: a session may hold only a few streams at once (issue 14). */
    readonly session: string = '',
  ) {}

  get open(): boolean {
    return !this.raw.writableEnded && !this.raw.destroyed;
  }

  write(text: string): void {
    if (this.open) this.raw.write(text);
  }

  deliver(seq: number, text: string): void {
    if (this.queued) this.queued.push({ seq, text });
    else if (seq > this.sentSeq) {
      this.sentSeq = seq;
      this.write(text);
    }
  }

  /** The backlog up to `seq` is written: send what came in meanwhile. */
  started(seq: number): void {
    const queued = this.queued ?? [];
    this.queued = null;
    this.sentSeq = seq;
    for (const q of queued) this.deliver(q.seq, q.text);
  }

  end(): void {
    if (this.open) this.raw.end();
  }
}

export class LiveHub {
  private readonly streams = new Map<string, Set<LiveStream>>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly offices: Offices,
    private readonly clock: () => number,
    private readonly onError: (error: unknown) => void,
    /** SEC-2: records the full customer reads an owner alert makes, before it is sent. */
    private readonly logReads: (reads: readonly RecordRead[]) => Promise<void> = async () => undefined,
  ) {}

  /**
   * Bounds the open streams of one session (each costs a socket and a backlog read): beyond `max`, the
   * oldest end — a reload or a new tab keeps working, a loop opening streams holds `max` at most.
   */
  trimSession(session: string, max: number): void {
    const mine: LiveStream[] = [];
    for (const set of this.streams.values()) for (const s of set) if (s.session === session && s.open) mine.push(s);
    for (const s of mine.slice(0, Math.max(0, mine.length - max))) {
      s.end();
      this.remove(s);
    }
  }

  add(stream: LiveStream): void {
    const set = this.streams.get(stream.project) ?? new Set<LiveStream>();
    set.add(stream);
    this.streams.set(stream.project, set);
  }

  remove(stream: LiveStream): void {
    this.streams.get(stream.project)?.delete(stream);
  }

  /** Called on every commit; updates go out in commit order. */
  publish(project: string, facts: readonly Recorded[]): void {
    if ((this.streams.get(project)?.size ?? 0) === 0 || facts.length === 0) return;
    this.chain = this.chain.then(() => this.send(project, facts)).catch(this.onError);
  }

  private async send(project: string, facts: readonly Recorded[]): Promise<void> {
    const handle = await this.offices.open(project);
    if (!handle) return;
    const engine = await handle.engine();
    const update: LiveUpdate = { facts: summaries(facts), floor: board(engine, this.clock()) };
    const seq = (facts[facts.length - 1] as Recorded).seq;
    const text = sseEvent(seq, 'update', update);
    const streams = [...(this.streams.get(project) ?? [])];
    const alerts = await this.alertTexts(streams, engine, facts, handle.project.zone, seq);
    for (const s of streams) s.deliver(seq, text + (alerts.get(s) ?? ''));
  }

  /**
   * RISK-2: the owner alerts among `facts` as SSE text for each of `streams` acting as the owner (none for anyone
   * else), once the reads are logged (SEC-2). If the log cannot be written, no alert goes out.
   */
  async alertTexts(streams: readonly LiveStream[], engine: Engine, facts: readonly Recorded[], zone: string, seq: number): Promise<Map<LiveStream, string>> {
    const out = new Map<LiveStream, string>();
    // SEC-1 as of now: an arrival is shown in full only to whoever owns the customer at the time of sending,
    // so a former owner replaying the backlog after a reassignment learns nothing of it (issue 14 item 3).
    const now = this.clock();
    const byOwner = presentOwnerAlerts(engine, ownedArrivals(engine, facts, now), zone);
    if (byOwner.size === 0) return out;
    const mine = new Map<LiveStream, readonly OwnerAlert[]>();
    for (const s of streams) {
      const alerts = s.staffId === null ? undefined : byOwner.get(s.staffId);
      if (alerts) mine.set(s, alerts);
    }
    const reads = [...mine].flatMap(([s, alerts]) => alerts.map((a) => ({ at: now, userId: s.userId, login: s.login, project: s.project, customer: a.customer.phone, endpoint: 'ownerAlert' })));
    try {
      await this.logReads(reads);
    } catch (error) {
      this.onError(error);
      return out;
    }
    for (const [s, alerts] of mine) out.set(s, alerts.map((a) => sseEvent(seq, 'ownerAlert', a)).join(''));
    return out;
  }

  /** SEC-4 and sign-out: a user's open streams end with their session. */
  closeUser(userId: string): void {
    for (const set of this.streams.values()) for (const s of set) if (s.userId === userId) s.end();
  }

  /** tv-pairing: a revoked display's streams are told so (the TV shows 已解除配对 at once), then end. */
  closeDisplay(displayId: string): void {
    for (const set of this.streams.values())
      for (const s of set)
        if (s.userId === `display:${displayId}`) {
          s.write('event: revoked\ndata: {}\n\n');
          s.end();
          set.delete(s);
        }
  }

  closeAll(): void {
    for (const set of this.streams.values()) for (const s of set) s.end();
    this.streams.clear();
  }
}
