// A reconnect's replay from the store (issue 14 item 1): the facts' seq, type and time as the log has them,
// the arrivals among them in full (an owner alert names the customer), at most `limit` of them — and no
// other customer's personal data opened: a replay costs its rows, not the vault's unsealing.
import { describe, expect, it } from 'vitest';
import { DIALECTS, scratch } from './support/dialects.ts';
import { freshProject, must, phone, registration } from './support/store-fixture.ts';

describe.each(DIALECTS)('the stream backlog on %s', (dialect) => {
  const place = scratch(dialect);

  it('gives what facts() gives for the replay, the arrivals in full, bounded by the limit', async () => {
    const { office } = await freshProject(place);
    for (let i = 0; i < 6; i++) await must(office, registration(`c${(i % 3) + 1}`, phone(i), `客户${i}`));
    await must(office, { do: 'signIn', who: 'c1' });
    await must(office, { do: 'arrive', phone: phone(0) });
    await must(office, { do: 'arrive', phone: phone(4), name: '到访者' });
    const all = await office.facts(0);
    const backlog = office.backlog;
    if (!backlog) throw new Error('the SQL store replays without the vault');
    const after = 3;
    const replay = await backlog.call(office, after, 1000);
    expect(replay.facts).toEqual(all.filter((f) => f.seq > after).map((f) => ({ seq: f.seq, type: f.type, at: f.at })));
    expect(replay.arrivals).toEqual(all.filter((f) => f.type === 'partyArrived'));
    expect(replay.arrivals.map((a) => (a.type === 'partyArrived' ? a.phone : null))).toEqual([phone(0), phone(4)]);
    // The registrations in the replay are never opened: only seq, type and time come back for them.
    expect(JSON.stringify(replay.facts)).not.toContain('客户');
    const short = await backlog.call(office, after, 2);
    expect(short.facts.map((f) => f.seq)).toEqual([after + 1, after + 2]);
  });
});
