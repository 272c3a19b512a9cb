// `anchang verify`: re-walks every project's hash chain (SEC-3). Exit 0 only when the log is sound.
import { readProjects, seqOfHash } from '../store/log/event-log.ts';
import type { Db } from '../store/sql/db.ts';
import { verifyLog, type LogHead } from '../store/log/verify-log.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/installation.ts';
import type { CommandSpec } from './command.ts';

export const verifyCommand: CommandSpec = {
  usage: 'anchang verify [--data DIR] [--project P] [--expect HASH | --expect PROJECT:SEQ:HASH]...',
  options: { data: { type: 'string' }, project: { type: 'string' }, expect: { type: 'string', multiple: true } },
  async run({ values }) {
    const config = loadConfig({ ...(typeof values.data === 'string' ? { data: values.data } : {}), demo: false });
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
      return report.ok ? 0 : 1;
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
