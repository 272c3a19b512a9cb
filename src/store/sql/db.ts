// One small SQL interface over both databases, so every store (event log, accounts, projections) is written
// once. SQL is written with `?` placeholders; the PostgreSQL adapter numbers them. Values are strings,
// numbers (integers and doubles), booleans stored as 0/1 integers, or null — nothing dialect-specific.
export type Dialect = 'sqlite' | 'postgres';
export type SqlValue = string | number | bigint | null | Buffer;

export interface Db {
  readonly dialect: Dialect;
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; `changes` is the number of rows it wrote. */
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Several statements without parameters (schema scripts). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` in one transaction that commits when it resolves and rolls back when it throws.
   * `lock` serialises writers on one key across every process sharing the database (a PostgreSQL
   * advisory lock; SQLite takes its one write lock with BEGIN IMMEDIATE).
   */
  transaction<T>(work: (tx: Db) => Promise<T>, options?: { readonly lock?: string }): Promise<T>;
  close(): Promise<void>;
  /**
   * SQLite: a number that changes whenever another connection — another process — has committed to the database
   * since it was last read, and never for this connection's own commits (`PRAGMA data_version`). A reader that
   * finds it unchanged knows that nothing it has not seen was committed. Absent on PostgreSQL, whose commits
   * announce themselves (LISTEN/NOTIFY).
   *
   * `readSince` (a `performance.now()` instant): the number as read at that instant or later, which may be a read
   * another caller made since — for a request, which needs to see what was committed before it arrived, not
   * after (issue 13: each read costs a read transaction's file locks, and a judge asked twice). Without it, read now.
   */
  commitsElsewhere?(readSince?: number): number;
}

/** Integer columns come back as strings from PostgreSQL's BIGINT; read them through this. */
export function int(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
