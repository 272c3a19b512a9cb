// Opens one installation's storage: the database (SQLite in the data folder, or PostgreSQL), every
// schema migration, and the offices. Every CLI command and the server start here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT_MIGRATIONS } from '../accounts/accounts.migrations.ts';
import type { Db } from '../store/sql/db.ts';
import { migrate } from '../store/sql/migrate.ts';
import { openPostgres } from '../store/sql/postgres-db.ts';
import { openSqlite } from '../store/sql/sqlite-db.ts';
import { openSqlOffices, type SqlOffices, type SqlOfficesOptions } from '../store/sql-offices.ts';
import { EVENT_LOG_MIGRATIONS } from '../store/store-migrations.ts';
import type { Config } from './config.ts';

export interface Installation {
  readonly config: Config;
  readonly db: Db;
  readonly offices: SqlOffices;
  close(): Promise<void>;
}

export function openDatabase(config: Config): Db {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return openSqlite(join(config.dataDir, 'anchang.db'));
}

export async function openInstallation(
  config: Config,
  // `clock`: the store records facts at the same time the API reads with (a test that moves the server's time).
  options: { readonly listen?: boolean; readonly onUnreadable?: SqlOfficesOptions['onUnreadable']; readonly clock?: () => number } = {},
): Promise<Installation> {
  const db = openDatabase(config);
  try {
    await migrate(db, EVENT_LOG_MIGRATIONS, ACCOUNT_MIGRATIONS);
    const offices = await openSqlOffices(db, { secret: config.secret, listen: options.listen ?? false, ...(options.onUnreadable ? { onUnreadable: options.onUnreadable } : {}), ...(options.clock ? { clock: options.clock } : {}) });
    return {
      config,
      db,
      offices,
      async close() {
        await offices.close();
        await db.close();
      },
    };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

/** Where the database is, in words, for the messages the commands print. */
export function describeStore(config: Config): string {
  return config.databaseUrl ? `PostgreSQL ${config.databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}` : `SQLite ${join(config.dataDir, 'anchang.db')}`;
}
