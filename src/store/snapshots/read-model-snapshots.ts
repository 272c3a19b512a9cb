// Saved state of a read model the API keeps beside an office's engine (the customer index behind the
// register, the reports, the floor's log and every timeline), so that a restarted server does not read and
// unseal the office's whole log before its first report (issues 11 and 13: cold start). Like an engine
// snapshot it is derived data, never a source of truth: it names the entry it was taken at (seq and hash) and
// the code that wrote it, it is sealed under a key of its own, and anything that does not check out is
// deleted and the log folded instead. It holds customers' names and phones, so an erasure deletes it (SEC-5).
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { FactCodec } from '../../app/fact-table.ts';
import type { SavedState } from '../../app/saved-state.ts';
import type { Recorded } from '../../core/facts.ts';
import { int, type Db } from '../sql/db.ts';
import type { Migration } from '../sql/migrate.ts';
import type { VaultKeys } from '../vault/vault-crypto.ts';
import { codeDigest, packBytes, readBody, sealingKey, unpackBytes } from './sealed-bytes.ts';
import { entryHashAt } from './snapshot-store.ts';

const table = (blob: string) =>
  `CREATE TABLE read_model_snapshots (project TEXT NOT NULL, kind TEXT NOT NULL, seq BIGINT NOT NULL, head TEXT NOT NULL, format TEXT NOT NULL, taken_at BIGINT NOT NULL, body ${blob} NOT NULL, PRIMARY KEY (project, kind))`;

export const READ_MODEL_SNAPSHOT_SCHEMA: Migration = { id: '0016-read-model-snapshots', sql: { sqlite: table('BLOB'), postgres: table('BYTEA') } };

/** The read models that keep state, and the code each one's state is only good for (with the core it asks). */
const FORMATS = {
  'customer-index': codeDigest(
    'customer-index-v1',
    [new URL('../../core/', import.meta.url)],
    ['../../app/customer-index.ts', '../../app/fact-table.ts', '../../app/ownership-book.ts', '../../app/saved-state.ts', './read-model-snapshots.ts', './sealed-bytes.ts'].map((f) => new URL(f, import.meta.url)),
  ),
} as const;

/**
 * A model's facts as compressed V8 bytes inside its state (sealed with it), each chunk inflated only when one
 * of its facts is asked for: a restart inflates the rest of the state, not the office's whole history.
 */
const FACT_CODEC: FactCodec = {
  encode: (facts) => deflateRawSync(serialize(facts), { level: 1 }),
  decode: (bytes) => deserialize(inflateRawSync(bytes)) as Recorded[],
};

export type ReadModelKind = keyof typeof FORMATS;

const associated = (project: string, kind: ReadModelKind, seq: number, head: string): string => `${project}\n${kind}\n${seq}\n${head}\n${FORMATS[kind]}`;
const keyOf = (keys: VaultKeys): Buffer => sealingKey(keys, 'anchang/read-model-snapshot/v1');

/** Why a saved state was not used (tests and logs read it). */
export type ReadModelMiss = 'none' | 'format' | 'head' | 'sealed' | 'content';

export interface ReadModelSnapshots {
  /** The saved state of one read model of one project, as `SavedState` (the app's side of it). */
  of(project: string, kind: ReadModelKind): SavedState;
  /** Pending writes, awaited before the store closes. */
  settle(): Promise<void>;
}

/**
 * Saved states kept in `db`. `onMiss` hears why a saved state was refused (it is deleted; the model folds the log).
 * `at` is the store's clock (the row's taken_at).
 */
export function readModelSnapshots(db: Db, keys: VaultKeys, at: () => number, onMiss: (project: string, kind: ReadModelKind, why: ReadModelMiss) => void = () => undefined): ReadModelSnapshots {
  const key = keyOf(keys);
  const pending = new Set<Promise<unknown>>();

  async function load(project: string, kind: ReadModelKind): Promise<{ seq: number; data: unknown } | null> {
    const row = await readBody<{ seq: unknown; head: string; format: string }>(db, 'read_model_snapshots', 'seq, head, format', 'project = ? AND kind = ?', [project, kind]);
    if (!row) {
      onMiss(project, kind, 'none');
      return null;
    }
    const seq = int(row.seq);
    const refuse = async (why: ReadModelMiss) => {
      onMiss(project, kind, why);
      await db.run('DELETE FROM read_model_snapshots WHERE project = ? AND kind = ? AND seq = ? AND head = ?', [project, kind, seq, row.head]);
      return null;
    };
    if (row.format !== FORMATS[kind]) return refuse('format');
    // A state of another history (a restored backup, a copied row) names an entry this log does not have.
    if ((await entryHashAt(db, project, seq)) !== row.head) return refuse('head');
    let plain: Buffer;
    try {
      plain = await unpackBytes(key, associated(project, kind, seq, row.head), row.body);
    } catch {
      return refuse('sealed');
    }
    try {
      return { seq, data: deserialize(plain) as unknown };
    } catch {
      return refuse('content');
    }
  }

  async function store(project: string, kind: ReadModelKind, seq: number, plain: Buffer): Promise<boolean> {
    const head = await entryHashAt(db, project, seq);
    if (head === null) return false;
    const body = await packBytes(key, associated(project, kind, seq, head), plain);
    return db.transaction(
      async (tx) => {
        // An erasure after `seq` destroyed what this state still holds (SEC-5): it is not kept.
        if (await tx.get("SELECT 1 AS found FROM events WHERE project = ? AND seq > ? AND type = 'personalDataErased'", [project, seq])) return false;
        const kept = await tx.get<{ seq: unknown; format: string }>('SELECT seq, format FROM read_model_snapshots WHERE project = ? AND kind = ?', [project, kind]);
        if (kept && kept.format === FORMATS[kind] && int(kept.seq) >= seq) return false;
        await tx.run('DELETE FROM read_model_snapshots WHERE project = ? AND kind = ?', [project, kind]);
        await tx.run('INSERT INTO read_model_snapshots (project, kind, seq, head, format, taken_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)', [project, kind, seq, head, FORMATS[kind], at(), body]);
        return true;
      },
      { lock: `project:${project}` },
    );
  }

  return {
    of(project, kind) {
      return {
        load: () => load(project, kind),
        facts: FACT_CODEC,
        keep(seq, data) {
          // Serialised now, before anything is awaited: the model goes on folding while this is stored.
          const plain = serialize(data);
          const stored = store(project, kind, seq, plain).catch(() => false);
          const tracked = stored.finally(() => pending.delete(tracked));
          pending.add(tracked);
          return stored;
        },
      };
    },
    async settle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

/** An erasure's part (SEC-5): every read model's saved state of the project holds the erased customer. */
export async function dropReadModelSnapshots(tx: Db, project: string): Promise<void> {
  await tx.run('DELETE FROM read_model_snapshots WHERE project = ?', [project]);
}
