// The policy editor's endpoints: the office's policy with every knob described (GET /policy), and the
// what-if of an edited policy over the office's recent history (POST /policy/what-if), which records
// nothing. Saving is the `setPolicy` command (POST /commands/setPolicy), itself a recorded fact.
import type { FastifyInstance } from 'fastify';
import { whatIfSteps, type WhatIf } from '../app/what-if.ts';
import { projectParams } from '../contracts/common.contract.ts';
import { policyCatalogueSchema, POLICY_SECTIONS, whatIfAnswerSchema, whatIfBody } from '../contracts/policy.contract.ts';
import { STANDARD_POLICY } from '../core/policy.ts';
import { DAY_MS } from '../core/time.ts';
import { addProjectRoute, inProject, type RouteDeps } from './api-route.ts';
import { Viewer } from './customer-view.ts';
import { ApiError } from './error-map.ts';
import { POLICY_KNOBS } from './policy-catalogue.ts';
import { presentWhatIf } from './policy.presenters.ts';

/** The window a what-if looks back over by default: the last 30 days. */
export const WHAT_IF_DAYS = 30;

/** Runs the what-if's steps, letting other requests in between (a year of a busy office takes seconds). */
async function completed<T>(steps: Generator<void, T, void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export function policyRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  /** Projects with a what-if running: one at a time each, so repeated clicks cannot pile work up. */
  const running = new Set<string>();

  addProjectRoute(app, 'policy', {
    summary: 'The policy in force, the standard preset, and every knob: its kind and bounds, standard value, rule ids and meaning in zh-CN and English',
    tags: ['policy'],
    params: projectParams,
    answer: policyCatalogueSchema,
    handler: async (_input, req) => {
      const { handle } = inProject(req);
      const engine = await handle.engine();
      return { policy: engine.policy, standard: STANDARD_POLICY, sections: POLICY_SECTIONS, knobs: POLICY_KNOBS, whatIfDays: WHAT_IF_DAYS };
    },
  });

  addProjectRoute(app, 'policyWhatIf', {
    summary:
      'What if the edited policy had been in force for the last `days` (30): the recorded facts re-decided under it, and the customers whose owner or protection, the units whose credit, and the recorded answers that would change; records nothing',
    tags: ['policy'],
    params: projectParams,
    body: whatIfBody,
    answer: whatIfAnswerSchema,
    handler: async ({ body }, req) => {
      const { caller, handle } = inProject(req);
      const project = handle.project.id;
      if (running.has(project)) throw new ApiError('rate_limited', { detail: 'a what-if is already running for this project', retryAfterSeconds: 5 });
      running.add(project);
      let result: WhatIf;
      const now = clock();
      const days = body.days ?? WHAT_IF_DAYS;
      const engine = await handle.engine();
      try {
        const facts = await handle.facts(0);
        // A SQL log begins with the starting policy; an in-memory office records none, and its policy stands in.
        const first = facts[0];
        const initialPolicy = first?.type === 'policySet' ? first.policy : engine.policy;
        result = await completed(whatIfSteps({ facts, zone: handle.project.zone, initialPolicy, candidate: body.policy, from: now - days * DAY_MS, now }));
      } finally {
        running.delete(project);
      }
      const viewer = new Viewer(caller, 'policyWhatIf');
      const answer = presentWhatIf(result, days, engine, viewer, handle.project.zone);
      await viewer.log(db, handle.project.id, now);
      return answer;
    },
  });
}
