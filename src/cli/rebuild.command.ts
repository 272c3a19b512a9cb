// `anchang rebuild`: recreates every projection from the log.
import { rebuildProjections } from '../store/rebuild-projections.ts';
import { loadConfig } from '../server/config.ts';
import { openInstallation } from '../server/installation.ts';
import type { CommandSpec } from './command.ts';

export const rebuildCommand: CommandSpec = {
  usage: 'anchang rebuild [--data DIR] [--project P]',
  options: { data: { type: 'string' }, project: { type: 'string' } },
  async run({ values }) {
    const config = loadConfig({ ...(typeof values.data === 'string' ? { data: values.data } : {}), demo: false });
    const installation = await openInstallation(config);
    try {
      const started = performance.now();
      const reports = await rebuildProjections(installation.db, { secret: config.secret, ...(typeof values.project === 'string' ? { project: values.project } : {}) });
      for (const r of reports) console.log(`rebuilt ${r.project}: ${r.facts} facts → ${r.customers} customers, ${r.units} units`);
      console.log(`done in ${((performance.now() - started) / 1000).toFixed(2)} s`);
      return 0;
    } finally {
      await installation.close();
    }
  },
};
