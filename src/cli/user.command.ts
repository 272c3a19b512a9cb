// `anchang user add <login> --role R [--project P --as ID] [--name NAME]`: creates a sign-in.
// The password comes from ANCHANG_PASSWORD or a prompt, never from the command line (shell history).
import { createInterface } from 'node:readline/promises';
import { AccountError, addUser, grant } from '../accounts/accounts-store.ts';
import { ACCOUNT_ROLES, isProjectRole } from '../accounts/roles.ts';
import { loadConfig, passwordFromEnv } from '../server/config.ts';
import { openInstallation } from '../server/installation.ts';
import type { CommandSpec } from './command.ts';

const USAGE = `anchang user add <login> --role ${ACCOUNT_ROLES.join('|')} [--project P --as STAFF_OR_BROKER_ID] [--name NAME] [--data DIR]`;

export const userCommand: CommandSpec = {
  usage: USAGE,
  options: { role: { type: 'string' }, project: { type: 'string' }, as: { type: 'string' }, name: { type: 'string' }, data: { type: 'string' } },
  async run({ values, positionals }) {
    const [verb, login] = positionals;
    const role = values.role;
    if (verb !== 'add' || login === undefined || typeof role !== 'string') {
      console.error(`usage: ${USAGE}`);
      return 2;
    }
    if (role !== 'admin' && (!isProjectRole(role) || typeof values.project !== 'string' || typeof values.as !== 'string')) {
      console.error(`anchang user add: role must be one of ${ACCOUNT_ROLES.join(', ')}; a project role needs --project and --as`);
      return 2;
    }
    const password = passwordFromEnv() ?? (await prompt('password: '));
    const config = loadConfig({ ...(typeof values.data === 'string' ? { data: values.data } : {}), demo: false });
    const installation = await openInstallation(config);
    try {
      await addUser(installation.db, { login, displayName: typeof values.name === 'string' ? values.name : login, password, admin: role === 'admin' });
      if (role !== 'admin' && isProjectRole(role)) {
        const project = values.project as string;
        const as = values.as as string;
        await grant(installation.db, role === 'broker' ? { login, project, role, brokerId: as } : { login, project, role, staffId: as });
      }
      console.log(`user ${login} added (${role}${role !== 'admin' ? ` in ${String(values.project)} as ${String(values.as)}` : ''})`);
      return 0;
    } catch (e) {
      if (!(e instanceof AccountError)) throw e;
      console.error(`anchang user add: ${e.message}`);
      return 1;
    } finally {
      await installation.close();
    }
  },
};

async function prompt(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
