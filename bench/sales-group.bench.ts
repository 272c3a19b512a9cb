// `npm run bench`: the sales-group benchmark (bench/group-bench.ts). Generates a group's year, loads it into
// SQLite and PostgreSQL, measures every figure beside its limit, prints the table and writes
// bench/results/<date>.json. Asserts nothing about time; exits non-zero if a count is wrong.
//
//   npm run bench -- [--scale ci|small|full] [--seed N] [--db sqlite,postgres] [--keep] [--markdown]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Dialect } from '../src/store/sql/db.ts';
import { runGroupBench, SIZES } from './group-bench.ts';
import { SCALES } from './group-history.ts';
import { problemsOf } from './group-checks.ts';
import { consoleTable, markdownTable, rowsOf } from './group-table.ts';
import { fmt, mib } from './group-stats.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'full' },
    seed: { type: 'string', default: '20250301' },
    db: { type: 'string', default: 'sqlite,postgres' },
    keep: { type: 'boolean', default: false },
    markdown: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const scale = SCALES[values.scale as string];
const sizes = SIZES[values.scale as string];
if (!scale || !sizes) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
const dialects = (values.db as string).split(',').map((d) => d.trim()) as Dialect[];
if (dialects.some((d) => d !== 'sqlite' && d !== 'postgres')) throw new Error('--db takes sqlite, postgres or both');
const seed = Number(values.seed);

const root = mkdtempSync(join(tmpdir(), 'anchang-bench-'));
console.log(`Sales-group benchmark, scale ${scale.name}: ${scale.offices} offices, ${fmt(scale.consultants)} consultants, ${fmt(scale.facts)} facts over ${scale.days} days (seed ${seed}); data in ${root}`);
const results = await runGroupBench({ scale, sizes, seed, dialects, root, keep: values.keep === true, log: (line) => console.log(line) });
if (values.keep !== true) rmSync(root, { recursive: true, force: true });

const d = results.dataset;
console.log(
  `\nDataset: ${d.offices} offices, ${fmt(d.consultants)} consultants (+${d.hired} hired, ${d.departures} departures), ${fmt(d.customers)} customers, ${fmt(d.facts)} facts over ${d.days} days; ` +
    `generated in ${fmt(d.generateMs / 1000, 1)} s, loaded in ${fmt(d.loadMs / 1000, 1)} s; store ${Object.entries(d.storeBytes).map(([k, v]) => `${k} ${fmt(mib(v ?? 0))} MiB`).join(', ')}`,
);
const rows = rowsOf(results);
console.log(`\n${consoleTable(rows)}`);
if (values.markdown) console.log(`\n${markdownTable(rows)}`);
console.log(`\nLoad average before ${results.load.before.map((x) => x.toFixed(2)).join(' ')}, after ${results.load.after.map((x) => x.toFixed(2)).join(' ')}; ${fmt(results.ms / 1000)} s in all`);

const today = new Date();
const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
const out = (values.out as string | undefined) ?? join(dirname(fileURLToPath(import.meta.url)), 'results', scale.name === 'full' ? `${date}.json` : `${date}-${scale.name}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ date: today.toISOString(), command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(), ...results, table: rows }, null, 2) + '\n');
console.log(`Wrote ${out}`);

const problems = problemsOf(results);
if (problems.length > 0) {
  console.error(`\nWrong counts:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
