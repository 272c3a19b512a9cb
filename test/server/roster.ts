// Puts people on a running office for the process-level tests: staff through the API (they are facts),
// sign-ins straight into the accounts tables (as `anchang user add` does), with a cheap hash for speed.
import { addUser, grant } from '../../src/accounts/accounts-store.ts';
import type { Db } from '../../src/store/sql/db.ts';
import { openPostgres } from '../../src/store/sql/postgres-db.ts';
import { openSqlite } from '../../src/store/sql/sqlite-db.ts';
import { join } from 'node:path';
import { ApiClient } from './http-client.ts';
import type { StorePlace } from './server-process.ts';

export const PASSWORD = 'test-password-1';
const CHEAP = { hashCost: { memoryCost: 1024, timeCost: 1 } } as const;

export function openStoreDb(place: StorePlace): Db {
  return place.databaseUrl ? openPostgres(place.databaseUrl, { max: 2 }) : openSqlite(join(place.dataDir, 'anchang.db'));
}

export type Person = { readonly id: string; readonly role: 'consultant' | 'frontdesk' | 'manager' } | { readonly id: string; readonly role: 'broker' };

/** Adds each person to the roster of `project` (staff via the API as admin, brokers likewise) and gives them a sign-in. */
export async function addPeople(place: StorePlace, admin: ApiClient, project: string, people: readonly Person[]): Promise<void> {
  for (const p of people) {
    const res =
      p.role === 'broker'
        ? await admin.command(project, 'addBroker', { broker: { id: p.id, kind: 'agency', approved: true } })
        : await admin.command(project, 'addStaff', { staff: { id: p.id, role: p.role, name: p.id } });
    if (res.status !== 200) throw new Error(`adding ${p.id}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const db = openStoreDb(place);
  try {
    for (const p of people) {
      await addUser(db, { login: p.id, displayName: p.id, password: PASSWORD }, CHEAP);
      await grant(db, p.role === 'broker' ? { login: p.id, project, role: 'broker', brokerId: p.id } : { login: p.id, project, role: p.role, staffId: p.id });
    }
  } finally {
    await db.close();
  }
}
