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

/** A LISTEN that stays up: `close` ends it. */
export interface Listening {
  /** The LISTEN connection is up: every commit of another process from now on will be heard. */
  connected(): boolean;
  close(): Promise<void>;
}

class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  constructor(
    private readonly conn: Queryable,
    private readonly pool: pg.Pool | null,
    /** The connection string, for a dedicated LISTEN connection and for `pg_dump`. */
    readonly url: string,
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
      const result = await work(new PostgresDb(client, null, this.url));
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

  /**
   * LISTENs on `channel` over a connection of its own (a pooled one would be handed to other work). If the
   * connection drops it reconnects every second, then calls `onMessage(null)`: notifications may have been
   * missed meanwhile, so the listener should catch up.
   */
  async listen(channel: string, onMessage: (payload: string | null) => void): Promise<Listening> {
    let client: pg.Client | null = null;
    let closed = false;
    let retry: NodeJS.Timeout | null = null;
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: this.url });
      c.on('notification', (m) => {
        if (m.channel === channel) onMessage(m.payload ?? '');
      });
      c.on('error', () => reconnect(c));
      c.on('end', () => reconnect(c));
      try {
        await c.connect();
        await c.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
      } catch (e) {
        await c.end().catch(() => undefined);
        throw e;
      }
      client = c;
    };
    const reconnect = (dead: pg.Client): void => {
      if (closed || client !== dead || retry) return;
      client = null;
      void dead.end().catch(() => undefined);
      const attempt = (): void => {
        retry = setTimeout(() => {
          retry = null;
          if (closed) return;
          connect().then(
            () => onMessage(null),
            () => attempt(),
          );
        }, 1000);
        retry.unref();
      };
      attempt();
    };
    await connect();
    return {
      connected: () => client !== null,
      async close() {
        closed = true;
        if (retry) clearTimeout(retry);
        const c = client;
        client = null;
        if (c) await c.end().catch(() => undefined);
      },
    };
  }
}

export function isPostgres(db: Db): db is Db & Pick<PostgresDb, 'url' | 'listen'> {
  return db instanceof PostgresDb;
}

export function openPostgres(url: string, options: { readonly max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client's error (e.g. the server restarting) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return new PostgresDb(pool, pool, url);
}
