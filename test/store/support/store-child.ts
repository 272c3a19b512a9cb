// A second process on the same database, for the cross-process tests: `node --import tsx store-child.ts '<json>'`.
//   stream: registers new phones one after another, printing `ack <seq> <phone>` once each is committed,
//           until it is killed.
//   race:   prints `ready`, waits for `go` on stdin, then registers every phone in `phones` by each of its
//           consultants at once, prints `done`, and exits.
import { createInterface } from 'node:readline';
import type { Place } from './dialects.ts';
import { openPlace } from './dialects.ts';
import { MANAGER, openOffices, phone, registration } from './store-fixture.ts';

interface Args {
  readonly place: Place;
  readonly project: string;
  readonly mode: 'stream' | 'race';
  readonly consultants: readonly string[];
  readonly phones?: readonly string[];
  readonly from?: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const db = openPlace(args.place);
const offices = await openOffices(db);
const office = await offices.open(args.project);
if (!office) throw new Error(`no project ${args.project}`);

if (args.mode === 'stream') {
  for (let i = args.from ?? 0; ; i++) {
    const p = phone(i);
    const out = await office.execute(registration(args.consultants[i % args.consultants.length] as string, p), MANAGER);
    process.stdout.write(`ack ${out.seq} ${p}\n`);
  }
} else {
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'go') break;
  const outcomes = await Promise.all(args.consultants.flatMap((c) => (args.phones ?? []).map((p) => office.execute(registration(c, p), MANAGER))));
  process.stdout.write(`done ${outcomes.filter((o) => o.ok).length}\n`);
  await offices.close();
  await db.close();
  process.exit(0);
}
