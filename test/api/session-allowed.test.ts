// Issue 16.4: the session sends, per project, the endpoints the role may call — the API's own role table,
// so the screens show only actions the server takes. A supervisor is not sent `reassign`; a manager is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS, type EndpointName } from '../../src/api/access.policy.ts';
import { PROJECT, ROLE_USER, startHarness, type Harness } from './api-harness.ts';

describe('the session carries the role table (issue 16.4)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sends each project role exactly the endpoints the table grants it', async () => {
    for (const role of ['consultant', 'supervisor', 'manager', 'frontdesk', 'channelAssistant', 'broker'] as const) {
      const agent = await h.agent(ROLE_USER[role]);
      const session = (await agent.call('GET', '/api/session')).json();
      const membership = session.memberships.find((m: { project: string }) => m.project === PROJECT);
      const expected = (Object.keys(ENDPOINTS) as EndpointName[]).filter((name) => ENDPOINTS[name].grants[role] !== undefined);
      expect([...membership.allowed].sort(), role).toEqual([...expected].sort());
    }
  });

  it('a supervisor is not sent reassign, resolve or setPolicy; a manager is', async () => {
    const allowedOf = async (user: 'supervisor' | 'manager') => (await (await h.agent(user)).call('GET', '/api/session')).json().memberships.find((m: { project: string }) => m.project === PROJECT).allowed;
    const supervisor = await allowedOf('supervisor');
    for (const name of ['reassign', 'resolve', 'setPolicy', 'policyWhatIf', 'suspend', 'depart']) expect(supervisor).not.toContain(name);
    expect(supervisor).toContain('reorder');
    const manager = await allowedOf('manager');
    for (const name of ['reassign', 'resolve', 'setPolicy', 'policyWhatIf', 'suspend', 'depart']) expect(manager).toContain(name);
  });
});
