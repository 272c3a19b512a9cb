// Offices on SQLite or PostgreSQL: each project's facts in the hash-chained event log, personal data in
// the vault, projections beside them. A project's engine lives in memory, folded from its log; every
// command runs in one transaction under the project's lock: catch up with what other processes committed,
// decide, append, fold, project, commit. The database decides every race: two writers of one project are
// serialised by the lock, and the primary key (project, seq) makes a fork impossible.
import type { Command, Refusal } from '../app/commands.ts';
import { decide, explained } from '../app/handlers.ts';
import type { Engine } from '../core/engine.ts';
import type { Fact, Recorded } from '../core/facts.ts';
import { normalisePhone } from '../core/phone.ts';
import type { Policy } from '../core/policy.ts';
import { isValidZone } from '../core/time.ts';
import { fingerprintOf, recallOutcome, rememberOutcome } from './idempotency.ts';
import { actorColumn, appendEntry, insertProject, readFactEntries, readProjects } from './log/event-log.ts';
import { readHeads } from './log/verify-log.ts';
import { catchUp, factPages, foldAndProject, loadOffice, newOfficeState, restoredOfficeState, type OfficeState } from './office-state.ts';
import type { Actor, Executed, ExecuteOptions, OfficeHandle, Offices, ProjectInfo } from './offices.ts';
import { bufferedSink, projectFact, sqlSink, type BufferedSink } from './projections/projections.ts';
import { touchesOf } from './projections/touches.ts';
import type { Db } from './sql/db.ts';
import { migrate } from './sql/migrate.ts';
import { Mutex } from './sql/mutex.ts';
import { QuietMoments, type QuietOptions } from './snapshots/quiet-moments.ts';
import { valuesOpened } from './snapshots/packed-fields.ts';
import { isPostgres, type Listening } from './sql/postgres-db.ts';
import { openSnapshot, takeSnapshot } from './snapshots/engine-snapshot.ts';
import { dropSnapshot, entryHashAt, keepSnapshot, readSnapshot } from './snapshots/snapshot-store.ts';
import { dropReadModelSnapshots, readModelSnapshots } from './snapshots/read-model-snapshots.ts';
import { EVENT_LOG_MIGRATIONS } from './store-migrations.ts';
import { checkSecret } from './vault/secret-check.ts';
import { createVault, destroyPersonalData, forgetKeys, hasPersonalData, openEntries, sealPersonal } from './vault/personal-vault.ts';

/** The PostgreSQL channel on which a commit announces its project's id to every other process. */
export const EVENTS_CHANNEL = 'anchang_events';

export interface SqlOfficesOptions {
  /** Keys the phone tokens and wraps the vault's data keys (SEC-5). The composition root passes it in. */
  readonly secret: string | Uint8Array;
  readonly clock?: () => number;
  /** PostgreSQL: LISTEN for other processes' commits so `subscribe` hears them (default true). */
  readonly listen?: boolean;
  /** Told once per customer whose personal data does not open (they read masked; the server logs it). */
  readonly onUnreadable?: (project: string, subject: string, detail: string) => void;
  /**
   * Engine snapshots (issue 13: cold start): a project is put back from its latest snapshot and folds only the
   * entries after it; a snapshot is kept after folding a log of at least `minFacts` entries, and again each
   * time `every` more have been folded. Off unless given (the server turns it on).
   */
  readonly snapshots?: SnapshotOptions;
  /** Told how each project was loaded (tests and the bench read it; the server may log it). */
  readonly onLoaded?: (project: string, how: LoadedFrom) => void;
}

export interface SnapshotOptions {
  readonly every?: number;
  readonly minFacts?: number;
  /** When the process counts as not busy: serialising a snapshot waits for such a moment. */
  readonly quiet?: QuietOptions;
  /** Values an office may open by reads (customer files, reports) before a keep closes them again. */
  readonly maxOpened?: number;
}

/** How a project's state was loaded: from a snapshot (and how many entries after it were folded), or from the log and why. */
export type LoadedFrom = { readonly from: 'snapshot'; readonly seq: number; readonly folded: number } | { readonly from: 'log'; readonly folded: number; readonly snapshot: SnapshotMiss };

/** Why a project was folded from its log rather than put back from its snapshot. */
export type SnapshotMiss = 'none' | 'format' | 'sealed' | 'content' | 'head' | 'erased' | 'off';

export type Erasure = { readonly ok: true; readonly seq: number; readonly token: string; readonly erased: number } | { readonly ok: false; readonly refusal: Refusal };

export interface SqlOffices extends Offices {
  /**
   * SEC-5: destroys one customer's personal data in a project, with someone else's approval, and records
   * the destruction (`personalDataErased`). The history stays, keyed by the phone's opaque token.
   */
  erasePersonal(project: string, phone: string, by: Actor, approvedBy: string, reason: string): Promise<Erasure>;
  /** The token the projections key this phone's customer record under now (null: not a phone, or no such project). */
  phoneToken(project: string, phone: string): Promise<string | null>;
}

type Listener = (project: string, facts: readonly Recorded[]) => void;

interface Slot {
  readonly info: ProjectInfo;
  /** One command (or catch-up) of this project at a time in this process; the database lock orders processes. */
  readonly mutex: Mutex;
  /** Null until first used, and after a failed write or an erasure: reloaded from the log. */
  state: OfficeState | null;
  /** Facts folded since the last delivery, while someone subscribes. */
  recent: Recorded[];
  /** Writes waiting for the project's next transaction (group commit: a burst of commands commits together). */
  readonly queue: Write[];
  /** While writes are being committed: settles once the queue is empty. */
  draining: Promise<void> | null;
  /** The catch-up that `engine()` callers waiting for the project are queued for (not yet started). */
  nextRead: Promise<Engine> | null;
  /**
   * PostgreSQL: the state was caught up while the LISTEN connection was up and no other process has announced a
   * commit since, so a read needs no catch-up query. Cleared by every notice of the project (or a reconnect).
   */
  fresh: boolean;
  /** SQLite: the database's count of other connections' commits when the state was last caught up (NaN: never). */
  seenElsewhere: number;
  /** The seq of the latest snapshot kept (or being kept) of this project; -1: none known. */
  snapshotSeq: number;
  /** A snapshot is about to be taken. */
  snapshotPending: boolean;
  /** The project's handle, made once: it holds nothing of its own (a request opens its project twice). */
  handle: OfficeHandle | null;
}

/** A command waiting for its transaction. */
interface Write {
  readonly work: (tx: Db, state: OfficeState) => Promise<unknown>;
  readonly done: (value: unknown) => void;
  readonly fail: (error: unknown) => void;
  /** Runs in a transaction of its own (an erasure reloads the engine it works on). */
  readonly alone: boolean;
}

/** Most writes one transaction takes from a project's queue. */
const MAX_BATCH = 64;

const refused = (code: Refusal['code'], message: string): Erasure => ({ ok: false, refusal: { code, message } });

/** Entries folded between two snapshots of a project: what a restart folds at most after its snapshot. */
const DEFAULT_SNAPSHOT_EVERY = 10_000;
/** A log shorter than this folds faster than a snapshot is written and read back. */
const DEFAULT_SNAPSHOT_MIN = 2_000;
/**
 * Values opened since the last keep (customer files, reports, entries) after which a keep closes them again:
 * ≈ 1–2 KiB each as objects, so an office opens at most a few MiB above its kept state.
 */
const DEFAULT_MAX_OPENED = 2_000;

export async function openSqlOffices(db: Db, options: SqlOfficesOptions): Promise<SqlOffices> {
  await migrate(db, EVENT_LOG_MIGRATIONS);
  const vault = createVault(options.secret, options.onUnreadable);
  await checkSecret(db, vault.keys);
  const clock = options.clock ?? Date.now;
  const snapshots = options.snapshots ?? null;
  // The API's customer index keeps its state beside the engine's snapshot, under the same switch.
  const readModels = snapshots ? readModelSnapshots(db, vault.keys, clock) : null;
  const slots = new Map<string, Slot>();
  /** SQLite: counts other connections' commits (`Db.commitsElsewhere`); null on PostgreSQL. */
  const elsewhere = db.commitsElsewhere ? (readSince?: number): number => (db.commitsElsewhere as (readSince?: number) => number).call(db, readSince) : null;
  const listeners = new Set<Listener>();
  /** The last seq of each project handed to subscribers (or passed while nobody listened); absent: none yet. */
  const delivered = new Map<string, number>();
  let closed = false;

  const newSlot = (info: ProjectInfo): Slot => ({ info, mutex: new Mutex(), state: null, recent: [], queue: [], draining: null, nextRead: null, fresh: false, seenElsewhere: Number.NaN, snapshotSeq: -1, snapshotPending: false, handle: null });

  async function slotOf(id: string): Promise<Slot | null> {
    const known = slots.get(id);
    if (known) return known;
    const [info] = await readProjects(db, id);
    if (!info) return null;
    if (!slots.has(id)) slots.set(id, newSlot(info));
    return slots.get(id) as Slot;
  }

  /** The project's state caught up with every committed fact; reloaded from the log when absent or after an erasure. */
  async function current(conn: Db, slot: Slot): Promise<OfficeState> {
    // Set before the query: a notice that arrives while it runs clears it again, so nothing is missed.
    slot.fresh = listening?.connected() === true;
    slot.seenElsewhere = elsewhere?.() ?? Number.NaN;
    if (slot.state) {
      const caught = await catchUp(conn, vault, slot.state);
      if (caught.kind === 'folded') {
        if (listeners.size > 0) slot.recent.push(...caught.facts);
        return slot.state;
      }
    }
    return reload(conn, slot);
  }

  async function reload(conn: Db, slot: Slot): Promise<OfficeState> {
    forgetKeys(vault, slot.info.id); // an erasure elsewhere may have destroyed a key this process holds
    slot.recent = [];
    const restored = snapshots ? await fromSnapshot(conn, slot) : 'off';
    const state = typeof restored === 'string' ? await fromLog(conn, slot, restored) : restored;
    slot.state = state;
    return state;
  }

  async function fromLog(conn: Db, slot: Slot, why: SnapshotMiss): Promise<OfficeState> {
    const state = await loadOffice(conn, vault, slot.info);
    if (!state) throw new Error(`project ${slot.info.id} has no entries`);
    options.onLoaded?.(slot.info.id, { from: 'log', folded: state.engine.lastSeq, snapshot: why });
    // A snapshot found unusable is replaced by this fold's, whatever seq it claims. It is taken on the loop's next
    // turn, not at a quiet moment: a fold leaves every customer file and report open (≈ 10× the memory the kept
    // state takes), and a server folding office after office (a first start, a new format) would otherwise hold
    // them all until it is quiet. The fold has just held the loop for longer than the keep will.
    if (snapshots && state.engine.lastSeq >= (snapshots.minFacts ?? DEFAULT_SNAPSHOT_MIN)) keepSoon(slot, why !== 'none' && why !== 'erased', nextTurn);
    return state;
  }

  /**
   * The project's state put back from its snapshot and caught up with the entries after it; or why not: there
   * is none, it was written by other code, it does not open, it is not of this log, or an erasure follows it.
   */
  async function fromSnapshot(conn: Db, slot: Slot): Promise<OfficeState | SnapshotMiss> {
    const id = slot.info.id;
    const sealed = await readSnapshot(conn, id);
    if (!sealed) return 'none';
    const opened = await openSnapshot(vault.keys, id, slot.info.zone, sealed);
    if (!opened.ok) return opened.why;
    // The entry it was taken at must be this log's: a snapshot of another history (a restored backup, a copied row) is refolded.
    if ((await entryHashAt(conn, id, sealed.seq)) !== sealed.head) return 'head';
    const { engine, parties, retired } = opened.content;
    const state = restoredOfficeState(slot.info, engine, sealed.head, parties, retired, vault);
    const caught = await catchUp(conn, vault, state);
    if (caught.kind === 'erased') return 'erased';
    slot.snapshotSeq = Math.max(slot.snapshotSeq, sealed.seq);
    options.onLoaded?.(id, { from: 'snapshot', seq: sealed.seq, folded: caught.facts.length });
    return state;
  }

  /** After the answer being written has gone out. */
  const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  /** Pending snapshot writes, awaited by `close`. */
  const keeping = new Set<Promise<unknown>>();
  const quiet = new QuietMoments(snapshots?.quiet);

  /**
   * Reads open customer files and reports without adding an entry, so a day of questions would open an office
   * back up to the size of its fold: after `maxOpened` values, a keep closes them again (at a quiet moment).
   */
  function keepIfOpened(slot: Slot, state: OfficeState): void {
    if (snapshots && !slot.snapshotPending && valuesOpened(state.engine) >= (snapshots.maxOpened ?? DEFAULT_MAX_OPENED)) keepSoon(slot);
  }

  /**
   * Takes a snapshot once the answer that loaded or grew the state has gone out, at a moment the process is not
   * busy (snapshots/quiet-moments.ts) unless `when` says otherwise: serialising a large office holds the event
   * loop for a while, and no request should wait for it. It is taken under the project's mutex, where every fact the
   * state holds is committed, and stored in the background; failing to store it costs only the next start's fold.
   */
  function keepSoon(slot: Slot, overBad = false, when: () => Promise<void> = () => quiet.next()): void {
    if (slot.snapshotPending) return;
    slot.snapshotPending = true;
    const taking = when()
      .then(() =>
        slot.mutex.run(() => {
          slot.snapshotPending = false;
          if (slot.state) keep(slot, slot.state, overBad);
        }),
      )
      .catch(() => undefined)
      .finally(() => keeping.delete(taking));
    keeping.add(taking);
  }

  function keep(slot: Slot, state: OfficeState, overBad: boolean): void {
    let taken;
    try {
      taken = takeSnapshot(vault.keys, slot.info.id, state.head, state); // serialised now; compressed and sealed off the loop
    } catch {
      return; // an engine field the snapshot cannot hold: this project folds its log at each start
    }
    slot.snapshotSeq = state.engine.lastSeq;
    // From now on the office runs on the state as the snapshot puts it back, every customer file and report it
    // opened since the last one closed again: its memory is what it touched since then, not all it ever held.
    // Under the mutex, so no write is folding into the state being replaced; a read holding it finishes on it.
    const again = taken.reopened();
    slot.state = restoredOfficeState(slot.info, again.engine, state.head, again.parties, again.retired, vault);
    const stored = taken.sealed
      .then((sealed) => keepSnapshot(db, slot.info.id, sealed, clock(), overBad))
      .catch(() => undefined)
      .finally(() => keeping.delete(stored));
    keeping.add(stored);
  }

  /** After a commit: a new snapshot once `every` entries have been folded since the last one. */
  function keepIfDue(slot: Slot): void {
    const state = slot.state;
    if (!snapshots || !state) return;
    if (state.engine.lastSeq - slot.snapshotSeq >= (snapshots.every ?? DEFAULT_SNAPSHOT_EVERY)) keepSoon(slot);
  }

  /**
   * Runs `work` in the project's transaction, under its lock, on the caught-up state; resolves once that
   * transaction has committed. Writes that queue up while a transaction runs share the next one, in order
   * (group commit): each decides on the state its predecessors left, and one commit — one fsync, one lock —
   * makes them all durable. A lone write runs exactly as before. If anything fails the engine may hold a fact
   * that was never committed: it is dropped and reloaded from the log, and the writes of the failed
   * transaction are run again one by one, so that only the one that fails fails.
   */
  function write<T>(slot: Slot, work: (tx: Db, state: OfficeState) => Promise<T>, alone = false): Promise<T> {
    return new Promise<T>((done, fail) => {
      slot.queue.push({ work, done: done as (value: unknown) => void, fail, alone });
      slot.draining ??= drain(slot);
    });
  }

  async function drain(slot: Slot): Promise<void> {
    try {
      while (slot.queue.length > 0) {
        const batch = [slot.queue.shift() as Write];
        if (!(batch[0] as Write).alone) while (batch.length < MAX_BATCH && slot.queue.length > 0 && !(slot.queue[0] as Write).alone) batch.push(slot.queue.shift() as Write);
        await slot.mutex.run(() => commit(slot, batch));
      }
    } finally {
      slot.draining = null;
    }
  }

  async function commit(slot: Slot, batch: readonly Write[]): Promise<void> {
    let results: unknown[];
    try {
      results = await db.transaction(
        async (tx) => {
          const state = await current(tx, slot);
          const out: unknown[] = [];
          for (const w of batch) out.push(await w.work(tx, state));
          await flushRows(tx);
          return out;
        },
        { lock: `project:${slot.info.id}` },
      );
    } catch (e) {
      slot.state = null;
      slot.recent = [];
      forgetKeys(vault, slot.info.id);
      if (batch.length === 1) (batch[0] as Write).fail(e);
      else for (const w of batch) await commit(slot, [w]);
      return;
    }
    // Committed: the commands succeeded whatever happens to the delivery, which the next one retries.
    keepIfDue(slot);
    await deliver(slot).catch(() => undefined);
    batch.forEach((w, i) => w.done(results[i]));
  }

  /** Writes one fact as the next entry: its personal values to the vault, the rest to the chain. */
  async function record(tx: Db, state: OfficeState, fact: Fact, actor: Actor): Promise<{ recorded: Recorded; hash: string }> {
    const project = state.info.id;
    const seq = state.engine.lastSeq + 1;
    const body = await sealPersonal(tx, vault, project, seq, fact, state.phoneToken);
    const entry = await appendEntry(tx, { project, seq, at: fact.at, type: fact.type, actor: actorColumn(actor), body, prevHash: state.head });
    return { recorded: Object.freeze({ ...fact, seq }) as Recorded, hash: entry.hash };
  }

  /** Each transaction's projection rows, written once just before it commits (`flushRows`). */
  const pendingRows = new WeakMap<Db, BufferedSink>();
  const rowsOf = (tx: Db, project: string): BufferedSink => {
    let sink = pendingRows.get(tx);
    if (!sink) {
      sink = bufferedSink(tx, project);
      pendingRows.set(tx, sink);
    }
    return sink;
  };
  const flushRows = async (tx: Db): Promise<void> => pendingRows.get(tx)?.flush();

  /** Appends one fact, then folds, projects and announces it. The projection rows are written before the commit. */
  async function append(tx: Db, slot: Slot, state: OfficeState, fact: Fact, actor: Actor): Promise<Recorded> {
    const { recorded, hash } = await record(tx, state, fact, actor);
    await foldAndProject(state, recorded, hash, rowsOf(tx, slot.info.id));
    if (listeners.size > 0) slot.recent.push(recorded);
    await announce(tx, slot.info.id);
    return recorded;
  }

  /** Transactions that have announced their project already (one notice per commit is enough). */
  const announced = new WeakSet<Db>();

  /** PostgreSQL delivers a NOTIFY only if the transaction commits: exactly "after commit". */
  async function announce(tx: Db, project: string): Promise<void> {
    if (tx.dialect !== 'postgres' || announced.has(tx)) return;
    announced.add(tx);
    await tx.run(`SELECT pg_notify('${EVENTS_CHANNEL}', ?)`, [project]);
  }

  async function readFacts(project: string, afterSeq: number, upTo = Number.POSITIVE_INFINITY): Promise<Recorded[]> {
    const out: Recorded[] = [];
    for await (const page of factPages(db, vault, project, afterSeq)) for (const { fact } of page) if (fact.seq <= upTo) out.push(fact);
    return out;
  }

  /** Hands subscribers the committed facts they have not had, in order. Called after commit only. */
  async function deliver(slot: Slot): Promise<void> {
    if (listeners.size > 0) await since.catch(() => undefined);
    const last = slot.state?.engine.lastSeq;
    if (last === undefined) return;
    const from = delivered.get(slot.info.id) ?? 0;
    let facts = slot.recent.filter((f) => f.seq > from && f.seq <= last);
    if (last > from && listeners.size > 0 && facts.length !== last - from) facts = await readFacts(slot.info.id, from, last);
    slot.recent = [];
    if (last <= from) return;
    delivered.set(slot.info.id, last);
    if (listeners.size === 0) return;
    for (const listener of [...listeners]) {
      try {
        listener(slot.info.id, facts);
      } catch {
        // A subscriber's failure is its own: the facts are committed, and the next subscriber still hears them.
      }
    }
  }

  /**
   * Another process committed in `project`, or the LISTEN connection came back (`null`: notices may have
   * been missed, so every project whose head moved is caught up).
   */
  async function onNotice(project: string | null): Promise<void> {
    if (project === null) for (const s of slots.values()) s.fresh = false;
    else if (slots.has(project)) (slots.get(project) as Slot).fresh = false;
    if (closed || listeners.size === 0) return;
    await since.catch(() => undefined);
    const ids = project !== null ? [project] : (await readHeads(db)).filter((h) => h.seq > (delivered.get(h.project) ?? 0)).map((h) => h.project);
    for (const id of ids) {
      const slot = await slotOf(id).catch(() => null);
      if (!slot) continue;
      await slot.mutex
        .run(async () => {
          await current(db, slot);
          await deliver(slot);
        })
        .catch(() => undefined); // the database is unreachable: the next notice or command catches up
    }
  }

  /** Heads as of the first subscription: subscribers hear what is committed from then on, not a backlog. */
  let since: Promise<void> = Promise.resolve();
  const takeHeads = async (): Promise<void> => {
    for (const head of await readHeads(db)) delivered.set(head.project, Math.max(head.seq, delivered.get(head.project) ?? 0));
  };

  const listening: Listening | null = options.listen !== false && isPostgres(db) ? await db.listen(EVENTS_CHANNEL, (p) => void onNotice(p)) : null;

  function handle(slot: Slot): OfficeHandle {
    const savedIndex = readModels?.of(slot.info.id, 'customer-index');
    const project = slot.info;
    return {
      project,
      ...(savedIndex ? { savedIndex } : {}),
      async execute(command: Command, actor: Actor, opts: ExecuteOptions = {}): Promise<Executed> {
        const actorId = actorColumn(actor);
        if (opts.at !== undefined && !Number.isSafeInteger(opts.at)) throw new TypeError(`execute: at must be an integer instant, not ${opts.at}`);
        return write(slot, async (tx, state) => {
          const key = opts.idempotencyKey;
          const request = key === undefined ? '' : fingerprintOf(command);
          if (key !== undefined) {
            const earlier = await recallOutcome(tx, project.id, actorId, key, request);
            if (earlier) return earlier;
          }
          const now = opts.at ?? Math.max(clock(), state.engine.lastAt);
          const decided = decide(state.engine, command, now);
          let executed: Executed;
          if (decided.ok) {
            const recorded = await append(tx, slot, state, decided.decision.fact, actor);
            executed = { ok: true, answer: explained(state.engine, decided.decision, now), seq: recorded.seq };
          } else executed = { ok: false, refusal: decided.refusal };
          if (key !== undefined) await rememberOutcome(tx, project.id, actorId, key, request, executed, now);
          return executed;
        });
      },
      engine(options) {
        // PostgreSQL, nothing announced since the last catch-up and nothing of this process in flight: the state
        // is every committed fact but those committed elsewhere in the last moments, whose notices are on the way
        // (a read may trail another process's commit by that delivery, never a write: writes catch up under the lock).
        // SQLite: the same when no other connection (another process) has committed since the last catch-up.
        const quiet = listening ? slot.fresh && listening.connected() : elsewhere !== null && slot.seenElsewhere === elsewhere(options?.readSince);
        if (quiet && slot.state && slot.draining === null && slot.mutex.idle) {
          keepIfOpened(slot, slot.state);
          return Promise.resolve(slot.state.engine);
        }
        // Reads that queue up behind a write (or another read) share the next catch-up: it starts after each of
        // them asked, so each still sees every fact committed before it asked.
        slot.nextRead ??= slot.mutex.run(async () => {
          slot.nextRead = null;
          const state = await current(db, slot);
          await deliver(slot);
          keepIfOpened(slot, state);
          return state.engine;
        });
        return slot.nextRead;
      },
      facts(afterSeq: number) {
        return readFacts(project.id, afterSeq);
      },
      async backlog(afterSeq: number, limit: number) {
        const entries = await readFactEntries(db, project.id, afterSeq, limit);
        const arrivals: Recorded[] = [];
        // One at a time: opening a stretch of entries unwraps the key of every customer in it.
        for (const e of entries) if (e.type === 'partyArrived') arrivals.push(...(await openEntries(db, vault, [e])));
        return { facts: entries.map((e) => ({ seq: e.seq, type: e.type as Recorded['type'], at: e.at })), arrivals };
      },
    };
  }

  return {
    async list() {
      return readProjects(db);
    },

    async create(project: ProjectInfo, policy: Policy, actor: Actor, options: { readonly at?: number } = {}): Promise<OfficeHandle> {
      const info: ProjectInfo = { id: project.id, name: project.name, zone: project.zone };
      if (!isValidZone(info.zone)) throw new Error(`project "${info.id}": unknown time zone "${info.zone}"`);
      const slot = newSlot(info);
      await db.transaction(
        async (tx) => {
          if (await tx.get('SELECT 1 AS found FROM projects WHERE id = ?', [info.id])) throw new Error(`project "${info.id}" already exists`);
          const at = options.at ?? clock();
          await insertProject(tx, info, at, actorColumn(actor));
          const fact: Fact = { type: 'policySet', at, policy };
          const state = newOfficeState(info, { ...fact, seq: 1 }, vault);
          await append(tx, slot, state, fact, actor);
          await flushRows(tx);
          slot.state = state;
        },
        { lock: `project:${info.id}` },
      );
      slots.set(info.id, slot);
      await slot.mutex.run(() => deliver(slot));
      return handle(slot);
    },

    async open(projectId: string) {
      const slot = await slotOf(projectId);
      if (!slot) return null;
      slot.handle ??= handle(slot);
      return slot.handle;
    },

    async erasePersonal(projectId, phone, by, approvedBy, reason) {
      const key = normalisePhone(phone);
      if (key === null) return refused('invalid_phone', `"${phone}" is not a valid phone number`);
      if (approvedBy.trim() === '' || reason.trim() === '') return refused('invalid_input', 'an erasure needs an approver and a reason (SEC-5)');
      if (approvedBy === by.id) return refused('invalid_input', 'an erasure must be approved by someone other than who asks for it (SEC-5)');
      const slot = await slotOf(projectId);
      if (!slot) return refused('invalid_input', `unknown project "${projectId}"`);
      return write(
        slot,
        async (tx, state): Promise<Erasure> => {
          const token = state.phoneToken(key);
          if (!(await hasPersonalData(tx, projectId, token))) return refused('invalid_input', 'no personal data of this phone is held in this project');
          const fact: Fact = { type: 'personalDataErased', at: Math.max(clock(), state.engine.lastAt), phone: token, by: by.id, approvedBy, reason };
          const { recorded } = await record(tx, state, fact, by);
          const erased = await destroyPersonalData(tx, vault, projectId, token);
          await dropSnapshot(tx, projectId);
          await dropReadModelSnapshots(tx, projectId);
          slot.snapshotSeq = -1;
          // The engine still knows the phone: reload it from the log, which now yields the token in its place.
          const reloaded = await reload(tx, slot);
          await projectFact(reloaded.engine, recorded, touchesOf(reloaded.engine, recorded, reloaded.parties), sqlSink(tx, projectId), reloaded.tokenOf);
          await announce(tx, projectId);
          return { ok: true, seq: recorded.seq, token, erased };
        },
        true, // it reloads the engine: no other write may share its transaction
      );
    },

    async phoneToken(projectId, phone) {
      const key = normalisePhone(phone);
      const slot = await slotOf(projectId);
      if (key === null || !slot) return null;
      return slot.mutex.run(async () => (await current(db, slot)).phoneToken(key));
    },

    subscribe(listener: Listener) {
      if (listeners.size === 0) since = takeHeads();
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    async close() {
      closed = true;
      await Promise.all(
        [...slots.values()].map(async (s) => {
          await s.draining;
          await s.mutex.run(() => undefined);
        }),
      );
      await listening?.close();
      // Snapshots still being taken or stored are kept: a restart after a clean stop folds nothing.
      quiet.hurry();
      while (keeping.size > 0) await Promise.all([...keeping]);
      await readModels?.settle();
    },
  };
}
