// Throw-away databases for the accounts and API tests: SQLite in a temp folder, or a scratch PostgreSQL
// database (anchang_api_<random>) created on the local server and dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ACCOUNT_MIGRATIONS } from '../../src/accounts/accounts.migrations.ts';
import type { Db, Dialect } from '../../src/store/sql/db.ts';
import { migrate } from '../../src/store/sql/migrate.ts';
import { openPostgres } from '../../src/store/sql/postgres-db.ts';
import { openSqlite } from '../../src/store/sql/sqlite-db.ts';

export const PG_SERVER = 'postgres://postgres@127.0.0.1:5432';
export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

export interface ScratchDb {
  readonly db: Db;
  drop(): Promise<void>;
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A migrated accounts database of the given dialect. */
export async function scratchDb(dialect: Dialect): Promise<ScratchDb> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'anchang-accounts-'));
    const db = openSqlite(join(dir, 'accounts.db'));
    await migrate(db, ACCOUNT_MIGRATIONS);
    return {
      db,
      drop: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `anchang_api_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  const db = openPostgres(`${PG_SERVER}/${name}`, { max: 4 });
  await migrate(db, ACCOUNT_MIGRATIONS);
  return {
    db,
    drop: async () => {
      await db.close();
      await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
