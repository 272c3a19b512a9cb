// PostgreSQL through node-postgres: the sales-group store, shared by several server processes.
// Writers of one key (a project's log) are serialised by a transaction-scoped advisory lock.
import pg from 'pg';
import type { Db, SqlValue } from './db.ts';

// BIGINT columns (sequence numbers, epoch-ms instants) fit in a double; read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** `?` placeholders → `$1, $2, …` (no `?` appears inside the SQL strings we write). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

type Queryable = pg.Pool | pg.PoolClient;

class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  constructor(
    private readonly conn: Queryable,
    private readonly pool: pg.Pool | null,
  ) {}

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const res = await this.conn.query(numbered(sql), params as unknown[]);
    return res.rows as T[];
  }

  async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    const res = await this.conn.query(numbered(sql), params as unknown[]);
    return { changes: res.rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    await this.conn.query(sql);
  }

  async transaction<T>(work: (tx: Db) => Promise<T>, options: { readonly lock?: string } = {}): Promise<T> {
    if (!this.pool) return work(this);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (options.lock !== undefined) await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [options.lock]);
      const result = await work(new PostgresDb(client, null));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.pool) await this.pool.end();
  }
}

export function openPostgres(url: string, options: { readonly max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client's error (e.g. the server restarting) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return new PostgresDb(pool, pool);
}
