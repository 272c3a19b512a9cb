// Live updates (ROT-15: the floor sees it live) as Server-Sent Events. One subscription to Offices feeds
// every open stream of a project: on each commit, the new facts' seq and type (never their personal
// data) and the fresh floor board, computed once per commit. An event's id is the last seq it carries,
// so a client reconnecting with Last-Event-ID is sent what it missed.
import type { ServerResponse } from 'node:http';
import type { Recorded } from '../core/facts.ts';
import type { Offices } from '../store/offices.ts';
import { board, type Board } from './floor.queries.ts';

export interface FactSummary {
  readonly seq: number;
  readonly type: string;
  readonly at: number;
}

export interface LiveUpdate {
  readonly facts: readonly FactSummary[];
  readonly floor: Board;
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
  ) {}

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
    const update: LiveUpdate = { facts: summaries(facts), floor: board(await handle.engine(), this.clock()) };
    const seq = (facts[facts.length - 1] as Recorded).seq;
    const text = sseEvent(seq, 'update', update);
    for (const s of this.streams.get(project) ?? []) s.deliver(seq, text);
  }

  /** SEC-4 and sign-out: a user's open streams end with their session. */
  closeUser(userId: string): void {
    for (const set of this.streams.values()) for (const s of set) if (s.userId === userId) s.end();
  }

  closeAll(): void {
    for (const set of this.streams.values()) for (const s of set) s.end();
    this.streams.clear();
  }
}
