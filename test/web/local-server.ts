// A real server for the browser tests until the composition root exports startServer: the API over
// in-memory offices and a throw-away SQLite accounts database, the demo office and its logins (password
// DEMO_PASSWORD), and the built web app. Cheap password hashing: it is a test.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { addUser, grant } from '../../src/accounts/accounts-store.ts';
import { ACCOUNT_MIGRATIONS } from '../../src/accounts/accounts.migrations.ts';
import { buildApi } from '../../src/api/build-api.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_PROJECT, seedDemoOffice } from '../../src/server/demo-office.ts';
import { MemoryOffices } from '../../src/store/memory-offices.ts';
import { migrate } from '../../src/store/sql/migrate.ts';
import { openSqlite } from '../../src/store/sql/sqlite-db.ts';
import { serveWeb } from './serve-web.ts';

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

const TEST_HASH = { memoryCost: 1024, timeCost: 1 };

export interface LocalServerOptions {
  readonly port?: number;
  readonly webRoot?: string;
  /**
   * Keep the accounts database here (sessions survive a restart on the same directory, as with the real
   * server); a fresh temporary directory, removed on close, when absent. The offices are in memory: a
   * restart re-seeds the demo office.
   */
  readonly dataDir?: string;
}

export async function startLocalServer(options: LocalServerOptions = {}): Promise<RunningServer> {
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'anchang-e2e-'));
  const fresh = !existsSync(join(dir, 'accounts.sqlite'));
  const db = openSqlite(join(dir, 'accounts.sqlite'));
  await migrate(db, ACCOUNT_MIGRATIONS);
  const offices = new MemoryOffices();
  await seedDemoOffice(offices, Date.now());
  for (const l of fresh ? DEMO_LOGINS : []) {
    await addUser(db, { login: l.login, displayName: l.name, password: DEMO_PASSWORD, admin: l.role === 'admin' }, { hashCost: TEST_HASH });
    if (l.role === 'admin') continue;
    const role = l.role as 'consultant' | 'manager' | 'supervisor' | 'frontdesk' | 'channelAssistant' | 'broker';
    await grant(db, role === 'broker' ? { login: l.login, project: DEMO_PROJECT.id, role, brokerId: l.actsAs } : { login: l.login, project: DEMO_PROJECT.id, role, staffId: l.actsAs });
  }
  const app = buildApi({ offices, db, hashCost: TEST_HASH, cookieSecure: false, heartbeatMs: 5_000 });
  await serveWeb(app, options.webRoot ?? resolve(import.meta.dirname, '../../dist/web'));
  const url = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  return {
    url,
    close: async () => {
      await app.close();
      await db.close();
      if (!options.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
