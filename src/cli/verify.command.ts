// `anchang verify`: re-walks every project's hash chain (SEC-3) and opens every sealed value of the
// personal-data vault under its key (SEC-5). Exit 0 only when both are sound. It never creates a secret.
import { readProjects, seqOfHash } from '../store/log/event-log.ts';
import type { Db } from '../store/sql/db.ts';
import { verifyLog, type LogHead } from '../store/log/verify-log.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/installation.ts';
import { deriveVaultKeys } from '../store/vault/vault-crypto.ts';
import { verifyVault } from '../store/vault/verify-vault.ts';
import type { CommandSpec } from './command.ts';

export const verifyCommand: CommandSpec = {
  usage: 'anchang verify [--data DIR] [--project P] [--expect HASH | --expect PROJECT:SEQ:HASH]...',
  options: { data: { type: 'string' }, project: { type: 'string' }, expect: { type: 'string', multiple: true } },
  async run({ values }) {
    const config = loadConfig({ ...(typeof values.data === 'string' ? { data: values.data } : {}), demo: false, createSecret: false });
    const expectHead: LogHead[] = [];
    const bare: string[] = [];
    for (const text of (values.expect as unknown as string[] | undefined) ?? []) {
      const m = /^(?:([^:]+):(\d+):)?([0-9a-f]{64})$/.exec(text);
      if (!m) {
        console.error(`anchang verify: --expect takes a head hash, or PROJECT:SEQ:HASH, as printed by a clean verify (got "${text}")`);
        return 2;
      }
      if (m[1] !== undefined) expectHead.push({ project: m[1], seq: Number(m[2]), hash: m[3] as string });
      else bare.push(m[3] as string);
    }
    const db = openDatabase(config);
    try {
      for (const hash of bare) {
        const found = await findHead(db, hash, typeof values.project === 'string' ? values.project : undefined);
        if (found) expectHead.push(found);
        else {
          console.log(`FAIL the kept head ${hash} is in no chain: the log was truncated below it or rewritten`);
          return 1;
        }
      }
      const report = await verifyLog(db, { ...(typeof values.project === 'string' ? { project: values.project } : {}), expectHead });
      for (const chain of report.chains) {
        if (chain.problem) console.log(`FAIL ${chain.project}: entry #${chain.problem.seq} ${chain.problem.kind}: ${chain.problem.detail}`);
        else console.log(`ok   ${chain.project}: ${chain.length} entries, head ${chain.project}:${chain.length}:${chain.head}`);
      }
      for (const p of report.problems.filter((p) => !report.chains.some((c) => c.problem === p))) console.log(`FAIL ${p.project}: entry #${p.seq} ${p.kind}: ${p.detail}`);
      if (report.chains.length === 0) console.log('the log is empty');
      const vault = await verifyVault(db, deriveVaultKeys(config.secret), typeof values.project === 'string' ? values.project : undefined);
      for (const p of vault.problems) console.log(`FAIL vault ${p.project}: customer ${p.subject}${p.seq === undefined ? '' : ` entry #${p.seq}`}: ${p.detail}`);
      if (vault.ok) console.log(`ok   vault: ${vault.keys} customer keys, ${vault.values} sealed values open`);
      return report.ok && vault.ok ? 0 : 1;
    } finally {
      await db.close();
    }
  },
};

/** A bare kept head: the entry that has this hash, in whichever chain holds it. */
async function findHead(db: Db, hash: string, project: string | undefined): Promise<LogHead | null> {
  for (const p of await readProjects(db, project)) {
    const seq = await seqOfHash(db, p.id, hash);
    if (seq !== null) return { project: p.id, seq, hash };
  }
  return null;
}
