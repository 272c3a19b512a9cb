// The register import's column mapping, remembered per office (issue 11.4): each commit appends the mapping
// the manager confirmed, as header names (not column numbers), so the next file with those headers opens
// mapped the office's way. Append-only, like the other tables beside the accounts; the newest row counts.
import type { Migration } from '../store/sql/migrate.ts';
import type { Db } from '../store/sql/db.ts';

const table = (id: string) => `
CREATE TABLE import_mappings (
  id ${id},
  at BIGINT NOT NULL,
  project TEXT NOT NULL,
  by_login TEXT NOT NULL,
  mapping TEXT NOT NULL
);
CREATE INDEX import_mappings_by_project ON import_mappings (project, id);
`;

export const IMPORT_MAPPINGS_MIGRATION: Migration = { id: '0110-import-mappings', sql: { sqlite: table('INTEGER PRIMARY KEY AUTOINCREMENT'), postgres: table('BIGSERIAL PRIMARY KEY') } };

/** A mapping as remembered: each field's header text, and the kind of a row without a kind cell. */
export interface RememberedMapping {
  readonly headers: Readonly<Record<string, string>>;
  readonly kind: string;
}

export async function rememberMapping(db: Db, project: string, byLogin: string, at: number, mapping: RememberedMapping): Promise<void> {
  await db.run('INSERT INTO import_mappings (at, project, by_login, mapping) VALUES (?, ?, ?, ?)', [at, project, byLogin, JSON.stringify(mapping)]);
}

export async function rememberedMapping(db: Db, project: string): Promise<RememberedMapping | null> {
  const row = await db.get<{ mapping: string }>('SELECT mapping FROM import_mappings WHERE project = ? ORDER BY id DESC LIMIT 1', [project]);
  return row ? (JSON.parse(row.mapping) as RememberedMapping) : null;
}
