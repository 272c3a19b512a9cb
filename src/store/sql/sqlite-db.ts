// SQLite through better-sqlite3: the one-PC default. Durable commits are a precondition, not a setting:
// WAL with synchronous=FULL (better-sqlite3 reopens WAL databases at NORMAL, which can lose acknowledged
// commits on power loss), and the store refuses to open on anything weaker.
import Database from 'better-sqlite3';
import type { Db, SqlValue } from './db.ts';
import { Mutex } from './mutex.ts';
import { preparePrivateFile } from './private-files.ts';

type Native = Database.Database;

export class DurabilityError extends Error {}

export function openSqlite(file: string): Db {
  preparePrivateFile(file);
  const native = new Database(file);
  native.pragma('journal_mode = WAL');
  native.pragma('synchronous = FULL');
  native.pragma('busy_timeout = 10000');
  native.pragma('foreign_keys = ON');
  assertDurable(native);
  // better-sqlite3 is synchronous and has one connection, so an async transaction must keep every other
  // statement of this process out until it ends: a FIFO mutex guards the connection.
  return new SqliteDb(native, new Mutex(), new Statements(native));
}

/** Throws unless the connection commits durably (WAL + synchronous=FULL, or stronger). */
export function assertDurable(native: Native): void {
  const mode = String(native.pragma('journal_mode', { simple: true })).toLowerCase();
  const sync = Number(native.pragma('synchronous', { simple: true }));
  if (mode !== 'wal' && mode !== 'memory') throw new DurabilityError(`SQLite journal_mode is ${mode}, not wal: refusing to start`);
  if (sync < 2) throw new DurabilityError(`SQLite synchronous is ${sync} (needs FULL = 2): acknowledged commits could be lost on power loss; refusing to start`);
}

const bind = (params: readonly SqlValue[]): unknown[] => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

/**
 * Prepared statements by SQL text, for the connection's life. Preparing costs more than running a short
 * indexed statement, and the stores send the same few texts over and over. Least recently used first out,
 * so texts built with a varying number of placeholders (`IN (?, ?, …)`, multi-row inserts) stay bounded.
 */
export class Statements {
  private readonly cache = new Map<string, Database.Statement>();
  constructor(
    private readonly native: Native,
    private readonly limit = 256,
  ) {}

  get(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (statement) {
      this.cache.delete(sql); // re-inserted below: most recently used last
    } else {
      statement = this.native.prepare(sql);
      if (this.cache.size >= this.limit) this.cache.delete(this.cache.keys().next().value as string);
    }
    this.cache.set(sql, statement);
    return statement;
  }

  get size(): number {
    return this.cache.size;
  }
}

class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  constructor(
    private readonly native: Native,
    private readonly mutex: Mutex | null,
    private readonly statements: Statements,
  ) {}

  private guard<T>(work: () => T): Promise<T> {
    return this.mutex ? this.mutex.run(work) : Promise.resolve().then(work);
  }

  all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.guard(() => this.statements.get(sql).all(...bind(params)) as T[]);
  }

  get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.guard(() => this.statements.get(sql).get(...bind(params)) as T | undefined);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return this.guard(() => ({ changes: this.statements.get(sql).run(...bind(params)).changes }));
  }

  exec(sql: string): Promise<void> {
    return this.guard(() => void this.native.exec(sql));
  }

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    // Inside a transaction (no mutex) a nested call simply joins it.
    if (!this.mutex) return work(this);
    return this.mutex.run(async () => {
      const inner = new SqliteDb(this.native, null, this.statements);
      this.native.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(inner);
        this.native.exec('COMMIT');
        return result;
      } catch (e) {
        if (this.native.inTransaction) this.native.exec('ROLLBACK');
        throw e;
      }
    });
  }

  close(): Promise<void> {
    return this.guard(() => void this.native.close());
  }

  /** The last `commitsElsewhere` read, and the instant (performance.now()) just before it was made. */
  private lastVersion = Number.NaN;
  private lastVersionAt = Number.NEGATIVE_INFINITY;

  /** Read at once, outside the mutex: a pragma of the one connection, and cheaper than the mutex's hop. */
  commitsElsewhere(readSince?: number): number {
    if (readSince !== undefined && this.lastVersionAt >= readSince) return this.lastVersion;
    const at = performance.now(); // before the read: the number it gets is as of this instant or later
    let version: number;
    try {
      version = this.dataVersion.get() as number;
    } catch {
      version = Number.NaN; // closed: equal to nothing, so nobody trusts what they hold
    }
    this.lastVersion = version;
    this.lastVersionAt = at;
    return version;
  }

  private get dataVersion(): Database.Statement {
    return this.statements.get('PRAGMA data_version').pluck(); // the number alone
  }

  /** A consistent online copy of the database (`anchang backup`). */
  backup(file: string): Promise<unknown> {
    return this.native.backup(file);
  }
}

export function isSqlite(db: Db): db is Db & { backup(file: string): Promise<unknown> } {
  return db instanceof SqliteDb;
}
