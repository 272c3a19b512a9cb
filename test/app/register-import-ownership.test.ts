// Issue 11.4, must show: ownership answered from imported paper-era entries equals ownership of the same
// history entered live. One generated history of visits, calls and follow-ups (several consultants contending
// for the same customers, protection lapsing and renewing, SMS and unreached follow-ups); office A enters all of
// it live as it happens; office B went live at the cutoff, entered the rest live, and then imported the paper
// register of everything before the cutoff from a .csv file. At every instant asked, every customer's owner,
// protection, last contact, history of owners and reasons (by rule and code) are the same.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/app/commands.ts';
import { execute } from '../../src/app/handlers.ts';
import { commitRegisterImport } from '../../src/app/register-import/commit-register-import.ts';
import { suggestRegisterMapping } from '../../src/app/register-import/register-columns.ts';
import { importContextOf, planRegisterImport } from '../../src/app/register-import/register-import-plan.ts';
import { mulberry32 } from '../../bench/history.ts';
import type { Engine } from '../../src/core/engine.ts';
import { STANDARD_POLICY } from '../../src/core/policy.ts';
import { DAY_MS, formatLocalTime, type Instant } from '../../src/core/time.ts';
import { readRegisterSheet } from '../../src/import/read-register-sheet.ts';
import { MemoryOffice } from '../../src/store/memory-store.ts';
import { at, ZONE } from '../support/office.ts';

const STAFF = [['A', '王磊'], ['B', '李娜'], ['C', '张伟'], ['D', '刘洋']] as const;
const START = at('2025-06-01 09:00');
const CUTOFF = at('2025-10-01 00:00');
const END = at('2025-12-31 18:00');
const CUSTOMERS = 150;

interface Entry {
  readonly at: Instant;
  readonly kind: 'visit' | 'call' | 'followUp';
  readonly phone: string;
  readonly by: string;
  readonly reached: boolean;
  readonly via: 'call' | 'sms' | 'wechat';
}

function history(seed: number): Entry[] {
  const random = mulberry32(seed);
  const entries: Entry[] = [];
  const used = new Set<number>();
  for (let i = 0; i < 1_800; i++) {
    // Distinct minutes between 09:00 and 21:00 local, so no two entries share an instant.
    let t: Instant;
    do {
      const day = Math.floor(random() * ((END - START) / DAY_MS));
      t = START + day * DAY_MS + Math.floor(random() * 720) * 60_000;
    } while (used.has(t));
    used.add(t);
    const r = random();
    const kind = r < 0.45 ? 'visit' : r < 0.65 ? 'call' : 'followUp';
    entries.push({ at: t, kind, phone: `1380000${String(Math.floor(random() * CUSTOMERS)).padStart(4, '0')}`, by: STAFF[Math.floor(random() * STAFF.length)]?.[0] as string, reached: random() < 0.8, via: random() < 0.2 ? 'sms' : random() < 0.5 ? 'wechat' : 'call' });
  }
  return entries.sort((a, b) => a.at - b.at);
}

function newOffice(): MemoryOffice {
  const office = new MemoryOffice(STANDARD_POLICY, ZONE, START - DAY_MS);
  for (const [id, name] of STAFF) office.append({ type: 'staffJoined', at: START - DAY_MS, staff: { id, role: 'consultant', name } });
  office.append({ type: 'staffJoined', at: START - DAY_MS, staff: { id: 'M', role: 'manager', name: '赵经理' } });
  return office;
}

function live(e: Entry): Command {
  return e.kind === 'followUp' ? { do: 'followUp', by: e.by, phone: e.phone, reached: e.reached, via: e.via } : { do: 'register', by: e.by, via: e.kind, phone: e.phone, name: '顾客', needs: '三房' };
}

/** The paper register of `entries` as an office would have kept it, under its Chinese headers. */
function paperCsv(entries: readonly Entry[]): Buffer {
  const names = Object.fromEntries(STAFF);
  const words = { visit: '来访', call: '来电', followUp: '跟进' } as const;
  const via = { call: '电话', sms: '短信', wechat: '微信' } as const;
  const lines = ['日期,类型,客户姓名,联系电话,置业顾问,需求,跟进方式,是否接通'];
  for (const e of entries) {
    const [day, clock] = formatLocalTime(e.at, ZONE).split(' ');
    const followUp = e.kind === 'followUp';
    lines.push([`${day} ${clock}`, words[e.kind], followUp ? '' : '顾客', e.phone, names[e.by], followUp ? '' : '三房', followUp ? via[e.via] : '', followUp ? (e.reached ? '是' : '否') : ''].join(','));
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** An answer without the seqs of the records it cites (the two offices number their facts differently). */
function comparable(engine: Engine, phone: string, now: Instant) {
  const a = engine.ownership(phone, now);
  return { owner: a.owner, protectedUntil: a.protectedUntil, lastContact: a.lastContact, spans: a.spans, reasons: a.reasons.map((r) => `${r.rule}:${r.code}`) };
}

describe('ownership from an imported paper register', () => {
  it.each([1, 2, 3])('equals ownership of the same history entered live (seed %i)', async (seed) => {
    const entries = history(seed);
    const paper = entries.filter((e) => e.at < CUTOFF);
    const after = entries.filter((e) => e.at >= CUTOFF);
    expect(paper.length).toBeGreaterThan(400);

    const b = newOffice();
    for (const e of after) expect(execute(b, live(e), e.at).ok).toBe(true);
    const importAt = END + DAY_MS;
    const read = await readRegisterSheet(paperCsv(paper));
    if (!read.ok) throw new Error(read.code);
    const plan = planRegisterImport(read.grid, suggestRegisterMapping(read.grid.headers), importContextOf(b.engine, importAt));
    if (!plan.ok) throw new Error('refused');
    const importedAt = new Set(plan.entries.map((p) => p.entry.at));
    const result = await commitRegisterImport(async (command) => execute(b, command, importAt), plan.entries, 'paper', 'M');
    expect(result.committed).toBe(plan.entries.length);
    expect(plan.rejects.every((r) => r.reasons.every((x) => x.code === 'duplicate_in_file'))).toBe(true);
    // Office A enters the whole history live — but for the paper entries the file could not hold twice (one
    // entry of a kind per customer and day), which the import rejects as duplicates and A therefore leaves out too.
    const a2 = newOffice();
    for (const e of entries) if (e.at >= CUTOFF || importedAt.has(e.at)) expect(execute(a2, live(e), e.at).ok).toBe(true);
    expect(plan.entries.length + plan.rejects.length).toBe(paper.length);

    const phones = [...new Set(entries.map((e) => e.phone))];
    const instants = [START + 30 * DAY_MS, CUTOFF - 1, CUTOFF + 10 * DAY_MS, END, importAt, END + 45 * DAY_MS, END + 120 * DAY_MS];
    let owned = 0;
    for (const now of instants)
      for (const phone of phones) {
        const expected = comparable(a2.engine, phone, now);
        if (expected.owner !== null) owned++;
        expect(comparable(b.engine, phone, now), `${phone} at ${formatLocalTime(now, ZONE)}`).toEqual(expected);
      }
    expect(owned).toBeGreaterThan(phones.length); // the comparison is not of empty answers
  });
});
