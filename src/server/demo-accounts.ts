// Sign-ins for the demo office: one per staff member, the broker and an administrator.
import { addUser, findUser, grant } from '../accounts/accounts-store.ts';
import { isProjectRole } from '../accounts/roles.ts';
import type { Db } from '../store/sql/db.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_PROJECT } from './demo-office.ts';

export async function seedDemoAccounts(db: Db, now: number): Promise<void> {
  for (const who of DEMO_LOGINS) {
    if (await findUser(db, who.login)) continue;
    await addUser(db, { login: who.login, displayName: who.name, password: DEMO_PASSWORD, admin: who.role === 'admin' }, { now });
    if (!isProjectRole(who.role)) continue;
    if (who.role === 'broker') await grant(db, { login: who.login, project: DEMO_PROJECT.id, role: 'broker', brokerId: who.actsAs }, { now });
    else await grant(db, { login: who.login, project: DEMO_PROJECT.id, role: who.role, staffId: who.actsAs }, { now });
  }
}
