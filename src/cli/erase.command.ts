// `anchang erase <phone> --project P --by LOGIN --approved-by LOGIN --reason TEXT`: SEC-5 / PIPL. Destroys one
// customer's personal data with a second person's approval and records the destruction; the ownership and
// credit history stays, keyed by an opaque token, and the log still verifies.
import { findUser } from '../accounts/accounts-store.ts';
import { loadConfig } from '../server/config.ts';
import { openInstallation } from '../server/installation.ts';
import type { CommandSpec } from './command.ts';

const USAGE = 'anchang erase <phone> --project P --by LOGIN --approved-by LOGIN --reason TEXT [--data DIR]';

export const eraseCommand: CommandSpec = {
  usage: USAGE,
  options: { project: { type: 'string' }, by: { type: 'string' }, 'approved-by': { type: 'string' }, reason: { type: 'string' }, data: { type: 'string' } },
  async run({ values, positionals }) {
    const [phone] = positionals;
    const { project, by, reason } = values;
    const approvedBy = values['approved-by'];
    if (phone === undefined || positionals.length > 1 || typeof project !== 'string' || typeof by !== 'string' || typeof approvedBy !== 'string' || typeof reason !== 'string' || reason.trim() === '') {
      console.error(`usage: ${USAGE}`);
      return 2;
    }
    const config = loadConfig({ ...(typeof values.data === 'string' ? { data: values.data } : {}), demo: false });
    const installation = await openInstallation(config);
    try {
      const [who, approver] = [await findUser(installation.db, by), await findUser(installation.db, approvedBy)];
      if (!who || !approver) {
        console.error(`anchang erase: no user "${!who ? by : approvedBy}"`);
        return 1;
      }
      const done = await installation.offices.erasePersonal(project, phone, { kind: 'user', id: who.id }, approver.id, reason.trim());
      if (!done.ok) {
        console.error(`anchang erase: ${done.refusal.message}`);
        return 1;
      }
      console.log(`erased the personal data of ${done.erased} record(s); the destruction is entry #${done.seq}, the customer is now ${done.token}`);
      return 0;
    } finally {
      await installation.close();
    }
  },
};
