// Where engine snapshots are kept: one row per project, the latest only, beside the log in the same database
// (every process on one PostgreSQL shares them). Rows are derived data: replaced as the log grows, deleted by
// an erasure, and a missing or unreadable one only means the next start folds the log.
import { int, type Db } from '../sql/db.ts';
import type { Migration } from '../sql/migrate.ts';
import type { SealedSnapshot } from './engine-snapshot.ts';
import { readBody } from './sealed-bytes.ts';

export const ENGINE_SNAPSHOT_SCHEMA: Migration = {
  id: '0015-engine-snapshots',
  sql: {
    sqlite: 'CREATE TABLE engine_snapshots (project TEXT PRIMARY KEY, seq BIGINT NOT NULL, head TEXT NOT NULL, format TEXT NOT NULL, taken_at BIGINT NOT NULL, body BLOB NOT NULL)',
    postgres: 'CREATE TABLE engine_snapshots (project TEXT PRIMARY KEY, seq BIGINT NOT NULL, head TEXT NOT NULL, format TEXT NOT NULL, taken_at BIGINT NOT NULL, body BYTEA NOT NULL)',
  },
};

export async function readSnapshot(db: Db, project: string): Promise<SealedSnapshot | null> {
  const row = await readBody<{ seq: unknown; head: string; format: string }>(db, 'engine_snapshots', 'seq, head, format', 'project = ?', [project]);
  return row ? { seq: int(row.seq), head: row.head, format: row.format, body: row.body } : null;
}

/**
 * Keeps `snapshot` as the project's, under the project's lock, unless a newer one is kept already (`overBad`:
 * the one kept was found unusable, so it goes whatever its seq says) or an erasure was committed after the
 * entry it was taken at (it would hold the erased customer's phone: SEC-5).
 */
export async function keepSnapshot(db: Db, project: string, snapshot: SealedSnapshot, at: number, overBad = false): Promise<boolean> {
  return db.transaction(
    async (tx) => {
      if (await tx.get("SELECT 1 AS found FROM events WHERE project = ? AND seq > ? AND type = 'personalDataErased'", [project, snapshot.seq])) return false;
      const kept = await tx.get<{ seq: unknown }>('SELECT seq FROM engine_snapshots WHERE project = ?', [project]);
      if (kept && !overBad && int(kept.seq) >= snapshot.seq) return false;
      await tx.run('DELETE FROM engine_snapshots WHERE project = ?', [project]);
      await tx.run('INSERT INTO engine_snapshots (project, seq, head, format, taken_at, body) VALUES (?, ?, ?, ?, ?, ?)', [project, snapshot.seq, snapshot.head, snapshot.format, at, snapshot.body]);
      return true;
    },
    { lock: `project:${project}` },
  );
}

/** An erasure's part (SEC-5): the project's snapshot holds the erased phone, so it goes. */
export async function dropSnapshot(tx: Db, project: string): Promise<void> {
  await tx.run('DELETE FROM engine_snapshots WHERE project = ?', [project]);
}

/** The hash of one entry of the log (null: no such entry), to check that a snapshot belongs to this log. */
export async function entryHashAt(db: Db, project: string, seq: number): Promise<string | null> {
  const row = await db.get<{ hash: string }>('SELECT hash FROM events WHERE project = ? AND seq = ?', [project, seq]);
  return row?.hash ?? null;
}
