// The throw-away store: the log is an array. Scenarios, property tests and what-ifs run on it.
import type { Office } from '../app/handlers.ts';
import { Engine } from '../core/engine.ts';
import type { Fact, Recorded } from '../core/facts.ts';
import type { Policy } from '../core/policy.ts';
import type { Instant } from '../core/time.ts';

export class MemoryOffice implements Office {
  readonly engine: Engine;
  readonly log: Recorded[] = [];

  constructor(policy: Policy, zone: string, start: Instant = 0) {
    this.engine = new Engine(policy, zone, start);
  }

  append(fact: Fact): Recorded {
    const recorded = Object.freeze({ ...fact, seq: this.log.length + 1 }) as Recorded;
    this.log.push(recorded);
    this.engine.apply(recorded);
    return recorded;
  }
}

/** Folds a recorded log into a fresh engine: the replay every derived answer must agree with. */
export function replay(log: readonly Recorded[], policy: Policy, zone: string): Engine {
  const engine = new Engine(policy, zone, log[0]?.at ?? 0);
  for (const fact of log) engine.apply(fact);
  return engine;
}
