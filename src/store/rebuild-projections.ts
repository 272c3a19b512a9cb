// `anchang rebuild`: recreates the projections of every project (or one) from the log, each under its
// project's write lock so no append interleaves.
import { readProjects } from './log/event-log.ts';
import { loadOffice } from './office-state.ts';
import { DeferredProjection, memorySink, replaceProjections } from './projections/projections.ts';
import type { Db } from './sql/db.ts';
import { createVault, type Vault } from './vault/personal-vault.ts';

export interface RebuildReport {
  readonly project: string;
  readonly facts: number;
  readonly customers: number;
  readonly units: number;
}

/** The secret is needed to read the vault: customer names are projected, and phones are tokenised the same way. */
export async function rebuildProjections(db: Db, options: { readonly secret: string | Uint8Array; readonly project?: string } | { readonly vault: Vault; readonly project?: string }): Promise<RebuildReport[]> {
  const vault = 'vault' in options ? options.vault : createVault(options.secret);
  const reports: RebuildReport[] = [];
  for (const info of await readProjects(db, options.project)) {
    reports.push(
      await db.transaction(
        async (tx) => {
          const sink = memorySink();
          const state = await loadOffice(tx, vault, info, new DeferredProjection(sink));
          await replaceProjections(tx, info.id, sink);
          return { project: info.id, facts: state?.engine.lastSeq ?? 0, customers: sink.customers.size, units: sink.units.size };
        },
        { lock: `project:${info.id}` },
      ),
    );
  }
  return reports;
}
