// Issue 16.3: every change the what-if counts is one its table can show. On the demo office, editing the
// policy knob by knob, each listed decision differs in a field of its answer (no "受理 → 受理" rows), and
// the one real difference the table lacked — how a report's number is kept (CH-8) — is a column.
import { describe, expect, it } from 'vitest';
import { whatIf } from '../../src/app/what-if.ts';
import { STANDARD_POLICY, type Policy } from '../../src/core/policy.ts';
import { DAY_MS } from '../../src/core/time.ts';
import { seedDemoOffice } from '../../src/server/demo-office.ts';
import { MemoryOffices } from '../../src/store/memory-offices.ts';

const NOW = Date.parse('2026-12-06T10:00:00Z');

const EDITS: readonly (readonly [string, string, unknown])[] = [
  ['channel', 'reportNumber', 'first4last3'],
  ['channel', 'reportNumber', 'first3last4'],
  ['ownership', 'protectionDays', 1],
  ['ownership', 'protectionDays', 90],
  ['channel', 'protectionDays', [1]],
  ['channel', 'minLeadMinutes', 600],
  ['disputes', 'windowDays', 0],
  ['registration', 'required', ['name', 'gender', 'phone', 'needs']],
  ['rotation', 'order', 'fewestNewToday'],
];

async function demoLog() {
  const offices = new MemoryOffices(() => NOW);
  const office = await seedDemoOffice(offices, NOW);
  if (!office) throw new Error('no demo office');
  return office.facts(0);
}

function edited(section: string, knob: string, value: unknown): Policy {
  const p = structuredClone(STANDARD_POLICY) as unknown as Record<string, Record<string, unknown>>;
  (p[section] as Record<string, unknown>)[knob] = value;
  return p as unknown as Policy;
}

describe('what-if: the count is the rows, each row a visible difference (issue 16.3)', () => {
  it('lists no decision whose answer is the same before and after, for any edited knob', async () => {
    const facts = await demoLog();
    for (const [section, knob, value] of EDITS) {
      const r = whatIf({ facts, zone: 'Asia/Shanghai', initialPolicy: STANDARD_POLICY, candidate: edited(section, knob, value), from: NOW - 30 * DAY_MS, now: NOW });
      for (const d of r.decisions) expect(d.after, `${section}.${knob}: #${d.seq} ${d.type}`).not.toEqual(d.before);
    }
  });

  it('a protection edit that leaves an order’s credit alone lists no decision for it: its reasons alone changed', async () => {
    const facts = await demoLog();
    const r = whatIf({ facts, zone: 'Asia/Shanghai', initialPolicy: STANDARD_POLICY, candidate: edited('ownership', 'protectionDays', 1), from: NOW - 30 * DAY_MS, now: NOW });
    expect(r.customers.length).toBeGreaterThan(0);
    expect(r.decisions.filter((d) => d.type === 'ordered')).toEqual([]);
  });

  it('CH-8: masking reports shows how the report would be kept, the mask in place of the full number', async () => {
    const facts = await demoLog();
    const r = whatIf({ facts, zone: 'Asia/Shanghai', initialPolicy: STANDARD_POLICY, candidate: edited('channel', 'reportNumber', 'first4last3'), from: NOW - 30 * DAY_MS, now: NOW });
    const reports = r.decisions.filter((d) => d.type === 'reported');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.before).toEqual({ accepted: true, number: 'full' });
    expect(reports[0]?.after).toEqual({ accepted: true, number: '1778****999' });
  });
});
