// The answers the API sends are the answers its contract (src/contracts) describes: each main read and a
// command, called for real, parses under its answer schema, which is strict (a field the contract does not
// name fails too). The types catch a presenter that drifts at compile time; this catches what types cannot
// (a cast, a spread of a wider object). The OpenAPI document carries the same schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  boardSchema,
  commandAnswerSchema,
  errorBodySchema,
  judgementSchema,
  monthReportSchema,
  myCustomersSchema,
  ownershipAnswerSchema,
  policyCatalogueSchema,
  projectsAnswerSchema,
  recordReadsSchema,
  registerPageSchema,
  rosterSchema,
  sessionInfoSchema,
  timelineSchema,
  todayAnswerSchema,
  unitCreditSchema,
  whatIfAnswerSchema,
} from '../../src/contracts/index.ts';
import { STANDARD_POLICY } from '../../src/core/policy.ts';
import { at, p, startHarness, type Harness, type UserKey } from './api-harness.ts';

describe('the answers are the contract', () => {
  let h: Harness;
  const answer = async (user: UserKey, method: string, url: string, schema: z.ZodType, body?: unknown) => {
    const res = await (await h.agent(user)).call(method, url, body === undefined ? {} : { body });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const parsed = schema.safeParse(res.json());
    expect(parsed.success ? [] : parsed.error.issues, `${method} ${url}`).toEqual([]);
  };

  beforeAll(async () => {
    h = await startHarness('sqlite');
    await h.run({ do: 'signIn', who: 'A' });
    await h.run({ do: 'signIn', who: 'B' });
    await h.run({ do: 'report', broker: 'X', phone: '13700137000', name: '王先生' });
    await h.run({ do: 'arrive', phone: '13800138000', name: '张先生' });
    await h.run({ do: 'register', by: 'A', via: 'visit', phone: '13800138000', name: '张先生', needs: '三房' });
    await h.run({ do: 'link', phone: '13800138000', to: '13900139000', relation: 'spouse' });
    await h.run({ do: 'deal', phone: '13800138000', unit: 'U1', by: 'A', stage: 'deposit' });
    h.clock.now = at('2026-03-02 11:00');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('session, projects, floor, today, credit', async () => {
    await answer('manager', 'GET', '/api/session', sessionInfoSchema);
    await answer('manager', 'GET', '/api/projects', projectsAnswerSchema);
    await answer('frontdesk', 'GET', p('/floor'), boardSchema);
    await answer('frontdesk', 'GET', p('/today'), todayAnswerSchema);
    await answer('manager', 'GET', p('/units/U1/credit'), unitCreditSchema);
  });

  it('customers: judge (full and masked), ownership, timeline (full and masked), my customers, the read log', async () => {
    await answer('consultant', 'GET', p('/judge?phone=13800138000'), judgementSchema);
    await answer('consultantB', 'GET', p('/judge?phone=13800138000'), judgementSchema);
    await answer('frontdesk', 'GET', p('/judge?phone=13700137000'), judgementSchema);
    await answer('frontdesk', 'GET', p('/customers/13800138000/ownership'), ownershipAnswerSchema);
    await answer('consultant', 'GET', p('/customers/13800138000/timeline'), timelineSchema);
    await answer('consultantB', 'GET', p('/customers/13800138000/timeline'), timelineSchema);
    await answer('consultant', 'GET', p('/my-customers'), myCustomersSchema);
    await answer('manager', 'GET', p('/record-reads'), recordReadsSchema);
  });

  it('the manager: register, pool, roster, month, policy and a what-if', async () => {
    await answer('manager', 'GET', p('/customers'), registerPageSchema);
    await answer('manager', 'GET', p('/customers?status=pool'), registerPageSchema);
    await answer('manager', 'GET', p('/staff'), rosterSchema);
    await answer('manager', 'GET', p('/performance?month=2026-03'), monthReportSchema);
    await answer('manager', 'GET', p('/policy'), policyCatalogueSchema);
    const edited = { ...STANDARD_POLICY, ownership: { ...STANDARD_POLICY.ownership, protectionDays: 1 } };
    await answer('manager', 'POST', p('/policy/what-if'), whatIfAnswerSchema, { policy: edited, days: 1 });
  });

  it('a command answers {answer, seq, replayed}; a refusal and a bad request are error bodies', async () => {
    await answer('consultant', 'POST', p('/commands/followUp'), commandAnswerSchema, { phone: '13800138000', reached: true });
    const agent = await h.agent('consultant');
    for (const res of [await agent.call('POST', p('/commands/back'), { body: {} }), await agent.call('GET', p('/judge?phone=12'))]) {
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(errorBodySchema.safeParse(res.json()).success, res.body).toBe(true);
    }
  });

  it('the OpenAPI document shows the answers of the main reads', async () => {
    const doc = (await h.anonymous('GET', '/api/openapi.json')).json();
    for (const path of ['/floor', '/today', '/judge', '/customers/{phone}/timeline', '/my-customers', '/customers', '/staff', '/performance', '/policy']) {
      const ok = doc.paths[`/api/projects/{project}${path}`].get.responses['200'];
      expect(ok?.content?.['application/json']?.schema?.properties, path).toBeDefined();
    }
    expect(doc.paths['/api/projects/{project}/judge'].get.responses['200'].content['application/json'].schema.properties.suggested).toBeDefined();
  });
});
