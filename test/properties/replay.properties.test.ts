// Replay (SEC-3, REG-1): the recorded facts are the whole truth. Folding the same log again gives the same
// answers as the live engine, and the answers recorded in the log can be re-derived from it.
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { floorView } from '../../src/app/queries.ts';
import type { Engine } from '../../src/core/engine.ts';
import { judgeRegistration } from '../../src/core/registration.rules.ts';
import { DAY_MS, HOUR_MS, type Instant } from '../../src/core/time.ts';
import { replay } from '../../src/store/memory-store.ts';
import { caseArb, describeRun, instantsOf, local, PHONE_KEYS, play, ZONE } from './arbitraries.ts';

const NUM_RUNS = 100;

/** Everything the office can be asked about a customer at an instant. */
function customerAnswers(engine: Engine, t: Instant) {
  return PHONE_KEYS.map((p) => {
    const o = engine.ownership(p, t);
    const ch = engine.channel(p, t);
    return {
      phone: p,
      owner: o.owner,
      protectedUntil: o.protectedUntil,
      lastContact: o.lastContact,
      spans: o.spans,
      reasons: o.reasons.map((r) => `${r.rule}:${r.code}`),
      channel: ch ? { broker: ch.broker, until: ch.until } : null,
    };
  });
}

function orders(engine: Engine) {
  return [...engine.orders.values()]
    .map((o) => ({ unit: o.unit, phone: o.phone, closer: o.closer, stage: o.stage, firstAt: o.firstAt, credit: o.credit }))
    .sort((a, b) => a.unit.localeCompare(b.unit));
}

/** The floor board now and later (a read: a later day's board is empty and changes nothing). */
function boards(engine: Engine, last: Instant) {
  return [last, last + HOUR_MS, last + DAY_MS].map((t) => {
    const v = floorView(engine, t);
    return { day: v.day, up: v.up ? { unit: v.up.unit, who: v.up.who, via: v.up.via } : null, queue: v.queue, makeUps: v.makeUps, seats: v.seats };
  });
}

describe('replay properties', () => {
  it('SEC-3/OWN-15/ROT-15/CH-4/DEAL-3: replaying the log gives the live answers, and replaying twice gives the same', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const run = play(c);
        const { engine, log } = run.office;
        const first = replay(log, run.policy, ZONE);
        const second = replay(log, run.policy, ZONE);
        const same = (what: string, live: unknown, a: unknown, b: unknown): void => {
          if (isDeepStrictEqual(live, a) && isDeepStrictEqual(live, b)) return;
          const other = isDeepStrictEqual(live, a) ? b : a;
          throw new Error(`${what}: live ${JSON.stringify(live)}\nreplay ${JSON.stringify(other)}\n--- trace ---\n${describeRun(run)}`);
        };
        for (const t of instantsOf(log, run.policy.ownership.protectionDays)) {
          same(`customers at ${local(t)}`, customerAnswers(engine, t), customerAnswers(first, t), customerAnswers(second, t));
        }
        same('orders', orders(engine), orders(first), orders(second));
        // The floor is today's state: ask about it from the last command on (refused commands included: they record
        // nothing, so a refused command after midnight leaves the stored floor on the day before, as in a replay).
        const now = run.executed[run.executed.length - 1]?.at ?? 0;
        same(`the floor board from ${local(now)}`, boards(engine, now), boards(first, now), boards(second, now));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('REG-1/REG-2: re-judging every recorded registration gives the validity recorded with it', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const run = play(c);
        for (const f of run.office.log) {
          if (f.type !== 'registered') continue;
          const { via, phone, name, gender, needs } = f;
          const again = judgeRegistration(run.policy, { via, ...(phone !== undefined ? { phone } : {}), ...(name !== undefined ? { name } : {}), ...(gender !== undefined ? { gender } : {}), ...(needs !== undefined ? { needs } : {}) });
          expect(again.valid, `registration #${f.seq} ${JSON.stringify(f)}\n${describeRun(run)}`).toBe(f.valid);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('SEC-3: the same commands at the same times always get the same answers and record the same facts', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const a = play(c);
        const b = play(c);
        expect(b.executed.map((e) => e.outcome)).toEqual(a.executed.map((e) => e.outcome));
        expect(b.office.log).toEqual(a.office.log);
      }),
      { numRuns: 100 },
    );
  });

  it('ROT-15/SEC-3: looking at the floor board changes nothing that happens afterwards', () => {
    // The engine promises the same answers for the same facts and the same `now`; a read is not a fact. It caught
    // `Engine.floorAt(now)` storing the new day's empty floor as a side effect of any read (or refused command) at a
    // later instant, which nothing took back for a command at an earlier instant.
    fc.assert(
      fc.property(caseArb(), fc.nat(), fc.integer({ min: 1, max: 30 }), (c, k, hours) => {
        const plain = play(c);
        const at = k % c.steps.length;
        let peeked: Instant | null = null;
        const looked = play(c, {
          after: (office, _command, now, _outcome, _before, run) => {
            if (run.executed.length - 1 !== at) return;
            peeked = now + hours * HOUR_MS;
            floorView(office.engine, peeked); // the board, refreshed with a clock a little ahead
          },
        });
        for (const [i, e] of plain.executed.entries()) {
          const other = looked.executed[i];
          if (isDeepStrictEqual(e.outcome, other?.outcome)) continue;
          throw new Error(
            `after a look at the board for ${peeked === null ? '-' : local(peeked)} (following command #${at}), command #${e.index} at ${local(e.at)} ` +
              `${JSON.stringify(other?.command)} answered ${JSON.stringify(other?.outcome)}; without the look ${JSON.stringify(e.command)} answered ${JSON.stringify(e.outcome)}\n--- trace ---\n${describeRun(plain)}`,
          );
        }
      }),
      { numRuns: 100 },
    );
  });
});
