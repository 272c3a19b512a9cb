// `anchang verify`: re-walks every project's hash chain (SEC-3). Exit 0 only when the log is sound.
import { verifyLog, type LogHead } from '../store/log/verify-log.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/installation.ts';
import type { CommandSpec } from './command.ts';

export const verifyCommand: CommandSpec = {
  usage: 'anchang verify [--data DIR] [--project P] [--expect PROJECT:SEQ:HASH]...',
  options: { data: { type: 'string' }, project: { type: 'string' }, expect: { type: 'string', multiple: true } },
  async run({ values }) {
    const config = loadConfig({ ...(typeof values.data === 'string' ? { data: values.data } : {}), demo: false });
    const expectHead: LogHead[] = [];
    for (const text of (values.expect as unknown as string[] | undefined) ?? []) {
      const m = /^([^:]+):(\d+):([0-9a-f]{64})$/.exec(text);
      if (!m) {
        console.error(`anchang verify: --expect takes PROJECT:SEQ:HASH as printed by a clean verify (got "${text}")`);
        return 2;
      }
      expectHead.push({ project: m[1] as string, seq: Number(m[2]), hash: m[3] as string });
    }
    const db = openDatabase(config);
    try {
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
