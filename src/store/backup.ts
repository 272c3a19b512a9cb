// `anchang backup`: a consistent copy of the whole store (log, vault, projections) while it runs.
// The copy holds the vault's wrapped keys but not the store secret: keep the two apart (SEC-5).
import { isPostgres } from './sql/postgres-db.ts';
import { isSqlite } from './sql/sqlite-db.ts';
import type { Db } from './sql/db.ts';
import { makePrivate } from './sql/private-files.ts';

export type Backup =
  /** SQLite: the native online backup wrote `file`, page by page, without stopping writers. */
  | { readonly kind: 'copied'; readonly file: string }
  /** PostgreSQL: the store does not shell out; run this `pg_dump` (custom format, restore with pg_restore). */
  | { readonly kind: 'command'; readonly argv: readonly string[] };

export async function backupStore(db: Db, file: string): Promise<Backup> {
  if (isSqlite(db)) {
    await db.backup(file);
    makePrivate(file);
    return { kind: 'copied', file };
  }
  if (isPostgres(db)) return { kind: 'command', argv: ['pg_dump', '--format=custom', '--no-owner', `--file=${file}`, `--dbname=${db.url}`] };
  throw new Error(`backup: unsupported database (${db.dialect})`);
}
