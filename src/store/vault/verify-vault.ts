// `anchang verify` over the personal-data vault (issue 14 item 2): every stored data key unwraps under the
// secret, and every sealed value opens under its customer's key, bound to its entry (SEC-5). A value with no
// key is a problem too (an erasure deletes both). Read page by page, so a large vault costs memory of one page.
import type { Db } from '../sql/db.ts';
import { int } from '../sql/db.ts';
import { keyAad, valueAad } from './personal-vault.ts';
import { unseal, type VaultKeys } from './vault-crypto.ts';

export interface VaultProblem {
  readonly project: string;
  readonly subject: string;
  /** The entry whose value fails; absent when the data key itself fails. */
  readonly seq?: number;
  readonly detail: string;
}

export interface VaultReport {
  readonly ok: boolean;
  readonly keys: number;
  readonly values: number;
  readonly problems: readonly VaultProblem[];
}

const PAGE = 2000;

export async function verifyVault(db: Db, keys: VaultKeys, project?: string): Promise<VaultReport> {
  const problems: VaultProblem[] = [];
  const where = project === undefined ? '' : 'WHERE project = ?';
  const args = project === undefined ? [] : [project];
  const dataKeys = new Map<string, Buffer | null>();
  const id = (p: string, s: string) => `${p}\u0000${s}`;
  for (let offset = 0; ; offset += PAGE) {
    const rows = await db.all<{ project: string; subject: string; wrapped: string }>(`SELECT project, subject, wrapped FROM personal_keys ${where} ORDER BY project, subject LIMIT ${PAGE} OFFSET ${offset}`, args);
    for (const r of rows) {
      try {
        dataKeys.set(id(r.project, r.subject), unseal(keys.wrapKey, r.wrapped, keyAad(r.project, r.subject)));
      } catch {
        dataKeys.set(id(r.project, r.subject), null);
        problems.push({ project: r.project, subject: r.subject, detail: 'the data key does not open under the store secret' });
      }
    }
    if (rows.length < PAGE) break;
  }
  let values = 0;
  for (let offset = 0; ; offset += PAGE) {
    const rows = await db.all<{ project: string; seq: unknown; subject: string; sealed: string }>(`SELECT project, seq, subject, sealed FROM personal_values ${where} ORDER BY project, seq, subject LIMIT ${PAGE} OFFSET ${offset}`, args);
    for (const r of rows) {
      values++;
      const seq = int(r.seq);
      const key = dataKeys.get(id(r.project, r.subject));
      if (key === null) continue; // its key is already named
      if (key === undefined) {
        problems.push({ project: r.project, subject: r.subject, seq, detail: 'a sealed value whose customer has no data key' });
        continue;
      }
      try {
        unseal(key, r.sealed, valueAad(r.project, seq, r.subject));
      } catch {
        problems.push({ project: r.project, subject: r.subject, seq, detail: 'the sealed value does not open under its customer key' });
      }
    }
    if (rows.length < PAGE) break;
  }
  return { ok: problems.length === 0, keys: dataKeys.size, values, problems };
}
