// Many rows into one table with multi-row INSERTs, the same text on SQLite and PostgreSQL: a rebuild's
// projections, a bulk load's entries and vault rows. Each statement stays under both databases' limits on
// bound parameters unless the caller, knowing its database, allows more.
import type { Db, SqlValue } from './db.ts';

/** Old SQLite builds allow 999 parameters a statement; PostgreSQL 65,535. */
export const PORTABLE_MAX_PARAMS = 900;

/** The largest number of parameters worth binding in one statement on this database (bulk loads). */
export function bulkMaxParams(db: Db): number {
  // SQLite ≥ 3.32 allows 32,766; PostgreSQL 65,535. Larger statements gain nothing measurable.
  return db.dialect === 'postgres' ? 30_000 : 16_000;
}

/** `INSERT … ON CONFLICT (key) DO UPDATE`, many rows a statement; no key may appear twice in `rows`. */
export async function upsertRows(tx: Db, table: string, columns: readonly string[], key: readonly string[], rows: readonly (readonly SqlValue[])[], maxParams = PORTABLE_MAX_PARAMS): Promise<void> {
  const set = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
  await insertRows(tx, table, columns, rows, maxParams, ` ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${set.join(', ')}`);
}

export async function insertRows(tx: Db, table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], maxParams = PORTABLE_MAX_PARAMS, tail = ''): Promise<void> {
  const perStatement = Math.max(1, Math.floor(maxParams / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await tx.run(head + chunk.map(() => tuple).join(', ') + tail, chunk.flat());
  }
}
