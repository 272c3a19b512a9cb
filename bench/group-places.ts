// Where the sales-group benchmark keeps its data: a SQLite file in a scratch data folder (where `anchang
// serve --data` looks for it) and a scratch PostgreSQL database, both migrated like an installation and both
// removed at the end unless asked to keep them.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ACCOUNT_MIGRATIONS } from '../src/accounts/accounts.migrations.ts';
import type { Db, Dialect } from '../src/store/sql/db.ts';
import { migrate } from '../src/store/sql/migrate.ts';
import { openPostgres } from '../src/store/sql/postgres-db.ts';
import { openSqlite } from '../src/store/sql/sqlite-db.ts';
import { EVENT_LOG_MIGRATIONS } from '../src/store/store-migrations.ts';
import { onPostgresServer, PG_SERVER } from '../test/support/postgres-scratch.ts';

export interface Place {
  readonly dialect: Dialect;
  /** The installation's data folder (`--data`): SQLite's file, and the server's secret if none is given. */
  readonly dataDir: string;
  /** PostgreSQL's connection string; null on SQLite. */
  readonly databaseUrl: string | null;
  readonly db: Db;
  /** A second, raw connection for the "limit" figures: better-sqlite3 or a node-postgres client. */
  readonly raw: RawConnection;
  drop(): Promise<void>;
}

export type RawConnection = { readonly dialect: 'sqlite'; readonly native: Database.Database } | { readonly dialect: 'postgres'; readonly client: pg.Client };

export async function openPlace(dialect: Dialect, root: string, keep: boolean): Promise<Place> {
  const dataDir = join(root, dialect);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  let db: Db;
  let databaseUrl: string | null = null;
  let raw: RawConnection;
  let dropDatabase = async () => undefined as void;
  if (dialect === 'sqlite') {
    const file = join(dataDir, 'anchang.db');
    db = openSqlite(file);
    await migrate(db, EVENT_LOG_MIGRATIONS, ACCOUNT_MIGRATIONS);
    const native = new Database(file);
    native.pragma('journal_mode = WAL');
    native.pragma('synchronous = FULL'); // the same durability as the store's connection
    native.pragma('busy_timeout = 10000');
    raw = { dialect, native };
  } else {
    const name = `anchang_bench_${randomBytes(4).toString('hex')}`;
    await onPostgresServer(`CREATE DATABASE ${name}`);
    databaseUrl = `${PG_SERVER}/${name}`;
    dropDatabase = () => onPostgresServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    db = openPostgres(databaseUrl, { max: 10 });
    await migrate(db, EVENT_LOG_MIGRATIONS, ACCOUNT_MIGRATIONS);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    raw = { dialect, client };
  }
  return {
    dialect,
    dataDir,
    databaseUrl,
    db,
    raw,
    async drop() {
      if (raw.dialect === 'sqlite') raw.native.close();
      else await raw.client.end().catch(() => undefined);
      await db.close().catch(() => undefined);
      if (keep) return;
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** On-disk size of the store (SQLite file + WAL, or the PostgreSQL database). */
export async function storeBytes(place: Place): Promise<number> {
  if (place.raw.dialect === 'sqlite') {
    const row = place.raw.native.prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()').get() as { bytes: number };
    return row.bytes;
  }
  const res = await place.raw.client.query('SELECT pg_database_size(current_database())::bigint AS bytes');
  return Number(res.rows[0]?.bytes ?? 0);
}
