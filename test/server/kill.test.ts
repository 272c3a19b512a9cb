// Nothing acknowledged is ever lost: `kill -9` of the server in the middle of a stream of registrations,
// then a restart on the same store, cycle after cycle (RELIABILITY=heavy: 40 cycles). The log lines the
// processes print are scanned too: not one holds a phone in full. Every registration the server answered is there; the log verifies;
// a rebuild of the projections gives what the server had maintained.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo-office.ts';
import type { Dialect } from '../../src/store/sql/db.ts';
import { ApiClient } from './http-client.ts';
import { openStoreDb } from './roster.ts';
import { freshStore, runCli, startServerProcess } from './server-process.ts';
import { HEAVY_TIMEOUT, scale } from '../support/reliability-scale.ts';
import { FULL_PHONE } from '../support/full-phone.ts';

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

const CYCLES = scale(3, 40, 'ANCHANG_KILL_CYCLES');
/** A mainland mobile number in full: the server's log must never hold one (it masks them, issue 14 item 9). */

describe.each<Dialect>(['sqlite', 'postgres'])('kill -9 on %s', (dialect) => {
  it(`${CYCLES} cycles of kill -9 mid-stream: no acknowledged registration lost; verify and a rebuild agree (REG-1, SEC-3)`, async () => {
    const place = await freshStore(dialect);
    const acknowledged: string[] = [];
    const lostPerCycle: number[] = [];
    let logLines = 0;
    const unmaskedLines: string[] = [];
    const scanLog = (output: string) => {
      for (const line of output.split('\n')) {
        if (!line.startsWith('{')) continue;
        logLines++;
        if (FULL_PHONE.test(line)) unmaskedLines.push(line.slice(0, 200));
      }
    };
    /** Every registration answered so far, asked of a freshly started server: the ones it does not know. */
    const lostOn = async (url: string): Promise<string[]> => {
      const manager = await new ApiClient(url).login('liu', DEMO_PASSWORD);
      const lost: string[] = [];
      for (const phone of acknowledged) {
        const judged = await manager.get(`/api/projects/${P}/judge?phone=${phone}`);
        if (judged.body.owner?.id !== 'wang') lost.push(phone);
      }
      return lost;
    };
    try {
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const server = await startServerProcess(place);
        if (cycle > 0) lostPerCycle.push((await lostOn(server.url)).length);
        const wang = await new ApiClient(server.url).login('wang', DEMO_PASSWORD);
        let stop = false;
        const before = acknowledged.length;
        // Four writers in flight at once, each registering new phones until the server dies under them.
        const writer = async (w: number): Promise<void> => {
          for (let i = 0; !stop; i++) {
            const phone = `139${String(cycle % 100).padStart(2, '0')}${w}${String(i).padStart(5, '0')}`;
            try {
              const res = await wang.command(P, 'register', { via: 'visit', phone, name: '测先生', gender: 'M', needs: '两房' });
              if (res.status === 200) acknowledged.push(phone);
            } catch {
              return; // the connection died with the server: this one was never acknowledged
            }
          }
        };
        const writers = [0, 1, 2, 3].map(writer);
        // Once writes are flowing (a loaded machine takes a while), a different moment of each cycle's stream.
        for (const until = Date.now() + 30_000; acknowledged.length - before < 10 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, (cycle * 373) % 900));
        await server.kill('SIGKILL');
        stop = true;
        await Promise.all(writers);
        scanLog(server.output());
        expect(acknowledged.length - before, `cycle ${cycle + 1}`).toBeGreaterThan(5);
      }
      const last = await startServerProcess(place);
      try {
        lostPerCycle.push((await lostOn(last.url)).length);
      } finally {
        await last.kill('SIGTERM');
        scanLog(last.output());
      }
      console.log(`kill -9 (${dialect}): ${CYCLES} cycles, ${acknowledged.length} acknowledged registrations, ${lostPerCycle.reduce((a, b) => a + b, 0)} lost; ${logLines} log lines, ${unmaskedLines.length} with a full phone`);
      expect(lostPerCycle).toEqual(lostPerCycle.map(() => 0));
      expect(logLines).toBeGreaterThan(acknowledged.length);
      expect(unmaskedLines).toEqual([]);
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
  }, Math.max(HEAVY_TIMEOUT, 180_000));
});
