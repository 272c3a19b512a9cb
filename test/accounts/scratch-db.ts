// Throw-away databases for the accounts and API tests: SQLite in a temp folder, or a scratch PostgreSQL
// database (anchang_api_<random>) created on the local server and dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from '../support/postgres-scratch.ts';
import { ACCOUNT_MIGRATIONS } from '../../src/accounts/accounts.migrations.ts';
import type { Db, Dialect } from '../../src/store/sql/db.ts';
import { migrate } from '../../src/store/sql/migrate.ts';
import { openPostgres } from '../../src/store/sql/postgres-db.ts';
import { openSqlite } from '../../src/store/sql/sqlite-db.ts';

export { PG_SERVER } from '../support/postgres-scratch.ts';
export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

export interface ScratchDb {
  readonly db: Db;
  /** Another connection to the same database, as a second server process would hold (closed by `drop`). */
  open(): Db;
  drop(): Promise<void>;
}

/** A migrated accounts database of the given dialect. */
export async function scratchDb(dialect: Dialect): Promise<ScratchDb> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'anchang-accounts-'));
    const db = openSqlite(join(dir, 'accounts.db'));
    await migrate(db, ACCOUNT_MIGRATIONS);
    const others: Db[] = [];
    return {
      db,
      open: () => {
        const other = openSqlite(join(dir, 'accounts.db'));
        others.push(other);
        return other;
      },
      drop: async () => {
        for (const other of others) await other.close().catch(() => undefined);
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const scratch = await createScratchDatabase('anchang_api');
  const db = openPostgres(scratch.url, { max: 4 });
  await migrate(db, ACCOUNT_MIGRATIONS);
  const others: Db[] = [];
  return {
    db,
    open: () => {
      const other = openPostgres(scratch.url, { max: 4 });
      others.push(other);
      return other;
    },
    drop: async () => {
      for (const other of others) await other.close().catch(() => undefined);
      await db.close();
      await scratch.drop();
    },
  };
}
