// The ownership rules' collisions on both databases (issue 12 item 3): two managers giving out introduced
// customers at once (OWN-9) are decided once each, in turn; two freezes at once record two registers, each whole.
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../../src/core/facts.ts';
import { DIALECTS, scratch } from './support/dialects.ts';
import { consultants, createProject, freshProject, MANAGER, must, openOffices, phone, registration } from './support/store-fixture.ts';

describe.each(DIALECTS)('ownership rules racing on %s', (dialect) => {
  const place = scratch(dialect);

  it.each(dialect === 'postgres' ? [1, 2] : [1])('12 introduced customers given out at once through %i instance(s) go round the 4 consultants exactly 3 times', async (n) => {
    const { db, place: where } = await place.fresh();
    const first = await openOffices(db);
    await createProject(first, 'p1', [...consultants(4), { id: 'm1', role: 'manager' }]);
    const all = [first];
    while (all.length < n) all.push(await openOffices(place.open(where)));
    const handles = await Promise.all(all.map(async (o) => (await o.open('p1'))!));
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => handles[i % n]!.execute({ do: 'assignIntroduced', phone: phone(100 + i), source: '总经理介绍', by: 'm1' }, MANAGER)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const given = (await handles[0]!.facts(0)).filter((f): f is Recorded<Extract<Recorded, { type: 'introducedAssigned' }>> => f.type === 'introducedAssigned');
    // In the order the database decided them: c1, c2, c3, c4, c1, … — never two in a row to the same consultant.
    expect(given.map((f) => f.to)).toEqual(Array.from({ length: 12 }, (_, i) => `c${(i % 4) + 1}`));
    // The same phone given twice at once: one assignment, the other refused as already owned.
    const twice = await Promise.all([0, 1].map((i) => handles[i % n]!.execute({ do: 'assignIntroduced', phone: phone(999), source: '领导介绍', by: 'm1' }, MANAGER)));
    expect(twice.filter((o) => o.ok).length).toBe(1);
    expect(twice.filter((o) => !o.ok).map((o) => (o.ok ? null : o.refusal.code))).toEqual(['customer_owned']);
    await Promise.all(all.map((o) => o.close()));
  });

  it('an owner marking one alert read from two devices at once: one read mark, the other already decided (RISK-2)', async () => {
    const { offices, office } = await freshProject(place);
    await must(office, registration('c1', phone(5)));
    const arrival = await must(office, { do: 'arrive', phone: phone(5) });
    const marks = await Promise.all([0, 1].map(() => office.execute({ do: 'markAlertRead', who: 'c1', arrival }, MANAGER)));
    expect(marks.filter((o) => o.ok).length).toBe(1);
    expect(marks.filter((o) => !o.ok).map((o) => (o.ok ? null : o.refusal.code))).toEqual(['already_decided']);
    expect((await office.facts(0)).filter((f) => f.type === 'alertRead')).toHaveLength(1);
    await offices.close();
  });
});
