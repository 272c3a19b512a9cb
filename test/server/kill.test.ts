// Nothing acknowledged is ever lost: `kill -9` of the server in the middle of a stream of registrations,
// then a restart on the same store. Every registration the server answered is there; the log verifies;
// a rebuild of the projections gives what the server had maintained.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo-office.ts';
import type { Dialect } from '../../src/store/sql/db.ts';
import { ApiClient } from './http-client.ts';
import { openStoreDb } from './roster.ts';
import { freshStore, runCli, startServerProcess } from './server-process.ts';

const P = 'demo';

async function projections(place: Parameters<typeof openStoreDb>[0]): Promise<unknown[]> {
  const db = openStoreDb(place);
  try {
    return [
      await db.all('SELECT * FROM proj_customers ORDER BY project, token'),
      await db.all('SELECT * FROM proj_units ORDER BY project, unit'),
    ];
  } finally {
    await db.close();
  }
}

describe.each<Dialect>(['sqlite', 'postgres'])('kill -9 on %s', (dialect) => {
  it('loses no acknowledged registration; verify and a rebuild agree afterwards (REG-1, SEC-3)', async () => {
    const place = await freshStore(dialect);
    try {
      const first = await startServerProcess(place);
      const wang = await new ApiClient(first.url).login('wang', DEMO_PASSWORD);
      const acknowledged: string[] = [];
      let stop = false;
      // Four writers in flight at once, each registering new phones until the server dies under them.
      const writer = async (w: number): Promise<void> => {
        for (let i = 0; !stop; i++) {
          const phone = `1390${w}${String(i).padStart(6, '0')}`;
          try {
            const res = await wang.command(P, 'register', { via: 'visit', phone, name: '测先生', gender: 'M', needs: '两房' });
            if (res.status === 200) acknowledged.push(phone);
          } catch {
            return; // the connection died with the server: this one was never acknowledged
          }
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      await new Promise((r) => setTimeout(r, 1500));
      await first.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      expect(acknowledged.length).toBeGreaterThan(20);

      const second = await startServerProcess(place);
      try {
        const manager = await new ApiClient(second.url).login('liu', DEMO_PASSWORD);
        const lost: string[] = [];
        for (const phone of acknowledged) {
          const judged = await manager.get(`/api/projects/${P}/judge?phone=${phone}`);
          if (judged.body.owner?.id !== 'wang') lost.push(phone);
        }
        expect(lost).toEqual([]);
      } finally {
        await second.kill('SIGTERM');
      }
      const verified = await runCli(place, ['verify']);
      expect(verified.output).toMatch(/^ok +demo: \d+ entries/m);
      expect(verified.status).toBe(0);
      const before = await projections(place);
      const rebuilt = await runCli(place, ['rebuild']);
      expect(rebuilt.status, rebuilt.output).toBe(0);
      expect(await projections(place)).toEqual(before);
    } finally {
      await place.drop();
    }
  }, 120_000);
});
