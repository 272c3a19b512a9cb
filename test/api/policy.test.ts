// The policy editor's endpoints: the policy with its knob catalogue, the what-if of an edited policy over
// the last 30 days (records nothing, shows customers per SEC-1 and logs them per SEC-2), validation issues
// that name the knob, and saving through setPolicy as a recorded fact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_KNOBS } from '../../src/api/policy-catalogue.ts';
import { STANDARD_POLICY, type Policy } from '../../src/core/policy.ts';
import { at, p, startHarness, type Harness } from './api-harness.ts';

const withProtection = (days: number): Policy => ({ ...STANDARD_POLICY, ownership: { ...STANDARD_POLICY.ownership, protectionDays: days } });

describe.each(['memory', 'sql'] as const)('policy editor, offices %s', (store) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite', { store });
    // 2026-03-02 09:00: A receives and registers 张先生; B receives 李女士 and registers her without her needs
    // (REG-2: kept, not valid), then again with them at 09:10.
    for (const who of ['A', 'B']) await h.run({ do: 'signIn', who });
    const visits = [
      { who: 'A', phone: '13800138000', name: '张先生', entries: [{ gender: 'M', needs: '三房' }] },
      { who: 'B', phone: '13900139000', name: '李女士', entries: [{ gender: 'F' }, { gender: 'F', needs: '两房', at: '2026-03-02 09:10' }] },
    ] as const;
    for (const { who, phone, name, entries } of visits) {
      await h.run({ do: 'arrive', phone, name });
      for (const { at: time, ...entry } of entries.map((e) => ({ at: undefined, ...e }))) {
        if (time) h.clock.now = at(time);
        await h.run({ do: 'register', by: who, via: 'visit', phone, name, ...entry });
      }
      await h.run({ do: 'done', who });
    }
    h.clock.now = at('2026-03-20 10:00');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('GET /policy: the policy in force and every knob with its kind, standard value, rule ids and meaning', async () => {
    const res = await (await h.agent('supervisor')).call('GET', p('/policy'));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.policy).toEqual(STANDARD_POLICY);
    expect(body.sections).toEqual(['rotation', 'registration', 'ownership', 'channel', 'splits', 'performance', 'disputes', 'registerOptions', 'reports']);
    // The office's own option lists and the daily summary's time are edited here too (REG-3, REP-3).
    expect(body.knobs.find((k: { path: string }) => k.path === 'registerOptions.sources')).toMatchObject({ kind: 'textList', rules: ['REG-3'] });
    expect(body.knobs.find((k: { path: string }) => k.path === 'reports.dailySummaryAt')).toMatchObject({ kind: 'clock', standard: '21:00', rules: ['REP-3'] });
    expect(body.knobs).toHaveLength(POLICY_KNOBS.length);
    expect(body.knobs.find((k: { path: string }) => k.path === 'ownership.protectionDays')).toMatchObject({
      section: 'ownership',
      kind: 'number',
      nullable: false,
      bounds: { min: 0, exclusiveMin: true },
      standard: 30,
      rules: ['OWN-2'],
      enforced: true,
      description: { 'zh-CN': expect.stringContaining('保护期'), en: expect.stringContaining('Protection') },
    });
    expect(body.knobs.find((k: { path: string }) => k.path === 'splits.cover')).toMatchObject({ kind: 'split', parts: ['owner', 'cover'], sumsToOne: true, labels: { owner: { 'zh-CN': '归属人' } } });
  });

  it('what-if: protection of 10 days lapses both customers; nothing is recorded; the manager sees them in full and the reads are logged', async () => {
    const m = await h.agent('manager');
    const before = (await h.handle.facts(0)).length;
    const res = await m.call('POST', p('/policy/what-if'), { body: { policy: withProtection(10) } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ days: 30, fromLocal: '2026-02-18 10:00', nowLocal: '2026-03-20 10:00', drift: 0, notRedecided: 0, totals: { ownerChanges: 2, credits: 0, decisions: 0, refused: 0 } });
    expect(body.customers).toEqual([
      expect.objectContaining({ customer: { phone: '13800138000', name: '张先生', masked: false }, ownerChanged: true, before: expect.objectContaining({ owner: 'A', protectedUntilLocal: '2026-04-01 09:00' }), after: { owner: null, protectedUntil: null, protectedUntilLocal: null }, rules: ['OWN-2'] }),
      expect.objectContaining({ customer: expect.objectContaining({ phone: '13900139000' }), before: expect.objectContaining({ owner: 'B' }), after: expect.objectContaining({ owner: null }) }),
    ]);
    expect(body.names).toMatchObject({ A: '王磊', B: '李娜' });
    expect((await h.handle.facts(0)).length).toBe(before);
    const reads = (await m.call('GET', p('/record-reads?customer=13800138000'))).json().reads;
    expect(reads[0]).toMatchObject({ customer: '13800138000', endpoint: 'policyWhatIf', login: 'm' });
  });

  it('what-if: a registration rule that voids an entry changes the answer recorded for it', async () => {
    const policy: Policy = { ...STANDARD_POLICY, registration: { required: ['name', 'phone'] } };
    const body = (await (await h.agent('manager')).call('POST', p('/policy/what-if'), { body: { policy } })).json();
    // Without needs required, B's first entry of 李女士 is valid.
    expect(body.decisions).toEqual([expect.objectContaining({ type: 'registered', customer: expect.objectContaining({ phone: '13900139000' }), before: { by: 'B', valid: false }, after: { by: 'B', valid: true } })]);
    expect(body.totals.ownerChanges).toBe(0);
    // Her second entry, ten minutes later, is an effective contact either way: her owner and protection are the same.
    expect(body.customers).toEqual([]);
  });

  it('validation names the knob: field-level issues below policy.', async () => {
    const m = await h.agent('manager');
    const bad = { ...STANDARD_POLICY, ownership: { ...STANDARD_POLICY.ownership, protectionDays: 0 }, splits: { ...STANDARD_POLICY.splits, cover: { owner: 0.7, cover: 0.5 } } };
    const res = await m.call('POST', p('/policy/what-if'), { body: { policy: bad }, headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(400);
    const { code, issues } = res.json();
    expect(code).toBe('validation');
    expect(issues.map((i: { in: string; path: string }) => `${i.in}:${i.path}`).sort()).toEqual(['body:policy.ownership.protectionDays', 'body:policy.splits.cover']);
    const unknown = await m.call('POST', p('/policy/what-if'), { body: { policy: { ...STANDARD_POLICY, ownership: { ...STANDARD_POLICY.ownership, graceDays: 3 } } } });
    expect(unknown.json().issues).toEqual([expect.objectContaining({ path: 'policy.ownership', code: 'unrecognized_keys' })]);
    expect((await m.call('POST', p('/policy/what-if'), { body: { policy: STANDARD_POLICY, days: 400 } })).json().issues[0]).toMatchObject({ path: 'days' });
    // Saving is validated the same way.
    expect((await m.call('POST', p('/commands/setPolicy'), { body: { policy: bad } })).json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['policy.ownership.protectionDays', 'policy.splits.cover']);
  });

  it('saving is a recorded fact by the manager; a what-if then ignores it in the candidate run', async () => {
    const m = await h.agent('manager');
    const saved = await m.call('POST', p('/commands/setPolicy'), { body: { policy: withProtection(20) } });
    expect(saved.statusCode, saved.body).toBe(200);
    const fact = (await h.handle.facts(0)).at(-1);
    expect(fact).toMatchObject({ type: 'policySet', by: 'M', policy: { ownership: { protectionDays: 20 } } });
    expect((await m.call('GET', p('/policy'))).json().policy.ownership.protectionDays).toBe(20);
    const body = (await m.call('POST', p('/policy/what-if'), { body: { policy: STANDARD_POLICY } })).json();
    // (A SQL log's opening policy lies in the window too; it is no change, and not listed.)
    expect(body.ignoredPolicyChanges).toEqual([fact?.seq]);
    // Back to 30 days: both customers are protected again until 2026-04-01.
    expect(body.customers.map((c: { after: { owner: string } }) => c.after.owner)).toEqual(['A', 'B']);
  });
});
