// The event log: every fact of every project, appended to one table and never changed (REG-1, REG-6, SEC-3).
// There is no update or delete path in this code, and triggers on both databases refuse UPDATE and DELETE,
// so even a hand-written statement cannot rewrite history. Each project's entries form one hash chain:
// an entry's hash covers the previous entry's hash and everything the entry says, so an altered, missing
// or reordered entry breaks the chain at that point (`verifyLog`).
import { createHash } from 'node:crypto';
import type { Db, SqlValue } from '../sql/db.ts';
import { int } from '../sql/db.ts';
import { insertRows } from '../sql/insert-rows.ts';
import type { Migration } from '../sql/migrate.ts';
import { SYSTEM, type Actor, type ProjectInfo } from '../offices.ts';

/** The `prev_hash` of a project's first entry. */
export const GENESIS = '0'.repeat(64);

/** One stored entry, as the table holds it. `body` is canonical JSON text: the fact without `type` and `at`. */
export interface LogEntry {
  readonly project: string;
  readonly seq: number;
  readonly at: number;
  readonly type: string;
  /** A user id, or `system` (SEC-3: every change is attributable). */
  readonly actor: string;
  readonly body: string;
  readonly prevHash: string;
  readonly hash: string;
}

const TABLES = `
  CREATE TABLE projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, zone TEXT NOT NULL, created_at BIGINT NOT NULL, created_by TEXT NOT NULL);
  CREATE TABLE events (
    project TEXT NOT NULL REFERENCES projects (id), seq BIGINT NOT NULL, at BIGINT NOT NULL, type TEXT NOT NULL,
    actor TEXT NOT NULL, body TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
    PRIMARY KEY (project, seq));`;

export const EVENT_LOG_SCHEMA: Migration = {
  id: '0010-event-log',
  sql: {
    sqlite: `${TABLES}
      CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only (SEC-3): UPDATE refused'); END;
      CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only (SEC-3): DELETE refused'); END;`,
    postgres: `${TABLES}
      CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'events are append-only (SEC-3): % refused', TG_OP; END $$;
      CREATE TRIGGER events_refuse_update_delete BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_refuse_change();
      CREATE TRIGGER events_refuse_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change();`,
  },
};

/** The projects the store holds (or the one with this id), in id order. */
export async function readProjects(db: Db, id?: string): Promise<ProjectInfo[]> {
  const where = id !== undefined ? ' WHERE id = ?' : '';
  return db.all<ProjectInfo>(`SELECT id, name, zone FROM projects${where} ORDER BY id`, id !== undefined ? [id] : []);
}

/** The project's row, written once when it is created (its log then begins with the starting policy). */
export async function insertProject(tx: Db, info: ProjectInfo, at: number, actor: string): Promise<void> {
  await tx.run('INSERT INTO projects (id, name, zone, created_at, created_by) VALUES (?, ?, ?, ?, ?)', [info.id, info.name, info.zone, at, actor]);
}

/** SHA-256 over the previous hash and every column of the entry, encoded as one JSON array (unambiguous). */
export function entryHash(e: Omit<LogEntry, 'hash'>): string {
  return createHash('sha256').update(JSON.stringify([e.prevHash, e.project, e.seq, e.at, e.type, e.actor, e.body])).digest('hex');
}

/** The `actor` column: the user's id, or `system`. A user may not be called `system`: the column must say who. */
export function actorColumn(actor: Actor): string {
  if (actor.kind === 'user' && actor.id === SYSTEM.id) throw new Error('a user id may not be "system"');
  return actor.id;
}

export function actorOf(column: string): Actor {
  return column === SYSTEM.id ? SYSTEM : { kind: 'user', id: column };
}

/** The entry chained after `e.prevHash`: the columns and their hash. */
export function chainEntry(e: Omit<LogEntry, 'hash'>): LogEntry {
  return { ...e, hash: entryHash(e) };
}

const ENTRY_COLUMNS = ['project', 'seq', 'at', 'type', 'actor', 'body', 'prev_hash', 'hash'];
const entryValues = (e: LogEntry): SqlValue[] => [e.project, e.seq, e.at, e.type, e.actor, e.body, e.prevHash, e.hash];

/** Appends one entry after `prevHash` and returns it. The primary key (project, seq) makes a fork impossible. */
export async function appendEntry(tx: Db, e: Omit<LogEntry, 'hash'>): Promise<LogEntry> {
  const entry = chainEntry(e);
  await tx.run('INSERT INTO events (project, seq, at, type, actor, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', entryValues(entry));
  return entry;
}

/**
 * Appends entries already chained (`chainEntry`, each after the one before) with multi-row INSERTs: a bulk
 * load. The same rows as `appendEntry` one by one; the primary key still refuses a fork.
 */
export async function appendEntries(tx: Db, entries: readonly LogEntry[], maxParams?: number): Promise<void> {
  await insertRows(tx, 'events', ENTRY_COLUMNS, entries.map(entryValues), maxParams);
}

interface EntryRow {
  project: string;
  seq: unknown;
  at: unknown;
  type: string;
  actor: string;
  body: string;
  prev_hash: string;
  hash: string;
}

const COLUMNS = 'project, seq, at, type, actor, body, prev_hash, hash';

function entryOf(r: EntryRow): LogEntry {
  return { project: r.project, seq: int(r.seq), at: int(r.at), type: r.type, actor: r.actor, body: r.body, prevHash: r.prev_hash, hash: r.hash };
}

/** Up to `limit` entries of one project after `afterSeq`, in order. */
export async function readEntries(db: Db, project: string, afterSeq: number, limit: number): Promise<LogEntry[]> {
  const rows = await db.all<EntryRow>(`SELECT ${COLUMNS} FROM events WHERE project = ? AND seq > ? ORDER BY seq LIMIT ?`, [project, afterSeq, limit]);
  return rows.map(entryOf);
}

/** What folding needs of an entry: the fact's columns and the hash the next entry chains to. */
export type FactEntry = Pick<LogEntry, 'project' | 'seq' | 'at' | 'type' | 'body' | 'hash'>;

/**
 * Up to `limit` entries of one project after `afterSeq`, in order, without the columns only `verify` reads
 * (`actor`, `prev_hash`): reading a long log to fold it costs about half as much per entry.
 */
export async function readFactEntries(db: Db, project: string, afterSeq: number, limit: number): Promise<FactEntry[]> {
  const rows = await db.all<{ seq: unknown; at: unknown; type: string; body: string; hash: string }>(
    'SELECT seq, at, type, body, hash FROM events WHERE project = ? AND seq > ? ORDER BY seq LIMIT ?',
    [project, afterSeq, limit],
  );
  return rows.map((r) => ({ project, seq: int(r.seq), at: int(r.at), type: r.type, body: r.body, hash: r.hash }));
}

/** Whether the project has an entry after `afterSeq`: one index probe, for a catch-up that usually finds nothing. */
export async function hasEntriesAfter(db: Db, project: string, afterSeq: number): Promise<boolean> {
  return (await db.get('SELECT seq FROM events WHERE project = ? AND seq > ? ORDER BY seq LIMIT 1', [project, afterSeq])) !== undefined;
}

/** A project's entries after `afterSeq`, a page at a time, so a long log never sits in memory at once. */
export async function* entryPages(db: Db, project: string, afterSeq = 0, page = 2000): AsyncGenerator<LogEntry[]> {
  let last = afterSeq;
  for (;;) {
    const entries = await readEntries(db, project, last, page);
    if (entries.length > 0) yield entries;
    if (entries.length < page) return;
    last = (entries[entries.length - 1] as LogEntry).seq;
  }
}

/** The seq of the entry whose hash is `hash`, if any (diagnosing a broken link). */
export async function seqOfHash(db: Db, project: string, hash: string): Promise<number | null> {
  const row = await db.get<{ seq: unknown }>('SELECT seq FROM events WHERE project = ? AND hash = ?', [project, hash]);
  return row ? int(row.seq) : null;
}
