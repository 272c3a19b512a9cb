// Reception rotation invariants (ROT-*), checked after every command of random floor days.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorView } from '../../src/app/queries.ts';
import type { ReceiveAs, StaffId } from '../../src/core/facts.ts';
import { makeUpLimit } from '../../src/core/policy.ts';
import { unavailability, type Unavailability } from '../../src/core/rotation.rules.ts';
import type { Instant } from '../../src/core/time.ts';
import type { MemoryOffice } from '../../src/store/memory-store.ts';
import { caseArb, play } from './arbitraries.ts';

const NUM_RUNS = 200;

/** Availability of everyone on the floor, and who is owed a make-up, as of just before a command. */
interface Snapshot {
  readonly why: ReadonlyMap<StaffId, Unavailability>;
  readonly owedAndAvailable: readonly StaffId[];
}

function snapshot(office: MemoryOffice, at: Instant): Snapshot {
  const engine = office.engine;
  const floor = engine.floorAt(at); // the floor `execute` decides on (a read: on a new day, an empty one)
  const why = new Map<StaffId, Unavailability>();
  for (const id of engine.staff.keys()) why.set(id, unavailability(floor, engine.floorContext, id, at));
  const owedAndAvailable = [...floor.seats.values()].filter((s) => why.get(s.id) === null && (floor.makeUps.get(s.unit)?.length ?? 0) > 0).map((s) => s.id);
  return { why, owedAndAvailable };
}

const RECEIVED: readonly ReceiveAs[] = ['turn', 'makeUp', 'owner', 'designated', 'cover', 'nonCustomer'];

describe('rotation properties', () => {
  it('ROT-1/ROT-15: every signed-in consultant is in the queue exactly once, and nobody else is', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        play(c, {
          after: (office, _command, at) => {
            const view = floorView(office.engine, at);
            const floor = office.engine.floorAt(at);
            const seated = view.seats.map((s) => s.who).sort();
            // person mode: the rotation unit is the consultant
            expect(new Set(floor.queue).size, `duplicates in queue ${floor.queue.join(',')}`).toBe(floor.queue.length);
            expect([...floor.queue].sort(), 'raw queue vs signed-in').toEqual(seated);
            expect([...view.queue].sort(), 'board queue vs signed-in').toEqual(seated);
            for (const s of view.seats) expect(s.unit).toBe(s.who);
          },
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ROT-2/ROT-10/ROT-11/ROT-12/ROT-3: whoever receives a party was available just before it arrived', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        play<Snapshot>(c, {
          before: (office, _command, at) => snapshot(office, at),
          after: (_office, command, _at, outcome, before) => {
            if (!outcome.ok) return;
            const { receiver, as } = outcome.answer;
            if (command.do === 'arrive') {
              if (as === null || as === undefined || !RECEIVED.includes(as)) {
                // nobody received: then nobody at all was available (ROT-15)
                expect(receiver ?? null, `no reception kind but receiver ${receiver}`).toBeNull();
                expect([...before.why.values()].filter((w) => w === null), 'a party went unreceived while someone was available').toEqual([]);
                return;
              }
              expect(receiver, `arrival as ${as} with no receiver`).toBeTruthy();
              expect(before.why.get(receiver as StaffId), `${receiver} received as ${as} but was not available just before`).toBeNull();
            }
            if (command.do === 'decline' && receiver) {
              // ROT-4: the party goes to someone else who was free
              expect(receiver, 'the decliner received the party again').not.toBe(command.who);
              expect(before.why.get(receiver), `${receiver} took the declined party (as ${as}) but was not available`).toBeNull();
            }
          },
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ROT-8: nobody is ever owed more make-ups than rotation.makeUpLimit', () => {
    fc.assert(
      fc.property(caseArb({ policies: ['standard', 'makeUpLimit=2', 'makeUpLimit=unlimited', 'order=fewestNewToday', 'privateReturn=keep'] }), (c) => {
        play(c, {
          after: (office, _command, at) => {
            const limit = makeUpLimit(office.engine.policy);
            const owed = floorView(office.engine, at).makeUps;
            for (const [who, n] of Object.entries(owed)) expect(n, `${who} is owed ${n} make-ups (limit ${limit})`).toBeLessThanOrEqual(limit);
          },
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ROT-6/ROT-7/ROT-8: no party goes to the queue while an available consultant is owed a make-up', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        play<Snapshot>(c, {
          before: (office, _command, at) => snapshot(office, at),
          after: (_office, command, _at, outcome, before) => {
            if (command.do !== 'arrive' || !outcome.ok || outcome.answer.as !== 'turn') return;
            expect(before.owedAndAvailable, `the party went to ${outcome.answer.receiver} on turn while ${before.owedAndAvailable.join(',')} was available and owed a make-up`).toEqual([]);
          },
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
