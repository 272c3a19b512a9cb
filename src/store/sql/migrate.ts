// Schema migrations, applied in id order on both dialects and recorded in `schema_migrations`.
// Each store module owns its list (event log, accounts, …); the composition root applies them all.
import type { Db, Dialect } from './db.ts';

export interface Migration {
  /** `NNNN-kebab-name`; the number orders it across every list. */
  readonly id: string;
  readonly sql: Readonly<Record<Dialect, string>>;
}

export async function migrate(db: Db, ...lists: readonly (readonly Migration[])[]): Promise<string[]> {
  const all = lists.flat().sort((a, b) => a.id.localeCompare(b.id));
  const applied: string[] = [];
  await db.transaction(
    async (tx) => {
      await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)');
      const done = new Set((await tx.all<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
      for (const m of all) {
        if (done.has(m.id)) continue;
        await tx.exec(m.sql[db.dialect]);
        await tx.run('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)', [m.id, Date.now()]);
        applied.push(m.id);
      }
    },
    { lock: 'anchang:migrate' },
  );
  return applied;
}
