// Committing a register import (issue 11.4): each planned entry is one `importEntry` command, decided under
// the store's lock. An entry the register has by then (a second commit, another manager committing the same
// file at the same moment) is refused there and counted as already imported: every entry is recorded once.
import type { StaffId } from '../../core/facts.ts';
import type { Command, Outcome } from '../commands.ts';
import type { PlannedEntry } from './register-import-plan.ts';

/** Runs one command in the office's store as the signed-in manager (the API passes its handle's `execute`). */
export type ExecuteCommand = (command: Command) => Promise<Outcome>;

export interface ImportCommitted {
  readonly committed: number;
  /** Rows another commit recorded between the dry run and this one. */
  readonly alreadyImported: readonly number[];
  /** Rows the command refused for another reason (the office changed since the dry run), with the refusal. */
  readonly refused: readonly { readonly rowNo: number; readonly code: string; readonly message: string }[];
}

/** Commands in flight at once: the store commits them in groups (one transaction, one fsync each). */
const WINDOW = 256;

export async function commitRegisterImport(execute: ExecuteCommand, entries: readonly PlannedEntry[], batch: string, approvedBy: StaffId): Promise<ImportCommitted> {
  let committed = 0;
  const alreadyImported: number[] = [];
  const refused: { rowNo: number; code: string; message: string }[] = [];
  for (let i = 0; i < entries.length; i += WINDOW) {
    const window = entries.slice(i, i + WINDOW);
    const outcomes = await Promise.all(window.map((p) => execute({ do: 'importEntry', by: approvedBy, batch, row: p.rowNo, entry: p.entry })));
    outcomes.forEach((o, j) => {
      const rowNo = (window[j] as PlannedEntry).rowNo;
      if (o.ok) committed += 1;
      else if (o.refusal.code === 'already_exists') alreadyImported.push(rowNo);
      else refused.push({ rowNo, code: o.refusal.code, message: o.refusal.message });
    });
  }
  return { committed, alreadyImported, refused };
}
