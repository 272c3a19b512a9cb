// Another server process's session look-up on the same PostgreSQL database, for session-cache.test.ts:
// `node --import tsx session-child.ts <url>`. Prints `ready` once it listens; then answers each stdin line
// `find <token>` with `live <memberships> <kept> <read>` or `none <kept> <read>`, where kept and read count
// the look-ups answered from the process and from the database so far.
import { createInterface } from 'node:readline';
import { openSessionLookup } from '../../../src/accounts/session-cache.ts';
import { openPostgres } from '../../../src/store/sql/postgres-db.ts';

const db = openPostgres(process.argv[2] ?? '', { max: 2 });
// A long age: what this process forgets, it forgets because it heard a notice, not because a second passed.
const sessions = openSessionLookup(db, { maxAgeMs: 60_000 });
for (let i = 0; i < 1_500 && !sessions.caching(); i++) await new Promise((r) => setTimeout(r, 10));
process.stdout.write(sessions.caching() ? 'ready\n' : 'not listening\n');

for await (const line of createInterface({ input: process.stdin })) {
  const [verb, token] = line.trim().split(' ');
  if (verb !== 'find' || token === undefined) continue;
  const session = await sessions.find(token, Date.now());
  const { kept, read } = sessions.counts();
  process.stdout.write(session ? `live ${session.memberships.length} ${kept} ${read}\n` : `none ${kept} ${read}\n`);
}
await sessions.close();
await db.close();
